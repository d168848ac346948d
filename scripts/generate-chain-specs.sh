#!/usr/bin/env bash
# Regenerates the committed chain specs in chain-specs/ from the node's built-in specs:
#   dev.json, dev-raw.json           `--chain dev`   (one validator: Alice)
#   local.json, local-raw.json       `--chain local` (four validators: Alice, Bob, Charlie, Dave)
#
# Run it after every runtime change (genesis presets, pallets, runtime version); the
# `chain_specs` integration test of the node fails until the files are up to date.
#
# Builds the node in release mode first, into $CARGO_TARGET_DIR
# (default: $HOME/.cache/restaking-target). Set NODE_BIN=/path/to/restaking-node to use an
# already built binary instead.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
out_dir="$repo_root/chain-specs"

[[ -n "${NODE_BIN:-}" ]] || build_node
node_bin="$(require_node_bin)"

mkdir -p "$out_dir"

# Writes `build-spec` output for chain $1 (with extra args $3...) to chain-specs/$2,
# through a temporary file so a failed run never leaves a half-written spec behind.
generate() {
	local chain="$1" file="$2"
	shift 2
	local tmp
	tmp="$(mktemp "$out_dir/.$file.XXXXXX")"
	if ! "$node_bin" build-spec --chain "$chain" --disable-default-bootnode "$@" >"$tmp" 2>"$tmp.log"; then
		echo "error: build-spec --chain $chain $* failed:" >&2
		cat "$tmp.log" >&2
		rm -f "$tmp" "$tmp.log"
		exit 1
	fi
	rm -f "$tmp.log"
	chmod 0644 "$tmp"
	mv "$tmp" "$out_dir/$file"
	echo "wrote chain-specs/$file" >&2
}

generate dev dev.json
generate dev dev-raw.json --raw
generate local local.json
generate local local-raw.json --raw
