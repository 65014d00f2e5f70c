#!/usr/bin/env bash
# Load benchmark of one commune (issue 14): the built application (Release) on the demo commune in a fresh SQLite file,
# wrk on the trivial endpoint (the public lunar-calendar API) and on a mix of pages as signed-in users of four roles
# (office, committee member, cell secretary, inspector), in the same run; the dashboard and the forecast page alone;
# resident memory after the load; the start to the first answer on the existing database.
#
#   bench/load/load.sh            full: 60 s of the mix to warm up, then 3 runs of 20 s each, 64 connections; medians
#                                 printed as a table
#   bench/load/load.sh --short    2 s each, 8 connections: the check ./test.sh runs so the script cannot rot
#   PTDV_EXE=publish-server/PhatTrienDangVien.Web bench/load/load.sh
#                                 the same with a published executable instead of the build (README "Published builds")
#
# Needs: a Release build (dotnet build PhatTrienDangVien.slnx -c Release), wrk, curl, python3. Ends with a line
# "load benchmark: ok" or "load benchmark: FAILED (…)" and exits non-zero when a page answered other than 200.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
short=0; [ "${1:-}" = "--short" ] && short=1
if [ $short -eq 1 ]; then runs=1; duration=2s; connections=8; threads=2; warm=0; else runs=3; duration=20s; connections=64; threads=2; warm=60; fi

if [ -n "${PTDV_EXE:-}" ]; then
  [ -x "$PTDV_EXE" ] || { echo "load benchmark: FAILED (PTDV_EXE is not an executable: $PTDV_EXE)"; exit 1; }
  app=("$(realpath "$PTDV_EXE")")
else
  dll=$(ls -t src/PhatTrienDangVien.Web/bin/Release/net10.0/PhatTrienDangVien.Web.dll 2>/dev/null | head -n 1)
  [ -n "$dll" ] || { echo "load benchmark: FAILED (no Release build: dotnet build PhatTrienDangVien.slnx -c Release)"; exit 1; }
  app=(dotnet "$root/$dll")
fi
command -v wrk >/dev/null || { echo "load benchmark: FAILED (wrk is not installed: apt-get install wrk)"; exit 1; }

work=$(mktemp -d /tmp/ptdv-load.XXXXXX)
port=""
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
base="http://127.0.0.1:$port"
pid=""
stop_app() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
trap 'stop_app; rm -rf "$work"' EXIT

# The environment of the service unit in docs/deploy.md: the workstation GC and two arenas of glibc's allocator (which
# reads it at its own start, before any code of ours runs; decision 0043).
start_app() { # $@: extra arguments
  ( cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 MALLOC_ARENA_MAX=2 "${app[@]}" --urls="$base" \
      "--ConnectionStrings:Default=Data Source=$work/ptdv.db" --Notifications:Background=false --Backup:Enabled=false \
      --SignIn:AddressPermitLimit=100000 --Logging:LogLevel:Default=Warning "$@" >>"$work/app.log" 2>&1 ) &
  pid=$!
}
wait_ready() { # prints the milliseconds from $1 (ns) to the first 200
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/Account/Login")" = "200" ]; then echo $(( ($(date +%s%N) - $1) / 1000000 )); return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "the application stopped: $(tail -n 20 "$work/app.log")" >&2; return 1; }
    sleep 0.1
  done
  return 1
}

# The demo commune is written by the admin command, in a process of its own: a server does not seed a demo, and the
# seeding's garbage and code stayed in the measured process (the same build after 80 s of the mix: 345 MB resident
# with the seeding in it, 287 MB without; docs/benchmarks.md, 06/12/2026).
( cd "$work" && env ASPNETCORE_ENVIRONMENT=Production "${app[@]}" seed-demo "--ConnectionStrings:Default=Data Source=$work/ptdv.db" \
    --Logging:LogLevel:Default=Warning >>"$work/app.log" 2>&1 ) || { echo "load benchmark: FAILED (seed-demo: $(tail -n 20 "$work/app.log"))"; exit 1; }
t0=$(date +%s%N)
start_app
wait_ready "$t0" >/dev/null || { echo "load benchmark: FAILED (the application did not start)"; exit 1; }

totp() { python3 -c '
import base64,hmac,hashlib,struct,sys,time
k=base64.b32decode(sys.argv[1]+"="*(-len(sys.argv[1])%8)); c=struct.pack(">Q",int(time.time())//30)
h=hmac.new(k,c,hashlib.sha1).digest(); o=h[-1]&15
print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$1"; }
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }

# Signs a demo user in; prints the Cookie header of the session.
sign_in() { # $1 user
  local jar="$work/$1.jar" t loc
  t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
  loc=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -X POST "$base/Account/Login" \
    --data-urlencode "UserName=$1" --data-urlencode "Password=NhonMy-2025" --data-urlencode "__RequestVerificationToken=$t")
  if [[ "$loc" == *LoginTwoFactor* ]]; then
    t=$(curl -s -c "$jar" -b "$jar" "$loc" | token)
    curl -s -o /dev/null -c "$jar" -b "$jar" -X POST "$loc" --data-urlencode "Code=$(totp NHONMYDEMOPTDVKEYTESTTWOFACTOR23)" \
      --data-urlencode "__RequestVerificationToken=$t"
  fi
  awk -F'\t' 'NF>=7 {sub(/^#HttpOnly_/,"",$1); printf "%s%s=%s", (n++?"; ":""), $6, $7}' "$jar"
}

# Each role on the pages of its day (README "Trang chủ theo vai trò").
declare -A pages=(
  [vanphong]="/,/Dashboard,/Work,/Candidates,/Members,/Dashboard/Forecast,/Reports/Progress,/Notifications"
  [capuy]="/,/Dashboard,/Work,/Candidates,/Members"
  [bithu]="/,/Work,/Candidates,/Members"
  [kiemtra]="/,/Inspections,/Dashboard,/Ratings"
)
sessions=""; failed=""
for user in vanphong capuy bithu kiemtra; do
  cookie=$(sign_in "$user")
  ok=""
  for path in ${pages[$user]//,/ }; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
    if [ "$code" = "200" ]; then ok="$ok${ok:+,}$path"; else failed="$failed $user$path→$code"; fi
  done
  sessions="$sessions${sessions:+^}$cookie|$ok"
done
[ -z "$failed" ] || { echo "load benchmark: FAILED (before the load, not 200:$failed)"; exit 1; }
office=${sessions%%^*}; office_cookie=${office%%|*}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { grep -o "$1=[0-9.]*" | cut -d= -f2; }
measure() { # $1 label, then the wrk arguments; prints "label rps p50 p99 not_ok", medians over the runs
  local label=$1; shift
  local out="$work/$(echo "$label" | tr -c 'a-z0-9' '_').txt"; : >"$out"
  for _ in $(seq 1 $runs); do wrk -t$threads -c$connections -d$duration --latency -s bench/load/mix.lua "$@" | grep '^RESULT' >>"$out"; done
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$(field rps <"$out" | median)" "$(field p50_ms <"$out" | median)" "$(field p99_ms <"$out" | median)" \
    "$( (field not_ok <"$out"; field socket_errors <"$out") | awk '{s+=$1} END {print s+0}')"
}

results="$work/results.tsv"
PTDV_SESSIONS="" measure "trivial endpoint (lunar calendar API)" "$base/api/calendar/lunar?date=2026-12-05" >>"$results"
# A server answers for hours: the pages are measured once the runtime's tiers have settled. Tiered PGO first runs the
# hot methods instrumented, then optimises them with what it saw; in the first minute of load the mix ran 20-30% slower
# (docs/benchmarks.md, 05/12/2026 21:50). The warm-up is not recorded.
if [ "$warm" -gt 0 ]; then PTDV_SESSIONS="$sessions" wrk -t$threads -c$connections -d${warm}s -s bench/load/mix.lua "$base/" >/dev/null; fi
PTDV_SESSIONS="$sessions" measure "mix of pages, 4 roles" "$base/" >>"$results"
PTDV_SESSIONS="$office_cookie|/Dashboard" measure "dashboard (office)" "$base/" >>"$results"
PTDV_SESSIONS="$office_cookie|/Dashboard/Forecast" measure "forecast page (office)" "$base/" >>"$results"
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo "?")

stop_app
t0=$(date +%s%N)
start_app
start_ms=$(wait_ready "$t0") || start_ms="?"
stop_app

trivial=$(head -n 1 "$results" | cut -f2)
echo
echo "| what | req/s | ratio to trivial | p50 ms | p99 ms | not 200 |"
echo "|---|---|---|---|---|---|"
while IFS=$'\t' read -r label rps p50 p99 bad; do
  ratio=$(awk -v a="$rps" -v b="$trivial" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "?" }')
  echo "| $label | $rps | $ratio | $p50 | $p99 | $bad |"
done <"$results"
echo "| resident memory after the load | ${rss} MB | | | | |"
echo "| start to first answer, existing database | ${start_ms} ms | | | | |"
echo "(${PTDV_EXE:-the build}, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), $runs run(s) of $duration, $connections connections, load average $(cut -d' ' -f1 /proc/loadavg))"

errors=$(cut -f5 "$results" | awk '{s+=$1} END {print s+0}')
if [ "${errors:-1}" -ne 0 ]; then echo "load benchmark: FAILED ($errors answers other than 200 under load)"; exit 1; fi
if [ "$(cut -f2 "$results" | awk '$1 <= 0' | wc -l)" -ne 0 ]; then echo "load benchmark: FAILED (a measurement made no request)"; exit 1; fi
echo "load benchmark: ok"
