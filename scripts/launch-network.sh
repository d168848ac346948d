#!/usr/bin/env bash
# Launch kit: the chain spec of a new restaking network with fresh keys of its own, and the
# command each validator runs.
#
#   scripts/launch-network.sh [options] <output dir>
#
# From the `staging` template (production-scale safety windows: withdrawals wait 7 days, veto
# windows 1-2 days; see README "Safety windows per chain spec") it:
#   1. generates, with `restaking-node key`, for each validator a BABE key (sr25519, also its
#      funded operator account), a GRANDPA key (ed25519) and a libp2p node key, and one sudo
#      key (sr25519): fresh secret phrases, never the public dev keys (//Alice ...);
#   2. writes the plain chain spec with those validators and sudo key, the endowments (the sudo
#      and validator accounts only) and the collateral tokens owned by the sudo account (none
#      minted: the sudo account, their issuer, mints them with `assets.mint`), then the raw
#      spec, and refuses to finish if any public dev key is left in it. The validators are
#      restaked operators, as in every preset: each stakes the template's validator stake in
#      the native vault (owned by the sudo account), opts in to the consensus AVS (id 0) and
#      allocates it all; the genesis session elects them;
#   3. puts each validator's session keys into its own keystore (`key insert`) and writes a
#      start script per validator, then prints what to run where.
#
# Output (<output dir>, which must not exist yet or be empty):
#   chain-spec.json, chain-spec-raw.json   the network's spec; give chain-spec-raw.json to
#                                          every node of the network (its genesis is fixed)
#   validator-<i>/                         validator i's base path: its keystore, node key and
#                                          chain data; copy it to validator i's machine
#   validator-<i>/start.sh                 the command validator i runs
#   secrets/                               (mode 0700) the secret phrases of the sudo key and
#                                          of every validator's keys: keep them offline
#   network.json                           chain id, sudo and validator public keys, bootnodes
#
# Options:
#   --validators N      number of validators (default 3; GRANDPA finalizes with more than 2/3
#                       of them online)
#   --name NAME         chain name (default "Restaking Network")
#   --id ID             chain id (default restaking_network; also names the keystore dir)
#   --hosts H1,H2,...   public IP address or DNS name of each validator, for the bootnode
#                       addresses (default: 127.0.0.1 for all, i.e. one machine)
#   --p2p-port P        p2p port of validator 1; validator i uses P+i-1 (default 30333)
#   --rpc-port R        JSON-RPC port of validator 1; validator i uses R+i-1 (default 9944)
#   --endowment UNITS   native tokens (RSTK) of the sudo and each validator account
#                       (default 1000000)
#
# Environment: NODE_BIN (the node binary; default $CARGO_TARGET_DIR/release/restaking-node,
# built if missing), see scripts/lib/common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
	exit 2
}

validators=3
chain_name="Restaking Network"
chain_id="restaking_network"
hosts=""
p2p_port=30333
rpc_port=9944
endowment=1000000
out_dir=""
while [ $# -gt 0 ]; do
	case "$1" in
	--validators) validators="${2:?--validators needs a number}"; shift 2 ;;
	--name) chain_name="${2:?--name needs a value}"; shift 2 ;;
	--id) chain_id="${2:?--id needs a value}"; shift 2 ;;
	--hosts) hosts="${2:?--hosts needs a value}"; shift 2 ;;
	--p2p-port) p2p_port="${2:?--p2p-port needs a number}"; shift 2 ;;
	--rpc-port) rpc_port="${2:?--rpc-port needs a number}"; shift 2 ;;
	--endowment) endowment="${2:?--endowment needs a number}"; shift 2 ;;
	-h | --help) usage ;;
	-*) echo "error: unknown option $1" >&2; usage ;;
	*)
		[ -z "$out_dir" ] || { echo "error: one output directory only" >&2; usage; }
		out_dir="$1"
		shift
		;;
	esac
done
[ -n "$out_dir" ] || { echo "error: name the output directory" >&2; usage; }
[[ "$validators" =~ ^[1-9][0-9]*$ ]] || die "--validators must be a positive number, got '$validators'"
[[ "$p2p_port" =~ ^[0-9]+$ && "$rpc_port" =~ ^[0-9]+$ ]] || die "ports must be numbers"
[[ "$endowment" =~ ^[1-9][0-9]*$ ]] || die "--endowment must be a positive number of RSTK, got '$endowment'"
[[ "$chain_id" =~ ^[a-z0-9_]+$ ]] || die "--id must be lower-case letters, digits and '_', got '$chain_id'"
if [ -e "$out_dir" ] && [ -n "$(ls -A "$out_dir")" ]; then
	die "$out_dir exists and is not empty: choose a new directory (the kit never overwrites keys)"
fi

ensure_tool python3 python3
if [ -z "${NODE_BIN:-}" ] && [ ! -x "$(node_bin)" ]; then build_node; fi
node="$(require_node_bin)"

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
secrets="$out_dir/secrets"
mkdir -p "$secrets"
chmod 0700 "$secrets"
umask 077

step "generating keys for $validators validator(s) and the sudo account"
"$node" key generate --scheme sr25519 --words 24 --output-type json >"$secrets/sudo.json"
for i in $(seq 1 "$validators"); do
	"$node" key generate --scheme sr25519 --words 24 --output-type json >"$secrets/validator-$i-babe.json"
	"$node" key generate --scheme ed25519 --words 24 --output-type json >"$secrets/validator-$i-grandpa.json"
	mkdir -p "$out_dir/validator-$i"
	"$node" key generate-node-key --file "$out_dir/validator-$i/node-key" 2>/dev/null
	"$node" key inspect-node-key --file "$out_dir/validator-$i/node-key" >"$secrets/validator-$i-peer-id"
done

step "writing the plain chain spec from the staging template"
"$node" build-spec --chain staging --disable-default-bootnode 2>/dev/null >"$out_dir/staging-template.json"
python3 - "$out_dir" "$validators" "$chain_name" "$chain_id" "$hosts" "$p2p_port" "$endowment" <<'EOF'
import json, sys
out, n, name, chain_id, hosts, p2p_port, endowment = sys.argv[1:]
n, p2p_port, endowment = int(n), int(p2p_port), int(endowment)
hosts = hosts.split(",") if hosts else ["127.0.0.1"] * n
if len(hosts) != n:
    sys.exit(f"error: --hosts names {len(hosts)} host(s) for {n} validator(s)")

def load(path):
    with open(path) as f:
        return json.load(f)

spec = load(f"{out}/staging-template.json")
sudo = load(f"{out}/secrets/sudo.json")
validators = []
for i in range(1, n + 1):
    babe = load(f"{out}/secrets/validator-{i}-babe.json")
    grandpa = load(f"{out}/secrets/validator-{i}-grandpa.json")
    with open(f"{out}/secrets/validator-{i}-peer-id") as f:
        peer_id = f.read().strip()
    host = hosts[i - 1]
    proto = "ip4" if all(p.isdigit() for p in host.split(".")) and host.count(".") == 3 else "dns"
    validators.append({
        "index": i,
        "account": babe["ss58Address"],
        "babe": babe["ss58Address"],
        "babePublicKey": babe["publicKey"],
        "grandpa": grandpa["ss58Address"],
        "grandpaPublicKey": grandpa["publicKey"],
        "peerId": peer_id,
        "p2pPort": p2p_port + i - 1,
        "bootnode": f"/{proto}/{host}/tcp/{p2p_port + i - 1}/p2p/{peer_id}",
    })

decimals = spec["properties"]["tokenDecimals"]
unit = 10 ** decimals
patch = spec["genesis"]["runtimeGenesis"]["patch"]
root = sudo["ss58Address"]
# The treasury's existential balance and the consensus AVS account's (AVS 0's deposit) stay;
# every dev account goes.
template_endowment = max(entry[1] for entry in patch["balances"]["balances"])
kept = [entry for entry in patch["balances"]["balances"] if entry[1] != template_endowment]
if len(kept) != 2:
    sys.exit("error: the staging template changed: cannot find the treasury's and the consensus AVS's endowments")
stake = patch["restaking"]["delegations"][0][3]
if endowment * unit <= stake + 1000 * unit:
    sys.exit(f"error: --endowment {endowment} cannot pay a validator's stake of {stake // unit} RSTK and its deposits")
patch["balances"]["balances"] = [[root, endowment * unit]] + [[v["account"], endowment * unit] for v in validators] + kept
# The validators as operators with genesis stake in the consensus AVS, and their session keys.
patch["restaking"]["vaults"] = [[root] + vault[1:] for vault in patch["restaking"]["vaults"]]
operator, delegation = patch["restaking"]["operators"][0], patch["restaking"]["delegations"][0]
opt_in, allocation = patch["avsRegistry"]["optIns"][0], patch["avsRegistry"]["allocations"][0]
patch["restaking"]["operators"] = [[v["account"], operator[1]] for v in validators]
patch["restaking"]["delegations"] = [[v["account"], delegation[1], v["account"], delegation[3]] for v in validators]
patch["avsRegistry"]["optIns"] = [[opt_in[0], v["account"]] for v in validators]
patch["avsRegistry"]["allocations"] = [[allocation[0], v["account"], allocation[2], allocation[3]] for v in validators]
patch["session"]["keys"] = [
    [v["account"], v["account"], {"babe": v["babe"], "grandpa": v["grandpa"]}] for v in validators
]
patch["sudo"]["key"] = root
# The collateral tokens exist, owned (issued, administered) by the sudo account; nothing minted.
patch["assets"]["assets"] = [[asset[0], root, asset[2], asset[3]] for asset in patch["assets"]["assets"]]
patch["assets"]["accounts"] = []
spec["name"] = name
spec["id"] = chain_id
spec["chainType"] = "Live"
spec["bootNodes"] = [v["bootnode"] for v in validators]
spec["protocolId"] = chain_id
with open(f"{out}/chain-spec.json", "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
with open(f"{out}/network.json", "w") as f:
    json.dump({"name": name, "id": chain_id, "sudo": root, "validators": validators}, f, indent=2)
    f.write("\n")
EOF
rm "$out_dir/staging-template.json"

step "writing the raw chain spec"
"$node" build-spec --chain "$out_dir/chain-spec.json" --raw --disable-default-bootnode 2>/dev/null >"$out_dir/chain-spec-raw.json"
# The bootnodes (every validator) travel in the spec: nodes need no --bootnodes.
python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["bootNodes"] else 1)' \
	"$out_dir/chain-spec-raw.json" || die "the raw spec lost its bootnodes"

step "checking that no public dev key is left in the spec"
# The runtime wasm itself holds the dev keys (its genesis presets use them): the genesis state
# (everything but the code) must not.
needles="$out_dir/.dev-keys"
for name in Alice Bob Charlie Dave Eve Ferdie; do
	for suri in "//$name" "//$name//stash"; do
		for scheme in sr25519 ed25519; do
			"$node" key inspect --scheme "$scheme" --output-type json "$suri" |
				python3 -c 'import json,sys; d=json.load(sys.stdin); print(sys.argv[1], sys.argv[2], d["publicKey"][2:], d["ss58Address"])' "$suri" "$scheme"
		done
	done
done >"$needles"
python3 - "$out_dir" "$needles" <<'PY' || { rm -f "$needles"; die "the spec still names a public dev key"; }
import json, sys
out, needles = sys.argv[1:]
with open(f"{out}/chain-spec.json") as f:
    plain = json.load(f)
with open(f"{out}/chain-spec-raw.json") as f:
    raw = json.load(f)
plain["genesis"]["runtimeGenesis"].pop("code", None)
raw["genesis"]["raw"]["top"].pop("0x3a636f6465", None)
text = json.dumps(plain) + json.dumps(raw)
found = False
with open(needles) as f:
    for line in f:
        suri, scheme, public, address = line.split()
        for needle in (public, address):
            if needle in text:
                print(f"error: the genesis names the public dev key {suri} ({scheme}, {needle})", file=sys.stderr)
                found = True
sys.exit(1 if found else 0)
PY
rm -f "$needles"

step "putting each validator's keys into its keystore"
chmod 0644 "$out_dir/chain-spec.json" "$out_dir/chain-spec-raw.json" "$out_dir/network.json"
for i in $(seq 1 "$validators"); do
	base="$out_dir/validator-$i"
	for pair in babe:sr25519 gran:ed25519; do
		key_type="${pair%%:*}" scheme="${pair##*:}"
		file="$secrets/validator-$i-$([ "$key_type" = babe ] && echo babe || echo grandpa).json"
		suri="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretPhrase"])' "$file")"
		"$node" key insert --base-path "$base" --chain "$out_dir/chain-spec-raw.json" \
			--key-type "$key_type" --scheme "$scheme" --suri "$suri"
	done
	cat >"$base/start.sh" <<EOF
#!/usr/bin/env sh
# Validator $i of $chain_name ($chain_id), made by scripts/launch-network.sh.
# Run it on validator $i's machine from a copy of this directory and ../chain-spec-raw.json;
# RESTAKING_NODE names the node binary there (default: restaking-node on PATH).
cd "\$(dirname "\$0")"
exec "\${RESTAKING_NODE:-restaking-node}" \\
	--chain ../chain-spec-raw.json \\
	--base-path . \\
	--validator \\
	--name validator-$i \\
	--node-key-file node-key \\
	--port $((p2p_port + i - 1)) \\
	--rpc-port $((rpc_port + i - 1)) \\
	"\$@"
EOF
	chmod 0755 "$base/start.sh"
done
chmod 0600 "$secrets"/*

cat <<EOF

Network "$chain_name" ($chain_id) written to $out_dir:
  chain-spec-raw.json   give it to every node; start nodes with --chain chain-spec-raw.json
  secrets/              the secret phrases: sudo.json and each validator's babe/grandpa keys;
                        move them offline (the keystores below already hold the session keys)
  sudo account          $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sudo"])' "$out_dir/network.json")

Each validator runs its start script (copy validator-<i>/ and chain-spec-raw.json to its machine,
keeping the layout; set RESTAKING_NODE=/path/to/restaking-node if it is not on PATH):
EOF
for i in $(seq 1 "$validators"); do
	echo "  validator $i:  RESTAKING_NODE=$node $out_dir/validator-$i/start.sh"
done
cat <<EOF

Blocks are finalized once more than 2/3 of the $validators validators run. A node that only
follows the chain: restaking-node --chain $out_dir/chain-spec-raw.json (the bootnodes are in it).
EOF
