#!/usr/bin/env bash
# Regenerates the committed chain specs in chain-specs/ from the runtime's genesis presets and
# the runtime wasm of this source:
#   dev.json, dev-raw.json           `--chain dev-source`   (one validator: Alice)
#   local.json, local-raw.json       `--chain local-source` (four validators: Alice, Bob,
#                                    Charlie, Dave)
#   runtime-source.sha256            the digest of the runtime's sources they were built from
#                                    (scripts/runtime-source-digest.sh)
# The node embeds dev-raw.json and local-raw.json as `--dev` / `--chain dev` and
# `--chain local`, so it is rebuilt at the end to carry the new files.
#
# Run it after every runtime change (genesis presets, pallets, runtime version); the
# `chain_specs` integration test of the node fails until the files are up to date.
# chain-specs/previous-release/ is left alone: at a release, copy dev-raw.json of the last
# release there before bumping spec_version.
#
# Builds the node in release mode first, into $CARGO_TARGET_DIR
# (default: $HOME/.cache/restaking-target). Set NODE_BIN=/path/to/restaking-node to use an
# already built binary instead (then rebuild it yourself afterwards).
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

generate dev-source dev.json
generate dev-source dev-raw.json --raw
generate local-source local.json
generate local-source local-raw.json --raw
"$repo_root/scripts/runtime-source-digest.sh" >"$out_dir/runtime-source.sha256"
echo "wrote chain-specs/runtime-source.sha256" >&2

if [[ -z "${NODE_BIN:-}" ]]; then
	step "rebuilding the node so that --dev and --chain local embed the new specs"
	build_node
else
	echo "NODE_BIN was given: rebuild it (cargo build --release -p restaking-node) so that --dev and --chain local embed the new specs" >&2
fi
