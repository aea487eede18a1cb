#!/usr/bin/env bash
# Runs the SDK's benchmarks against their plain net/http + encoding/json
# baseline (bench_test.go), then prints benchstat's comparison and the
# ratios SDK/baseline against the performance targets.
#
#   scripts/bench.sh                 # 6 rounds, results in a temporary file
#   BENCH_COUNT=10 scripts/bench.sh results.txt
#   BENCH='PerCall|PageDecode' scripts/bench.sh
#
# The test binary is built once and run BENCH_COUNT times, each run going
# through every scenario once: the SDK and the baseline of a scenario run
# seconds apart, so a change of load on the machine hits both sides alike.
# Wall time (sec/op) is also reported as process CPU time (cpu-ns/op),
# which noisy neighbours disturb far less. Exits 1 when a target is missed.
set -euo pipefail

cd "$(dirname "$0")/.."

count=${BENCH_COUNT:-6}
pattern=${BENCH:-PerCall|Create|PageDecode|Stream|ConnReuse}
out=${1:-$(mktemp "${TMPDIR:-/tmp}/gopipedrive-bench.XXXXXX")}
# benchstat's module is pinned to a version whose go directive (1.26.0)
# the toolchain accepts.
benchstat_version=v0.0.0-20260908200009-22c9c6c9d4da

benchstat=$(command -v benchstat || true)
if [[ -z $benchstat ]]; then
	benchstat="$(go env GOPATH)/bin/benchstat"
	if [[ ! -x $benchstat ]]; then
		echo "installing benchstat@$benchstat_version" >&2
		go install "golang.org/x/perf/cmd/benchstat@$benchstat_version"
	fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/pipedrive.test" .
go build -o "$work/benchratio" ./internal/benchserver/cmd/benchratio

: >"$out"
for i in $(seq "$count"); do
	echo "round $i/$count" >&2
	"$work/pipedrive.test" -test.run '^$' -test.bench "^Benchmark($pattern)\$" \
		-test.benchmem -test.count 1 -test.timeout 30m >>"$out"
done
echo "raw results: $out" >&2

echo
echo "== benchstat -col /side@(baseline sdk): the sdk column's delta is SDK vs baseline"
"$benchstat" -col '/side@(baseline sdk)' "$out"
echo
echo "== ratios and targets"
"$work/benchratio" "$out"
