#!/usr/bin/env bash
# Prints the SHA-256 digest of the sources the runtime wasm is built from: the workspace
# manifest, Cargo.lock, rust-toolchain.toml, and every `.rs` and `Cargo.toml` of runtime/ and
# the pallets, except tests, mocks, benchmarks and benchmark helpers (they are not compiled
# into the wasm), the integration-test crate and the test-utils crate.
#
# scripts/generate-chain-specs.sh writes it to chain-specs/runtime-source.sha256 beside the
# specs it generates; the node's `chain_specs` test runs this script and fails when the digest
# differs, i.e. when the committed specs (which `--dev` and `--chain local` are) were not
# generated from this source.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

{
	printf '%s\n' Cargo.toml Cargo.lock rust-toolchain.toml
	find runtime pallets -type f \( -name '*.rs' -o -name Cargo.toml \) \
		! -path 'pallets/integration-tests/*' ! -path 'pallets/test-utils/*' \
		! -path '*/src/tests/*' ! -name tests.rs ! -name mock.rs ! -name benchmarking.rs \
		! -name benchmark_helpers.rs
} | LC_ALL=C sort | xargs -d '\n' sha256sum -- | sha256sum | cut -d ' ' -f 1
