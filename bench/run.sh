#!/usr/bin/env bash
# Benchmarks: builds in Release and runs bench/GrantsCommissioning.Bench (not part of tests/run.sh or CI).
# Arguments go to the program, e.g.  bash bench/run.sh --n 600 --c 32   (see bench/README.md).
#   bash bench/run.sh --postgres <arguments>   runs the benchmark on SQLite and then on PostgreSQL, printing both ratios
#       last. The PostgreSQL cluster (Debian's `postgresql` package, unix socket only) lives in bench/results/postgres
#       and is kept between runs, so B6's ten-year database is generated once; it is stopped when the run ends.
# Results: a table on the console and bench/results/latest*.json (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "${1:-}" = "--postgres" ]; then
  shift
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
  source "$here/../tools/postgres-cluster.sh"
  cluster="$here/results/postgres"
  trap 'pg_cluster_stop "$cluster"' EXIT
  pg_cluster_start "$cluster"
  export GC_BENCH_POSTGRES="$PG_SERVER"
fi
dotnet build "$here/GrantsCommissioning.Bench/GrantsCommissioning.Bench.csproj" -c Release -nologo -v quiet
dotnet "$here/GrantsCommissioning.Bench/bin/Release/net10.0/GrantsCommissioning.Bench.dll" --results "$here/results/latest.json" "$@"
