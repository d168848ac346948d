#!/usr/bin/env bash
# Regenerates the `weights.rs` of the five restaking pallets with the node's
# `benchmark pallet` command (FRAME v2 benchmarks, the wasm runtime of the benchmark build, `--chain dev-source`).
#
#   scripts/benchmark-weights.sh                 # all five pallets
#   scripts/benchmark-weights.sh restaking       # one pallet (directory name under pallets/)
#
# The node is built with `--features runtime-benchmarks` into its own target directory
# ($BENCH_TARGET_DIR, default $HOME/.cache/restaking-bench-target) so that the feature build
# does not replace the regular node binary. Set NODE_BIN to use an already built binary.
# STEPS and REPEAT (defaults 20 and 10) set the precision; the reference numbers were
# produced with the defaults on the 2-core reference machine.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
steps="${STEPS:-20}"
repeat="${REPEAT:-10}"

# Benchmarks that are evidence, not call weights (see scripts/benchmark-report.sh).
evidence_only="pallet_slashing::execute_slash_delegators,pallet_rewards::submit_rewards_delegators"

node_bin="$(bench_node_bin)"

pallets=("$@")
[[ ${#pallets[@]} -gt 0 ]] || pallets=(restaking avs-registry slashing rewards time-parameters)

for dir in "${pallets[@]}"; do
	if [[ ! -d "$repo_root/pallets/$dir" ]]; then
		echo "error: no pallet directory pallets/$dir" >&2
		exit 1
	fi
	pallet="pallet_${dir//-/_}"
	echo "==> $pallet (steps $steps, repeat $repeat)" >&2
	"$node_bin" benchmark pallet \
		--chain dev-source \
		--pallet "$pallet" \
		--extrinsic '*' \
		--exclude-extrinsics "$evidence_only" \
		--steps "$steps" \
		--repeat "$repeat" \
		--wasm-execution compiled \
		--template "$repo_root/scripts/frame-weight-template.hbs" \
		--output "$repo_root/pallets/$dir/src/weights.rs"
done
echo "Weights written; rebuild the runtime and regenerate the chain specs." >&2
