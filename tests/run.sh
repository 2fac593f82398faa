#!/usr/bin/env bash
# Runs every test in the solution: every suite on SQLite and, side by side with it after one build, the Core and Web
# suites again on a throwaway PostgreSQL cluster. Installs what the tests need when it is missing:
#   - python3-aiosmtpd (a real SMTP server the email tests start), from Debian's packages;
#   - chromium (the browser the end-to-end tests drive), from Debian's packages;
#   - postgresql (the server the PostgreSQL run starts), from Debian's packages;
#   - the .NET tools in .config/dotnet-tools.json and the npm packages of the web project (by the build).
# Usage: bash tests/run.sh [extra dotnet test arguments]         both providers (what CI runs)
#        bash tests/run.sh --sqlite [extra dotnet test arguments]  every suite on SQLite only
#        bash tests/run.sh --postgres [extra dotnet test arguments]
#            the Core and Web suites on PostgreSQL only. The cluster comes from Debian's package (initdb into a temp
#            folder, run as the postgres system user, listening only on a unix socket in that folder); the test
#            fixtures find it through GC_TEST_POSTGRES (each fixture creates and drops its own database); it is removed
#            on exit.
# The two providers run at the same time because the end-to-end suite (on SQLite) is mostly waiting on the browser:
# the PostgreSQL run fills that idle time instead of starting after it.
set -euo pipefail
cd "$(dirname "$0")/.."

sqlite=true
postgres=true
case "${1:-}" in
  --postgres) sqlite=false; shift ;;
  --sqlite) postgres=false; shift ;;
esac

need_packages=()
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_packages+=(python3-aiosmtpd)
if $postgres; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
fi
if $sqlite; then
  command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
fi
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need_packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build GrantsCommissioning.sln -c Debug -warnaserror -nologo -v q

results="$(mktemp -d)"
cluster=""
cleanup() {
  if [ -n "$cluster" ]; then
    pg_cluster_stop "$cluster"
    rm -rf "$cluster"
  fi
  rm -rf "$results"
}
trap cleanup EXIT

summary() {
  python3 - "$1" "$2" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[2] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{sys.argv[1]}: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

postgres_status=0
if $postgres; then
  source tools/postgres-cluster.sh
  cluster="$(mktemp -d /tmp/gc-pg-XXXXXX)"
  pg_cluster_start "$cluster"
  echo "Core and Web suites on PostgreSQL (a throwaway cluster)."
  # Tests excluded on PostgreSQL, each with its reason in the note of the branch that added it (none when empty).
  postgres_excluded="${GC_POSTGRES_EXCLUDED_TESTS:-}"
  filter=()
  [ -n "$postgres_excluded" ] && filter=(--filter "$postgres_excluded")
  mkdir -p "$results/postgres"
  # Both suites in one run (a solution filter holding just them), so they run side by side; the variable is set for
  # this run only, so the SQLite run beside it stays on SQLite.
  GC_TEST_POSTGRES="$PG_SERVER" dotnet test tests/postgres-suites.slnf --no-build -c Debug --logger "trx" \
    --results-directory "$results/postgres" "${filter[@]}" "$@" > "$results/postgres.log" 2>&1 &
  postgres_pid=$!
fi

sqlite_status=0
if $sqlite; then
  echo "Every suite on SQLite."
  mkdir -p "$results/sqlite"
  dotnet test GrantsCommissioning.sln --no-build -c Debug --logger "trx" --results-directory "$results/sqlite" "$@" || sqlite_status=$?
  summary SQLite "$results/sqlite"
fi

if $postgres; then
  wait "$postgres_pid" || postgres_status=$?
  echo "---- PostgreSQL run ----"
  cat "$results/postgres.log"
  summary PostgreSQL "$results/postgres"
  # Each test host drops the database it made and each restart test the one it opened twice; a database left behind is
  # a test that does not clean up (the migrated templates, named after their process, are dropped by the next run).
  leftover="$("$pg_bin/psql" -h "$cluster" -U postgres -d postgres -Atc \
    "SELECT datname FROM pg_database WHERE datname LIKE 'gc\_%' AND datname NOT LIKE 'gc\_template\_%' ORDER BY 1")"
  if [ -n "$leftover" ]; then
    echo "PostgreSQL run left $(wc -l <<< "$leftover") test databases behind: $(tr '\n' ' ' <<< "$leftover")"
    postgres_status=1
  fi
fi

[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
