#!/usr/bin/env bash
# Runs every test in the solution. Installs what the tests need when it is missing:
#   - python3-aiosmtpd (a real SMTP server the email tests start), from Debian's packages;
#   - chromium (the browser the end-to-end tests drive), from Debian's packages;
#   - postgresql (with --postgres: the server the PostgreSQL run starts), from Debian's packages;
#   - the .NET tools in .config/dotnet-tools.json and the npm packages of the web project (by the build).
# Usage: bash tests/run.sh [extra dotnet test arguments]
#        bash tests/run.sh --postgres [extra dotnet test arguments]
#            runs the Core and Web suites on PostgreSQL instead of SQLite: starts a throwaway cluster from Debian's
#            package (initdb into a temp folder, run as the postgres system user, listening only on a unix socket in
#            that folder), points the test fixtures at it (GC_TEST_POSTGRES: each fixture creates and drops its own
#            database) and removes the cluster on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

postgres=false
if [ "${1:-}" = "--postgres" ]; then
  postgres=true
  shift
fi

need_packages=()
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_packages+=(python3-aiosmtpd)
if $postgres; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
else
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
status=0
if $postgres; then
  source tools/postgres-cluster.sh
  cluster="$(mktemp -d /tmp/gc-pg-XXXXXX)"
  stop_cluster() {
    pg_cluster_stop "$cluster"
    rm -rf "$cluster" "$results"
  }
  trap stop_cluster EXIT
  pg_cluster_start "$cluster"
  export GC_TEST_POSTGRES="$PG_SERVER"
  echo "Core and Web suites on PostgreSQL (a throwaway cluster)."
  # Tests excluded on PostgreSQL, each with its reason in the note of the branch that added it (none when empty).
  postgres_excluded="${GC_POSTGRES_EXCLUDED_TESTS:-}"
  filter=()
  [ -n "$postgres_excluded" ] && filter=(--filter "$postgres_excluded")
  # Both suites in one run (a solution filter holding just them), so they run side by side as on SQLite.
  dotnet test tests/postgres-suites.slnf --no-build -c Debug --logger "trx" --results-directory "$results" "${filter[@]}" "$@" || status=$?
else
  dotnet test GrantsCommissioning.sln --no-build -c Debug --logger "trx" --results-directory "$results" "$@" || status=$?
fi

python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
