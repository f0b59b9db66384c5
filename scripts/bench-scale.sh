#!/usr/bin/env bash
# bench-scale.sh OUTDIR — issue 18's benchmarks at 100k and 1M, in one run,
# each beside its baseline (see BENCHMARKS.md, which is written from one run
# of this script). Takes about half an hour on 2 cores; needs tmux for the
# last part. Seeded fixtures are kept in OUTDIR/cache between the packages.
set -euo pipefail
out=${1:?usage: scripts/bench-scale.sh OUTDIR}
mkdir -p "$out/cache"
cd "$(dirname "$0")/.."
run() { # name, then the command
	local name=$1
	shift
	echo "== $name: $* (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/summary.txt"
	"$@" 2>&1 | tee "$out/$name.txt" | { grep -E '^(Benchmark|ok|FAIL|---|seed|first|fully|filter|after|50|G:|final)' || true; } | tee -a "$out/summary.txt"
}
export PAMCONSOLE_SCALE_CACHE=$out/cache PAMCONSOLE_SCALE_DIR=$out/cache
run seed go test -tags scale -run '^$' -bench 'ScaleSeed' -benchtime 1x -timeout 60m ./server/store/
run store go test -tags scale -run '^$' -bench 'ScaleListPage|ScaleAuditPage|ScaleStream' -benchtime 5x -benchmem -timeout 60m ./server/store/
run load go test -tags scale -run '^$' -bench 'ScaleLoad' -benchmem -timeout 60m ./server/
run filter go test -tags scale -run '^$' -bench 'Scale' -benchmem -timeout 60m ./ui/widgets/filter/
run console go test -tags scale -run '^$' -bench 'Scale' -benchmem -timeout 60m ./ui/credentials/
run console-100k scripts/console-scale.sh 100000
run console-1M scripts/console-scale.sh 1000000
