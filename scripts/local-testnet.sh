#!/usr/bin/env bash
# Four-validator local testnet on loopback, with a crash test of GRANDPA finality.
#
# Starts Alice, Bob, Charlie and Dave (`--alice` etc.: their BABE/GRANDPA keys are the
# validators of the local chain spec) with distinct p2p/RPC ports, base paths under a temp dir
# and fixed node keys (Alice's, 0x..01, is the bootnode), then:
#   1. waits until all four nodes finalize blocks;
#   2. kills one validator with SIGKILL and shows that finality continues with three of four
#      (GRANDPA needs more than 2/3 of the votes: 3 of 4);
#   3. restarts it on the same base path and shows that it catches up: all four nodes report
#      the same hash at a common finalized height, and the same finalized head.
# Prints PASS/FAIL lines, exits non-zero on failure and stops every node on exit.
#
# Environment (all optional):
#   NODE_BIN          node binary (default: $CARGO_TARGET_DIR/release/restaking-node with
#                     CARGO_TARGET_DIR defaulting to $HOME/.cache/restaking-target; see
#                     scripts/lib/common.sh)
#   CHAIN_SPEC        chain spec path or built-in id (default: chain-specs/local-raw.json, else
#                     chain-specs/local.json, else the built-in `local`)
#   VICTIM            validator to kill and restart: alice|bob|charlie|dave (default: dave)
#   TESTNET_TIMEOUT   global timeout in seconds (default: 600)
#   STEP_TIMEOUT      timeout of each waiting step in seconds (default: 180)
#   KEEP_TESTNET_DIR  set to 1 to keep the base paths and logs after a successful run
set -euo pipefail
cd "$(dirname "$0")/.."

TESTNET_TIMEOUT="${TESTNET_TIMEOUT:-600}"
STEP_TIMEOUT="${STEP_TIMEOUT:-180}"
VICTIM="${VICTIM:-dave}"
NAMES=(alice bob charlie dave)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
pass() { printf 'PASS: %s\n' "$*"; }

# --- the binary and the chain spec -------------------------------------------------------------
source scripts/lib/common.sh
NODE_BIN="$(node_bin)"
if [ ! -x "$NODE_BIN" ]; then
	echo "FAIL: restaking-node binary not found at $NODE_BIN (set NODE_BIN or run: cargo build --release -p restaking-node)"
	exit 1
fi
if [ -z "${CHAIN_SPEC:-}" ]; then
	if [ -f chain-specs/local-raw.json ]; then
		CHAIN_SPEC=chain-specs/local-raw.json
	elif [ -f chain-specs/local.json ]; then
		CHAIN_SPEC=chain-specs/local.json
	else
		CHAIN_SPEC=local
	fi
fi
for tool in curl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is required"; exit 1; }
done
case " ${NAMES[*]} " in *" $VICTIM "*) ;; *) echo "FAIL: VICTIM must be one of ${NAMES[*]}"; exit 1 ;; esac

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/restaking-testnet.XXXXXX")"
declare -A PID P2P_PORT RPC_PORT NODE_KEY
NODE_KEY[alice]=0000000000000000000000000000000000000000000000000000000000000001
NODE_KEY[bob]=0000000000000000000000000000000000000000000000000000000000000002
NODE_KEY[charlie]=0000000000000000000000000000000000000000000000000000000000000003
NODE_KEY[dave]=0000000000000000000000000000000000000000000000000000000000000004
WATCHDOG_PID=""
RESULT=1

stop_node() {
	local name="$1" signal="${2:-TERM}" pid="${PID[$1]:-}"
	[ -n "$pid" ] || return 0
	kill "-$signal" "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
	PID[$name]=""
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [ -n "$WATCHDOG_PID" ]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
	for name in "${NAMES[@]}"; do stop_node "$name"; done
	if [ "$RESULT" -ne 0 ] || [ "$status" -ne 0 ]; then
		for name in "${NAMES[@]}"; do
			if [ -f "$WORK_DIR/$name.log" ]; then
				echo "----- last lines of $name's log ($WORK_DIR/$name.log) -----"
				tail -n 15 "$WORK_DIR/$name.log" || true
			fi
		done
		echo "FAIL: local testnet (logs and base paths kept in $WORK_DIR)"
		[ "$status" -ne 0 ] || status=1
	elif [ "${KEEP_TESTNET_DIR:-0}" = 1 ]; then
		echo "logs and base paths kept in $WORK_DIR"
	else
		rm -rf "$WORK_DIR"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'echo "FAIL: interrupted"; exit 130' INT
trap 'echo "FAIL: terminated (global timeout of ${TESTNET_TIMEOUT}s?)"; exit 124' TERM

# Global timeout: SIGTERM to this script, which stops every node through the trap.
(
	trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
	sleep "$TESTNET_TIMEOUT" &
	sleeper=$!
	wait "$sleeper"
	echo "FAIL: global timeout of ${TESTNET_TIMEOUT}s reached"
	kill -TERM $$ 2>/dev/null
) &
WATCHDOG_PID=$!

# --- helpers -----------------------------------------------------------------------------------
free_ports() { # N free TCP ports on 127.0.0.1
	python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# rpc NAME METHOD [PARAMS_JSON] -> the JSON result on stdout (empty on any error)
rpc() {
	local port="${RPC_PORT[$1]}" params="${3:-[]}"
	curl -s --max-time 5 -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$params}" \
		"http://127.0.0.1:$port" 2>/dev/null |
		python3 -c 'import json,sys
try:
    r = json.load(sys.stdin)
except Exception:
    sys.exit(0)
if "result" in r and r["result"] is not None:
    v = r["result"]
    print(v if isinstance(v, str) else json.dumps(v))' 2>/dev/null || true
}

# Number of the finalized block of NAME, or empty.
finalized_number() {
	local head
	head="$(rpc "$1" chain_getFinalizedHead)"
	[ -n "$head" ] || return 0
	rpc "$1" chain_getHeader "[\"$head\"]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))' 2>/dev/null || true
}

best_number() {
	rpc "$1" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))' 2>/dev/null || true
}

start_node() {
	local name="$1" bootnodes=()
	if [ "$name" != alice ]; then
		bootnodes=(--bootnodes "/ip4/127.0.0.1/tcp/${P2P_PORT[alice]}/p2p/$ALICE_PEER_ID")
	fi
	"$NODE_BIN" \
		--chain "$CHAIN_SPEC" \
		--base-path "$WORK_DIR/$name" \
		"--$name" \
		--name "$name" \
		--listen-addr "/ip4/127.0.0.1/tcp/${P2P_PORT[$name]}" \
		--rpc-port "${RPC_PORT[$name]}" \
		--node-key "${NODE_KEY[$name]}" \
		--allow-private-ip \
		--no-mdns \
		--no-prometheus \
		--no-telemetry \
		"${bootnodes[@]}" \
		>>"$WORK_DIR/$name.log" 2>&1 &
	PID[$name]=$!
	log "started $name (pid ${PID[$name]}, p2p ${P2P_PORT[$name]}, rpc ${RPC_PORT[$name]})"
}

# wait_until DESCRIPTION COMMAND...: polls COMMAND every second until it succeeds or
# STEP_TIMEOUT passes (then FAIL and exit).
wait_until() {
	local description="$1" deadline=$((SECONDS + STEP_TIMEOUT)) name
	shift
	until "$@"; do
		for name in "${NAMES[@]}"; do
			if [ -n "${PID[$name]:-}" ] && ! kill -0 "${PID[$name]}" 2>/dev/null; then
				echo "FAIL: $name exited unexpectedly while waiting for: $description"
				exit 1
			fi
		done
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "FAIL: $description (not within ${STEP_TIMEOUT}s)"
			exit 1
		fi
		sleep 1
	done
}

# all_finalized_at_least N NAME...: every named node has finalized block N or later.
all_finalized_at_least() {
	local target="$1" name number
	shift
	for name in "$@"; do
		number="$(finalized_number "$name")"
		[ -n "$number" ] && [ "$number" -ge "$target" ] || return 1
	done
}

# max_finalized NAME...: the highest finalized number among the nodes (0 if none answers).
max_finalized() {
	local max=0 name number
	for name in "$@"; do
		number="$(finalized_number "$name")"
		if [ -n "$number" ] && [ "$number" -gt "$max" ]; then max="$number"; fi
	done
	echo "$max"
}

min_finalized() {
	local min="" name number
	for name in "$@"; do
		number="$(finalized_number "$name")"
		[ -n "$number" ] || { echo ""; return; }
		if [ -z "$min" ] || [ "$number" -lt "$min" ]; then min="$number"; fi
	done
	echo "$min"
}

# same_hash_at N: all four nodes have the same block hash at height N (prints it).
same_hash_at() {
	local height="$1" hash first="" name
	for name in "${NAMES[@]}"; do
		hash="$(rpc "$name" chain_getBlockHash "[$height]")"
		[ -n "$hash" ] || return 1
		if [ -z "$first" ]; then first="$hash"; elif [ "$hash" != "$first" ]; then return 1; fi
	done
	SAME_HASH="$first"
}

# same_finalized_head: all four nodes report the same finalized head (prints it).
same_finalized_head() {
	local head first="" name
	for name in "${NAMES[@]}"; do
		head="$(rpc "$name" chain_getFinalizedHead)"
		[ -n "$head" ] || return 1
		if [ -z "$first" ]; then first="$head"; elif [ "$head" != "$first" ]; then return 1; fi
	done
	SAME_HASH="$first"
}

# --- run ---------------------------------------------------------------------------------------
log "binary: $NODE_BIN ($("$NODE_BIN" --version))"
log "chain spec: $CHAIN_SPEC; base paths and logs: $WORK_DIR"

printf '%s' "${NODE_KEY[alice]}" >"$WORK_DIR/alice.node-key"
ALICE_PEER_ID="$("$NODE_BIN" key inspect-node-key --file "$WORK_DIR/alice.node-key" 2>/dev/null | tail -n 1)"
[ -n "$ALICE_PEER_ID" ] || { echo "FAIL: cannot derive Alice's peer id"; exit 1; }
log "bootnode (Alice) peer id: $ALICE_PEER_ID"

read -r -a ports <<<"$(free_ports 8)"
for i in 0 1 2 3; do
	P2P_PORT[${NAMES[$i]}]="${ports[$i]}"
	RPC_PORT[${NAMES[$i]}]="${ports[$((i + 4))]}"
done

for name in "${NAMES[@]}"; do start_node "$name"; done

peers_ok() { # every node sees the three others
	local name peers
	for name in "${NAMES[@]}"; do
		peers="$(rpc "$name" system_health | python3 -c 'import json,sys; print(json.load(sys.stdin)["peers"])' 2>/dev/null || true)"
		[ -n "$peers" ] && [ "$peers" -ge 3 ] || return 1
	done
}
wait_until "the four nodes connect to each other" peers_ok
pass "4 validators up and connected (each has 3 peers)"

wait_until "all four nodes finalize block #3" all_finalized_at_least 3 "${NAMES[@]}"
pass "finality advances with 4/4 validators (finalized: $(for n in "${NAMES[@]}"; do printf '%s=#%s ' "$n" "$(finalized_number "$n")"; done))"

# --- crash one validator -----------------------------------------------------------------------
SURVIVORS=()
for name in "${NAMES[@]}"; do [ "$name" = "$VICTIM" ] || SURVIVORS+=("$name"); done
killed_at="$(max_finalized "${NAMES[@]}")"
log "SIGKILL $VICTIM (pid ${PID[$VICTIM]}) at finalized #$killed_at"
kill -KILL "${PID[$VICTIM]}"
wait "${PID[$VICTIM]}" 2>/dev/null || true
PID[$VICTIM]=""

target=$((killed_at + 3))
wait_until "finality passes #$target with 3/4 validators (${SURVIVORS[*]})" \
	all_finalized_at_least "$target" "${SURVIVORS[@]}"
pass "finality continues with 3/4 validators after SIGKILL of $VICTIM (finalized #$(min_finalized "${SURVIVORS[@]}") > #$killed_at)"

# --- restart it on the same base path ----------------------------------------------------------
restarted_at="$(max_finalized "${SURVIVORS[@]}")"
start_node "$VICTIM"
wait_until "$VICTIM catches up to finalized #$((restarted_at + 2))" \
	all_finalized_at_least "$((restarted_at + 2))" "${NAMES[@]}"
pass "$VICTIM restarted from its base path and caught up (finalized #$killed_at when killed, now #$(finalized_number "$VICTIM") >= #$((restarted_at + 2)))"

common="$(min_finalized "${NAMES[@]}")"
[ -n "$common" ] || { echo "FAIL: a node did not report its finalized head"; exit 1; }
wait_until "the four nodes agree on the hash of finalized block #$common" same_hash_at "$common"
pass "all 4 nodes have the same hash at finalized height #$common: $SAME_HASH"
wait_until "the four nodes report the same finalized head" same_finalized_head
pass "all 4 nodes report the same finalized head: $SAME_HASH"

# The restarted validator takes part again: finality keeps moving with all four.
again="$(max_finalized "${NAMES[@]}")"
wait_until "finality passes #$((again + 2)) with 4/4 validators" \
	all_finalized_at_least "$((again + 2))" "${NAMES[@]}"
pass "finality continues with 4/4 validators after the restart (finalized #$(min_finalized "${NAMES[@]}"))"

RESULT=0
echo "PASS: local testnet: 4 validators, SIGKILL of $VICTIM, finality kept by 3/4, $VICTIM caught up ($SECONDS s)"
