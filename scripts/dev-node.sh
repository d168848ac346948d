#!/usr/bin/env bash
# Runs a development node: one validator (Alice), fresh state on every start, seconds-scale
# safety windows, JSON-RPC on ws://127.0.0.1:9944 (or the --rpc-port you pass).
#
# Does its own set-up first: the Rust toolchain of rust-toolchain.toml (wasm targets, rust-src),
# and protoc, a C compiler and make through apt-get when they are missing. Then builds the node
# (the first build takes about 35 minutes on 2 cores) and starts it with `--dev` plus any
# arguments given here, e.g. `scripts/dev-node.sh --rpc-port 9955` or `-lruntime=debug`.
# Prints where to connect polkadot.js as soon as the node answers RPC. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

rpc_port=9944
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
	case "${args[i]}" in
	--rpc-port) rpc_port="${args[i + 1]:-9944}" ;;
	--rpc-port=*) rpc_port="${args[i]#--rpc-port=}" ;;
	esac
done

step "set-up: Rust toolchain (rust-toolchain.toml), C compiler, make, protoc"
ensure_build_tools
command -v curl >/dev/null 2>&1 || ensure_tool curl curl
build_node
bin="$(require_node_bin)"

step "starting $bin --dev $*"
"$bin" --dev "$@" &
node_pid=$!
stopping=0
trap 'stopping=1; kill -INT "$node_pid" 2>/dev/null || true' INT TERM
trap 'kill "$node_pid" 2>/dev/null || true' EXIT

# Announce the endpoints once the node answers `system_health` (or say that it exited).
for _ in $(seq 1 120); do
	kill -0 "$node_pid" 2>/dev/null || break
	if curl -sf -m 2 -H 'Content-Type: application/json' "http://127.0.0.1:$rpc_port" \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' >/dev/null 2>&1; then
		cat >&2 <<MSG

==> The dev node is up. JSON-RPC: ws://127.0.0.1:$rpc_port (HTTP on the same port)
    polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$rpc_port#/explorer
    Dev accounts //Alice .. //Ferdie are funded; Alice is sudo. Ctrl-C stops the node.

MSG
		break
	fi
	sleep 1
done
# `wait` returns early when a trapped signal arrives; then wait for the node to shut down and
# report its own exit status (0 after a clean Ctrl-C).
status=0
wait "$node_pid" || status=$?
if [ "$stopping" -eq 1 ]; then
	status=0
	wait "$node_pid" || status=$?
fi
trap - EXIT
exit "$status"
