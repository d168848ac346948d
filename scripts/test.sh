#!/usr/bin/env bash
# Runs the whole test suite, as CI does (.ci/run calls this command):
#   1. `cargo test --release --workspace`: pallet unit and property tests, runtime tests, the
#      node's smoke test and chain-spec check; then the cross-pallet tests with
#      `--features runtime-benchmarks` (they add the runtime's benchmark set-ups);
#   2. tests/e2e: polkadot.js against the real node binary (lifecycle + restaking_* RPC; the
#      forkless upgrade from the previous release; the launch kit's network of fresh keys;
#      standard clients; batch, proxy and multisig accounts), README's e2e commands as written;
#   3. scripts/local-testnet.sh: four validators, one killed with SIGKILL, finality goes on and
#      the killed one catches up;
#   4. scripts/check-readme.py: README's other commands as written (the manual testnet, the
#      launch kit, the Docker commands through the image's entry point, the curl examples);
# and ends with each runner's summary lines. Stops at the first stage that fails (exit 1).
#
# Does its own set-up first: the Rust toolchain of rust-toolchain.toml, and protoc, a C
# compiler, make, Node.js/npm, curl and python3 through apt-get when they are missing. The first
# run builds everything (about 35 minutes on 2 cores); the whole suite then takes about 10 more.
# Logs are kept in $TEST_LOG_DIR (default: a new temporary directory, printed at the end).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

log_dir="${TEST_LOG_DIR:-$(mktemp -d -t restaking-test.XXXXXX)}"
mkdir -p "$log_dir"

step "set-up: Rust toolchain (rust-toolchain.toml), C compiler, make, protoc, Node.js, curl, python3"
ensure_build_tools
ensure_test_tools
rustc --version >&2

step "1/4 cargo test --release --workspace (the first run builds the node, its wasm runtime and every test: about 35 minutes on 2 cores)"
cargo test --release --workspace 2>&1 | tee "$log_dir/cargo-test.log"
# The runtime's benchmark set-ups on the real pallets (pallets/*/src/benchmark_helpers.rs), and
# every cross-pallet test again with the pallets' benchmark code compiled in.
cargo test --release -p pallet-restaking-integration-tests --features runtime-benchmarks 2>&1 |
	tee -a "$log_dir/cargo-test.log"

build_node
NODE_BIN="$(require_node_bin)"
export NODE_BIN

step "2/4 end-to-end tests (tests/e2e: polkadot.js lifecycle + restaking_* RPC and its definitions, runtime upgrade, launch kit, GRANDPA RPC, light-sync spec and metadata-hash signing, batch/proxy/multisig, the consensus AVS (a validator joins and leaves); about 16 minutes), README's commands as written:"
e2e_commands="$(readme_block e2e)"
printf '%s\n' "$e2e_commands" >&2
[ -n "$e2e_commands" ] || die "README.md has no <!-- readme:e2e --> block"
# node --test reports TAP when its output is not a terminal (here: tee).
bash -euo pipefail -c "$e2e_commands" 2>&1 | tee "$log_dir/e2e.log"

step "3/4 local testnet: 4 validators, SIGKILL one, finality continues, it catches up (about 2 minutes)"
scripts/local-testnet.sh 2>&1 | tee "$log_dir/testnet.log"

step "4/4 README's other commands as written (manual 4-validator testnet, launch kit, Docker entry point and commands run natively, curl examples; about 2 minutes)"
python3 scripts/check-readme.py 2>&1 | tee "$log_dir/readme.log"

echo
echo "==> summary (logs in $log_dir)"
echo "cargo test --release --workspace, then -p pallet-restaking-integration-tests --features runtime-benchmarks:"
grep -E '^test result:' "$log_dir/cargo-test.log"
echo "tests/e2e (node --test):"
grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$log_dir/e2e.log"
echo "scripts/local-testnet.sh:"
grep -E '^(PASS|FAIL)' "$log_dir/testnet.log" | tail -n 1
echo "scripts/check-readme.py:"
grep -E '^(PASS|FAIL)' "$log_dir/readme.log" | tail -n 1
