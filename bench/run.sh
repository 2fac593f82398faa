#!/usr/bin/env bash
# Deadline-day benchmark: builds in Release and runs bench/GrantsCommissioning.Bench (not part of tests/run.sh or CI).
# Arguments go to the program, e.g.  bash bench/run.sh --n 600 --c 32   (see bench/README.md).
# Results: a table on the console and bench/results/latest.json (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$here/GrantsCommissioning.Bench/GrantsCommissioning.Bench.csproj" -c Release -nologo -v quiet
exec dotnet "$here/GrantsCommissioning.Bench/bin/Release/net10.0/GrantsCommissioning.Bench.dll" --results "$here/results/latest.json" "$@"
