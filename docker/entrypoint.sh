#!/usr/bin/env bash
# Entry point of the restaking-node image (Dockerfile), `docker run restaking-node [ARGS]`:
#
#   (no arguments)        the image's CMD: a full node of the committed local testnet spec
#   --option ...          run the node with these options; chain data goes to the volume
#                         ($RESTAKING_DATA, /data) unless they set --base-path, --tmp or --dev
#   key|build-spec|export-chain-spec|check-block|export-blocks|export-state|import-blocks|
#   purge-chain|revert|chain-info|benchmark|help ...
#                         a node subcommand with its own options, verbatim (give it
#                         `--base-path /data` where it should use the volume, e.g. `key insert`)
#   healthcheck           exit 0 when the node's RPC answers GET /health on
#                         127.0.0.1:$RESTAKING_RPC_PORT (9944) with HTTP 200 (the image's HEALTHCHECK)
#   anything else         run that program (e.g. `bash`)
#
# RESTAKING_NODE (the binary), RESTAKING_DATA and RESTAKING_RPC_PORT default to the image's
# paths; scripts/check-readme.py runs this script with them pointing at a local build.
set -euo pipefail

node="${RESTAKING_NODE:-/usr/local/bin/restaking-node}"
data="${RESTAKING_DATA:-/data}"
rpc_port="${RESTAKING_RPC_PORT:-9944}"

# `healthcheck`: one HTTP request to the node's /health endpoint over bash's /dev/tcp (the
# image has no curl); the answer must be 200 with the health JSON (`isSyncing`, `peers`).
healthcheck() {
	local response
	# (bash reports a refused connection on stderr: a probe needs only its exit code)
	exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$rpc_port" || return 1
	printf 'GET /health HTTP/1.1\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$rpc_port" >&3
	response="$(timeout 5 cat <&3)" || return 1
	exec 3>&-
	[[ "$response" == "HTTP/1.1 200"* && "$response" == *'"isSyncing"'* ]]
}

case "${1:-}" in
	healthcheck)
		healthcheck
		;;
	key | build-spec | export-chain-spec | check-block | export-blocks | export-state | \
		import-blocks | purge-chain | revert | chain-info | benchmark | help)
		exec "$node" "$@"
		;;
	"" | -*)
		for arg in "$@"; do
			case "$arg" in
				--base-path | --base-path=* | -d | --tmp | --dev) exec "$node" "$@" ;;
			esac
		done
		exec "$node" --base-path "$data" "$@"
		;;
	*)
		exec "$@"
		;;
esac
