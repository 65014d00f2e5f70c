#!/usr/bin/env bash
# Runs every test project against real parts: SQLite files, a throw-away PostgreSQL server, Debian's Chromium.
# Installs what is missing (Debian/Ubuntu, as root or with sudo). Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
# The Word forms' layout test: .docx → PDF → PNG; Liberation Serif stands in for Times New Roman with the same metrics.
command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# The Excel reports' print test converts .xlsx: Writer alone exits 0 and makes no PDF of a spreadsheet.
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The load benchmark's short run (bench/load/load.sh --short): wrk, and python3 for the demo's second factor.
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

# A throw-away PostgreSQL on a free loopback port, owned by the postgres user (initdb refuses root).
PGBIN=$(pg_bin)
pgdata=$(mktemp -d /tmp/ptdv-pg.XXXXXX)
chown postgres:postgres "$pgdata" 2>/dev/null || true
port=""
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { run_pg "$PGBIN/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdata"; }
trap stop_pg EXIT
run_pg "$PGBIN/initdb" -D "$pgdata" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null \
  && run_pg "$PGBIN/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w \
       -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { echo "PostgreSQL did not start"; cat "$pgdata/log" 2>/dev/null; echo "0 passed, 1 failed"; exit 1; }
export PTDV_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Maximum Pool Size=20"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Each test application would watch its settings files; dozens of them exhaust the user's inotify instances (128).
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The static files' version stamps (asp-append-version) watch wwwroot too: one inotify instance per test application,
# and the Web tests keep more than 128 applications alive. Polling needs none.
export DOTNET_USE_POLLING_FILE_WATCHER=1
# EF's check that a context serves one operation at a time is off in the installed application (decision 0040): on for
# every application the tests start, the demo's and the first run's hosts and the processes of TwoServerTests included.
export Database__ThreadSafetyChecks=true
dotnet build PhatTrienDangVien.slnx -c Release -v q -nologo 2>&1 | tail -n 5
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi

passed=0; failed=0; status=0
for project in tests/PhatTrienDangVien.Core.Tests tests/PhatTrienDangVien.Web.Tests tests/PhatTrienDangVien.Browser.Tests; do
  name=$(basename "$project")
  log="$root/TestResults/$name.log"
  mkdir -p "$root/TestResults"
  echo "== $name"
  dotnet test --project "$project" -c Release --no-build --results-directory "$root/TestResults/$name" 2>&1 | tee "$log" | grep -E "^(failed|  failed|error|Test run summary|  total|  succeeded|  skipped)|\[FAIL\]|failed .*\(" | head -n 60
  rc=${PIPESTATUS[0]}
  p=$(grep -E '^\s+succeeded:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^\s+failed:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  p=${p:-0}; f=${f:-0}
  # Why each test failed: its message and the first lines of its stack, so that the run's own output says it.
  if [ "$f" -gt 0 ]; then
    awk '/^failed /{n=40} /failed with [0-9]+ error|^Test run summary/{n=0} n>0 && !/^(passed|skipped) /{print "  | " $0; n--}' "$log" | head -n 150
    echo "  | (all of it: TestResults/$name.log)"
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name: the test run itself failed (exit $rc)"; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name: no test ran"; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && status=1
done
# The benchmarks in their short mode, so they cannot rot: one check each (full runs: docs/benchmarks.md).
echo "== bench/load/load.sh --short"
if bench/load/load.sh --short 2>&1 | tee "$root/TestResults/load-short.log" | tail -n 12; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); status=1
fi
# The generated province in its short mode (the demo and one generated commune, then the province table over them).
echo "== bench: province 2"
if dotnet run --project bench/PhatTrienDangVien.Bench -c Release --no-build -- province 2 2>&1 | tee "$root/TestResults/province-short.log" | tail -n 6 \
    && grep -q "province table, next views" "$root/TestResults/province-short.log" && grep -q "new-members report" "$root/TestResults/province-short.log"; then
  passed=$((passed + 1))
else
  echo "the province benchmark's short run failed: see TestResults/province-short.log"
  failed=$((failed + 1)); status=1
fi
# No citizen ID in the suite's own output (kept in TestResults/*.log; the application logs to the console while the
# tests run): the demo's and the test data's numbers are 12 digits starting 089 (An Giang; 091 for the generated
# province) and a century-and-gender digit 0–3 (Demo/DemoSeeder.NewCitizenId). Found → one more failure, with where to look.
leaks=$(cat "$root"/TestResults/*.log 2>/dev/null | grep -cE '(^|[^0-9])(089|091)[0-3][0-9]{8}([^0-9]|$)')
if [ "${leaks:-0}" -gt 0 ]; then
  echo "Citizen IDs in the test output: $leaks line(s); see: grep -nE '(089|091)[0-3][0-9]{8}' TestResults/*.log"
  failed=$((failed + 1)); status=1
fi
cp -r tests/PhatTrienDangVien.Browser.Tests/bin/Release/net10.0/screenshots "$root/TestResults/" 2>/dev/null && echo "Screenshots: TestResults/screenshots"
echo "$passed passed, $failed failed"
exit $status
