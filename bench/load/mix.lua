-- wrk script: signed-in users of several roles, each on the pages of their day, in turn.
-- PTDV_SESSIONS: "cookie-header|path,path,...^cookie-header|path,..." (one entry per user), written by load.sh
-- (a cookie header holds "; " itself).
-- Counts any answer other than 200 (a redirect to the sign-in page means a lost session) and prints one RESULT line.
local threads = {}
local plan = {}

local function split(text, sep)
  local parts = {}
  for part in string.gmatch(text, "([^" .. sep .. "]+)") do table.insert(parts, part) end
  return parts
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  for _, entry in ipairs(split(os.getenv("PTDV_SESSIONS") or "", "^")) do
    local fields = split(entry, "|")
    for _, path in ipairs(split(fields[2] or "/", ",")) do
      table.insert(plan, { cookie = fields[1], path = path })
    end
  end
  if #plan == 0 then table.insert(plan, { cookie = "", path = wrk.path }) end
  -- Each thread starts at another place in the mix.
  step = math.random(#plan)
end

function request()
  step = step % #plan + 1
  local item = plan[step]
  return wrk.format("GET", item.path, { ["Cookie"] = item.cookie })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local notok = 0
  for _, t in ipairs(threads) do notok = notok + (t:get("bad") or 0) end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f socket_errors=%d not_ok=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, notok))
end
