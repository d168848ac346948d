#!/usr/bin/env bash
# Regenerates the weights of the five restaking pallets (`pallets/<dir>/src/weights.rs`, with
# scripts/frame-weight-template.hbs) and of the polkadot-sdk pallets the runtime benchmarks on
# itself (utility, proxy, multisig, balances, frame_system and its transaction extensions:
# `runtime/src/weights/<pallet>.rs`, the benchmark CLI's own template, a `WeightInfo<T>` of the
# pallet's trait) with the node's `benchmark pallet`
# command (FRAME v2 benchmarks, the wasm runtime of the benchmark build, `--chain dev-source`).
#
#   scripts/benchmark-weights.sh                 # all of them
#   scripts/benchmark-weights.sh restaking       # one (directory under pallets/, or utility,
#                                                # proxy, multisig, balances, frame_system,
#                                                # frame_system_extensions)
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
runtime_pallets=(utility proxy multisig balances frame_system frame_system_extensions)
[[ ${#pallets[@]} -gt 0 ]] || pallets=(restaking avs-registry slashing rewards time-parameters "${runtime_pallets[@]}")

for dir in "${pallets[@]}"; do
	pallet="pallet_${dir//-/_}"
	[[ "$dir" != frame_* ]] || pallet="$dir"
	if [[ -d "$repo_root/pallets/$dir" ]]; then
		output=(--template "$repo_root/scripts/frame-weight-template.hbs" --output "$repo_root/pallets/$dir/src/weights.rs")
	elif [[ " ${runtime_pallets[*]} " == *" $dir "* ]]; then
		output=(--output "$repo_root/runtime/src/weights/$pallet.rs")
	else
		echo "error: no pallet directory pallets/$dir, and not one of: ${runtime_pallets[*]}" >&2
		exit 1
	fi
	echo "==> $pallet (steps $steps, repeat $repeat)" >&2
	"$node_bin" benchmark pallet \
		--chain dev-source \
		--pallet "$pallet" \
		--extrinsic '*' \
		--exclude-extrinsics "$evidence_only" \
		--steps "$steps" \
		--repeat "$repeat" \
		--wasm-execution compiled \
		"${output[@]}"
done
echo "Weights written; rebuild the runtime and regenerate the chain specs." >&2
