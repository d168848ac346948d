//! # Cross-pallet tests of the restaking ledger
//!
//! One mock runtime with the real pallets ([`mock`]: pallet-balances, pallet-assets, the four
//! ledger pallets and pallet-time-parameters for their windows, the way the runtime wires them)
//! for every test that needs more than one pallet, so that each pallet's own unit tests can stay
//! on small trait mocks:
//!
//! - `mock`'s own tests: every pallet's `integrity_test` holds for the mock's constants and
//!   windows (the windows keep the runtime's relations);
//! - `lifecycle`: deposit → opt-in → allocate → reward → claim → slash → withdraw with exact
//!   balances, commission and protocol fee;
//! - `slashing`: slash execution against real pools, including that it reads and writes the
//!   same storage keys for 1 and 1,000 delegators;
//! - `adversarial`: the seven attacks on slashing (jam, rule rewrite, payout abort, veto-window
//!   escape, execution-time basis, sybil fill, unpaid growth), each shown to fail;
//! - `consensus`: the consensus AVS's election of validators from the operators' stake
//!   allocated to AVS 0 (eligibility, ranking, bounds, leaving), and the genesis that makes the
//!   first validators restaked operators;
//! - `invariants_proptest`: random sequences of all calls of the four pallets with the
//!   DESIGN.md invariants checked after every step;
//! - `benchmarks` (with `--features runtime-benchmarks`): the runtime's benchmark helpers
//!   (`pallets/*/src/benchmark_helpers.rs`) on the real pallets, at the mock's bounds.
//!
//! `SKIP_WASM_BUILD=1 cargo test --release -p pallet-restaking-integration-tests`, and with
//! `--features runtime-benchmarks` for the benchmarks as well (every other test runs under
//! both).
#![cfg(test)]

mod adversarial;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
mod consensus;
mod invariants_proptest;
mod lifecycle;
mod mock;
mod slashing;
