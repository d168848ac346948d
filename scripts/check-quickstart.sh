#!/usr/bin/env bash
# Proves README's quick start: runs its two commands exactly as README writes them (read from
# the README, between the `quickstart:` markers), from this checkout (CI's is a fresh clone),
# with the set-up paths exercised:
#
#   scripts/check-quickstart.sh missing-tool   # protoc hidden and no apt-get: the test command
#                                              # stops at once with an error naming protoc and
#                                              # its package, before building anything
#   scripts/check-quickstart.sh dev-node       # protoc hidden: the dev-node command installs it
#                                              # (apt-get), builds, starts the node and prints
#                                              # where to connect polkadot.js; the node answers
#                                              # RPC and produces blocks; Ctrl-C stops it
#   scripts/check-quickstart.sh test           # protoc hidden: the test command installs it and
#                                              # runs the whole suite (.ci/run ends with this)
#
# "Hidden" means PATH is replaced by a directory of links to every program on PATH except
# protoc (and, for missing-tool, apt-get and sudo). apt-get there is a wrapper that runs the
# real apt-get and then links the programs it installed (protoc) into that directory, as an
# install into /usr/bin would make them appear; the check fails if the command did not ask apt-get for
# protobuf-compiler. DEV_NODE_TIMEOUT (seconds, default 3600: a cold build) bounds the wait
# for the dev node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

mode="${1:-}"
sandbox="$(mktemp -d -t restaking-quickstart.XXXXXX)"
cleanup() {
	[ -z "${node_pid:-}" ] || kill -- "-$node_pid" 2>/dev/null || true
	rm -rf "$sandbox"
}
trap cleanup EXIT

# `readme_command <name>`: the first line of the code block after `<!-- quickstart:<name> -->`.
readme_command() {
	awk -v marker="<!-- quickstart:$1 -->" '
		$0 == marker { found = 1; next }
		found && /^```/ { if (inblock) exit; inblock = 1; next }
		found && inblock && NF { print; exit }
	' README.md
}

# `hide_tools <tool>...`: $sandbox/bin gets a link to every program on PATH but these.
hide_tools() {
	local bin="$sandbox/bin" dir entry name
	mkdir -p "$bin"
	IFS=: read -ra dirs <<<"$PATH"
	for dir in "${dirs[@]}"; do
		[ -d "$dir" ] || continue
		for entry in "$dir"/*; do
			name="${entry##*/}"
			[ -x "$entry" ] && [ ! -d "$entry" ] || continue
			[ -e "$bin/$name" ] && continue
			case " $* " in *" $name "*) continue ;; esac
			ln -s "$entry" "$bin/$name"
		done
	done
}

# `wrap_apt`: apt-get (and sudo) in $sandbox/bin record the call, run the real apt-get, and
# link what the install provides (protoc for protobuf-compiler) into $sandbox/bin.
wrap_apt() {
	local real_apt real_path="$PATH"
	real_apt="$(command -v apt-get)" || die "apt-get is needed for the set-up path of this check"
	rm -f "$sandbox/bin/apt-get" "$sandbox/bin/sudo"
	cat >"$sandbox/bin/apt-get" <<WRAPPER
#!/usr/bin/env bash
set -e
echo "apt-get \$*" >>"$sandbox/apt.log"
sudo=()
[ "\$(id -u)" -eq 0 ] || sudo=(sudo)
PATH="$real_path" "\${sudo[@]}" "$real_apt" "\$@"
# What the install put on the real PATH appears here too (protoc among it).
IFS=: read -ra dirs <<<"$real_path"
for dir in "\${dirs[@]}"; do
	for entry in "\$dir"/*; do
		[ -x "\$entry" ] && [ ! -d "\$entry" ] && [ ! -e "$sandbox/bin/\${entry##*/}" ] || continue
		ln -s "\$entry" "$sandbox/bin/\${entry##*/}"
	done
done
WRAPPER
	# The scripts call `sudo apt-get` when not root: let that reach the wrapper.
	printf '#!/usr/bin/env bash\nexec "$@"\n' >"$sandbox/bin/sudo"
	chmod +x "$sandbox/bin/apt-get" "$sandbox/bin/sudo"
}

in_sandbox() { PATH="$sandbox/bin" "$@"; }

dev_cmd="$(readme_command dev-node)"
test_cmd="$(readme_command test)"
[ -n "$dev_cmd" ] || die "README.md has no command after <!-- quickstart:dev-node -->"
[ -n "$test_cmd" ] || die "README.md has no command after <!-- quickstart:test -->"

case "$mode" in
missing-tool)
	hide_tools protoc apt-get sudo
	step "README test command with protoc hidden and no apt-get: $test_cmd"
	status=0
	in_sandbox bash -c "$test_cmd" >"$sandbox/out.log" 2>&1 || status=$?
	cat "$sandbox/out.log"
	[ "$status" -ne 0 ] || die "the test command succeeded without protoc"
	grep -q "'protoc' is not installed" "$sandbox/out.log" && grep -q protobuf-compiler "$sandbox/out.log" ||
		die "the error does not name protoc and its package protobuf-compiler"
	! grep -q 'Compiling ' "$sandbox/out.log" || die "the test command built something before stopping"
	echo "PASS: without protoc and apt-get the test command stops at once, naming protoc and protobuf-compiler"
	;;
dev-node)
	hide_tools protoc
	wrap_apt
	step "README dev-node command with protoc hidden: $dev_cmd"
	# Job control: the command gets its own process group with SIGINT not ignored, as in a
	# terminal, so that Ctrl-C can be sent to that group below.
	set -m
	in_sandbox bash -c "$dev_cmd" >"$sandbox/dev.log" 2>&1 &
	node_pid=$!
	set +m
	deadline=$((SECONDS + ${DEV_NODE_TIMEOUT:-3600}))
	until grep -q 'polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944' "$sandbox/dev.log"; do
		kill -0 "$node_pid" 2>/dev/null || { cat "$sandbox/dev.log"; die "the dev-node command exited before the node was up"; }
		[ "$SECONDS" -lt "$deadline" ] || { tail -50 "$sandbox/dev.log"; die "the dev node was not up within ${DEV_NODE_TIMEOUT:-3600} s"; }
		sleep 5
	done
	grep -A3 'The dev node is up' "$sandbox/dev.log"
	grep -q 'install .*protobuf-compiler' "$sandbox/apt.log" 2>/dev/null ||
		die "the dev-node command did not install protobuf-compiler although protoc was hidden"
	echo "PASS: with protoc hidden the dev-node command installed protobuf-compiler, built and started the node and printed the polkadot.js address"
	rpc() { curl -sf -m 5 -H 'Content-Type: application/json' http://127.0.0.1:9944 -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":[]}"; }
	height=0
	for _ in $(seq 1 30); do
		height=$(rpc chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"], 16))')
		[ "$height" -ge 2 ] && break
		sleep 2
	done
	[ "$height" -ge 2 ] || die "the dev node did not produce 2 blocks within a minute (best #$height)"
	echo "PASS: the dev node answers RPC on ws://127.0.0.1:9944 and produces blocks (best #$height)"
	# Ctrl-C in the terminal: SIGINT to the command's process group.
	kill -INT -- "-$node_pid"
	status=0
	wait "$node_pid" || status=$?
	node_pid=
	[ "$status" -eq 0 ] || { tail -20 "$sandbox/dev.log"; die "the dev-node command exited with $status on Ctrl-C"; }
	echo "PASS: Ctrl-C stops the dev node (exit 0)"
	;;
test)
	hide_tools protoc
	wrap_apt
	step "README test command with protoc hidden: $test_cmd"
	in_sandbox bash -c "$test_cmd"
	grep -q 'install .*protobuf-compiler' "$sandbox/apt.log" 2>/dev/null ||
		die "the test command did not install protobuf-compiler although protoc was hidden"
	;;
*)
	die "usage: scripts/check-quickstart.sh missing-tool|dev-node|test"
	;;
esac
