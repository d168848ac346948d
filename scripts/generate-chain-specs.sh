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

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$repo_root/chain-specs"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/restaking-target}"

if [[ -n "${NODE_BIN:-}" ]]; then
	node_bin="$NODE_BIN"
else
	echo "Building restaking-node (release, target dir $CARGO_TARGET_DIR)..." >&2
	(cd "$repo_root" && cargo build --release -p restaking-node)
	node_bin="$CARGO_TARGET_DIR/release/restaking-node"
fi

if [[ ! -x "$node_bin" ]]; then
	echo "error: node binary not found at $node_bin" >&2
	exit 1
fi

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
