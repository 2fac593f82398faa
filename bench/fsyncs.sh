#!/usr/bin/env bash
# Fsyncs per submission: runs the B3 benchmark under strace and counts the fsync/fdatasync calls on grants.db* and
# quartz.db* made while the timed blocks run (between the marker files the benchmark fsyncs at each block's start and
# end; the interleaved baseline's own file is counted apart). Arguments go to the program, e.g.
#   bash bench/fsyncs.sh --n 200 --c 16
# strace slows every syscall a little, so take the throughput figures from bench/run.sh, not from this run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$here/GrantsCommissioning.Bench/GrantsCommissioning.Bench.csproj" -c Release -nologo -v quiet
trace="$(mktemp)"
console="$(mktemp)"
strace -f -y -qq -e trace=fsync,fdatasync -o "$trace" \
  dotnet "$here/GrantsCommissioning.Bench/bin/Release/net10.0/GrantsCommissioning.Bench.dll" --results "$here/results/fsyncs.json" "$@" | tee "$console"
receipts="$(sed -n 's/^receipts shown \([0-9]*\)\/.*/\1/p' "$console")"
# From the first block's start to the last block's end, so the app's own follow-up work (outbox, timers) that runs
# while a baseline block is in between is counted too.
awk -v receipts="$receipts" '
  /gc-bench-mark-start/ { inside = 1; next }
  /gc-bench-mark-end/   { g = grants; q = quartz; next }
  inside && /grants\.db/   { grants++ }
  inside && /quartz\.db/   { quartz++ }
  inside && /baseline\.db/ { baseline++ }
  END {
    printf "fsyncs from the first timed block to the last: grants.db* %d, quartz.db* %d (the interleaved baseline file: %d)\n", g, q, baseline
    if (receipts > 0) printf "fsyncs per submission: %.2f (grants.db* %.2f, quartz.db* %.2f)\n", (g + q) / receipts, g / receipts, q / receipts
  }' "$trace"
rm -f "$trace" "$console"
