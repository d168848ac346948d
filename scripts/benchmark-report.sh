#!/usr/bin/env bash
# Benchmark report (issue #6), from one run:
#   1. weight of slash execution and reward submission with one pool of 1, 100 and 10,000
#      delegators (must be flat: share accounting never loops over delegators);
#   2. each restaking call's weight as a ratio to `balances.transfer_keep_alive`;
#   3. throughput of `restaking.deposit` vs `balances.transfer_keep_alive` extrinsics on a
#      running dev node (tests/e2e/throughput.mjs).
#
# Needs the node built with `--features runtime-benchmarks` (built into $BENCH_TARGET_DIR,
# default $HOME/.cache/restaking-bench-target, unless NODE_BIN is set) and Node.js for part 3
# (REGULAR_NODE_BIN, default $HOME/.cache/restaking-target/release/restaking-node, falls back
# to the benchmark binary). REPEAT (default 10) sets the benchmark repetitions, TX_COUNT
# (default 3000) the extrinsics per kind of part 3. Exit code 1 if part 1 is not flat.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
repeat="${REPEAT:-10}"
delegators=(1 100 10000)

node_bin="$(bench_node_bin)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

bench() { # pallet extrinsic json-file [extra args...]
	local pallet="$1" extrinsic="$2" json="$3"
	shift 3
	"$node_bin" benchmark pallet --chain dev-source --pallet "$pallet" --extrinsic "$extrinsic" \
		--repeat "$repeat" --wasm-execution compiled --json-file "$json" "$@" >/dev/null 2>"$json.log" ||
		{ echo "benchmark $pallet::$extrinsic failed:" >&2; tail -20 "$json.log" >&2; exit 1; }
}

echo "Running benchmarks with $node_bin (repeat $repeat)..." >&2
for d in "${delegators[@]}"; do
	bench pallet_slashing execute_slash_delegators "$out/slash_$d.json" --steps 2 --low "$d" --high "$d"
	bench pallet_rewards submit_rewards_delegators "$out/reward_$d.json" --steps 2 --low "$d" --high "$d"
done
bench pallet_balances transfer_keep_alive "$out/balances.json" --steps 2
bench pallet_restaking '*' "$out/restaking.json" --steps 2

status=0
python3 "$repo_root/scripts/benchmark_report.py" "$out" "${delegators[@]}" || status=$?

echo
echo "== Dev-node throughput: restaking.deposit vs balances.transfer_keep_alive"
regular="${REGULAR_NODE_BIN:-$(NODE_BIN= node_bin)}"
[[ -x "$regular" ]] || regular="$node_bin"
(
	cd "$repo_root/tests/e2e"
	[[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null
	NODE_BIN="$regular" TX_COUNT="${TX_COUNT:-3000}" node throughput.mjs
) || status=1
exit "$status"
