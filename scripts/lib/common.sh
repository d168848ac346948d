# Sourced by the scripts in scripts/ (not run on its own): where things are and how the tools the
# build needs are set up. One place for the rules every script follows:
#   - the repository root is `$repo_root`;
#   - cargo builds into $CARGO_TARGET_DIR, default $HOME/.cache/restaking-target (shared by the
#     scripts, the e2e tests and CI, so nothing is built twice);
#   - the node binary is $NODE_BIN if set, else $CARGO_TARGET_DIR/release/restaking-node;
#   - a tool that is missing is installed with apt-get (through sudo when not root) where that is
#     possible; otherwise the script stops with an error naming the tool and how to get it.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/restaking-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

# `step <text>`: a progress line a person can follow.
step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# `die <text>`: stop with an error.
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# `apt_install <tool> <package>...`: installs Debian packages for a missing tool.
apt_install() {
	local tool="$1"
	shift
	command -v apt-get >/dev/null 2>&1 ||
		die "'$tool' is not installed and apt-get is not available to install it: install the package(s) '$*' (Debian/Ubuntu names) and run this again"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 ||
			die "'$tool' is not installed; installing '$*' needs root and sudo is not available: run 'apt-get install $*' as root"
		sudo=(sudo)
	fi
	step "installing $* (provides '$tool', which is missing)"
	"${sudo[@]}" apt-get update -qq || die "apt-get update failed while installing '$*' for '$tool'"
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" ||
		die "apt-get could not install '$*' (needed for '$tool')"
}

# `ensure_tool <tool> <package>...`: the tool is on PATH afterwards, or the script stops.
ensure_tool() {
	local tool="$1"
	shift
	command -v "$tool" >/dev/null 2>&1 && return 0
	apt_install "$tool" "$@"
	hash -r
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' is still not on PATH after installing '$*'"
}

# `ensure_rust`: the toolchain of rust-toolchain.toml with its wasm targets and rust-src.
ensure_rust() {
	command -v rustup >/dev/null 2>&1 ||
		die "'rustup' is not installed: install Rust with rustup (https://rustup.rs: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh), open a new shell and run this again"
	# Reads rust-toolchain.toml; installs only what is missing (instant when all is there).
	(cd "$repo_root" && rustup toolchain install >/dev/null) ||
		die "rustup could not install the toolchain of rust-toolchain.toml"
	command -v cargo >/dev/null 2>&1 || die "'cargo' is not on PATH (add ~/.cargo/bin to PATH)"
}

# `ensure_build_tools`: everything `cargo build` of the node needs on a fresh Debian machine:
# the Rust toolchain, a C compiler and make (ring, secp256k1, zstd, jemalloc), protoc
# (prost-build in litep2p) and the OpenSSL headers with pkg-config (openssl-sys in litep2p).
# Nothing else: no crate uses clang or bindgen.
ensure_build_tools() {
	ensure_rust
	ensure_tool cc build-essential
	ensure_tool make build-essential
	ensure_tool protoc protobuf-compiler
	# OpenSSL headers for openssl-sys (litep2p's WebRTC transport, through str0m).
	ensure_tool pkg-config pkg-config
	pkg-config --exists openssl 2>/dev/null || {
		apt_install "OpenSSL headers (openssl.pc)" libssl-dev
		pkg-config --exists openssl || die "pkg-config still finds no openssl after installing libssl-dev"
	}
}

# `ensure_test_tools`: what the e2e tests and the testnet check need beyond the build.
ensure_test_tools() {
	ensure_tool node nodejs
	ensure_tool npm npm
	ensure_tool curl curl
	ensure_tool python3 python3
}

# `node_bin`: the path of the node binary (see the rules above); it may not exist yet.
node_bin() { printf '%s\n' "${NODE_BIN:-$CARGO_TARGET_DIR/release/restaking-node}"; }

# `require_node_bin`: the path of the node binary, or stop if it is not built.
require_node_bin() {
	local bin
	bin="$(node_bin)"
	[ -x "$bin" ] ||
		die "restaking-node binary not found at $bin (build it with 'cargo build --release -p restaking-node', or set NODE_BIN)"
	printf '%s\n' "$bin"
}

# `build_node [cargo args...]`: builds the release node, with a word on how long it takes.
build_node() {
	step "building restaking-node (release, into $CARGO_TARGET_DIR). The first build compiles the whole node and its wasm runtime: about 35 minutes on 2 cores; later builds take seconds to minutes"
	(cd "$repo_root" && cargo build --release -p restaking-node "$@")
}

# `bench_node_bin`: the path of a node built with `--features runtime-benchmarks`: $NODE_BIN if
# set, else built into $BENCH_TARGET_DIR (default $HOME/.cache/restaking-bench-target, its own
# target dir so the feature build does not replace the regular binary).
bench_node_bin() {
	if [ -n "${NODE_BIN:-}" ]; then
		require_node_bin
		return
	fi
	local dir="${BENCH_TARGET_DIR:-$HOME/.cache/restaking-bench-target}"
	step "building restaking-node with runtime-benchmarks (into $dir; a cold build takes about 35 minutes on 2 cores)"
	(cd "$repo_root" && CARGO_TARGET_DIR="$dir" cargo build --release -p restaking-node --features runtime-benchmarks) >&2
	CARGO_TARGET_DIR="$dir" require_node_bin
}

# `readme_block <name>`: the lines of README.md's code block after `<!-- readme:<name> -->`
# (scripts run README's commands as README writes them; scripts/check-readme.py runs the rest).
readme_block() {
	awk -v marker="<!-- readme:$1 -->" '
		$0 == marker { found = 1; next }
		found && /^```/ { if (inblock) exit; inblock = 1; next }
		found && inblock { print }
	' "$repo_root/README.md"
}
