//! # Cross-pallet tests of the restaking ledger
//!
//! One mock runtime with the real pallets ([`mock`]: pallet-balances, pallet-assets and the
//! four ledger pallets, the way the runtime wires them) for every test that needs more than
//! one pallet, so that each pallet's own unit tests can stay on small trait mocks:
//!
//! - `lifecycle`: deposit → opt-in → allocate → reward → claim → slash → withdraw with exact
//!   balances, commission and protocol fee;
//! - `slashing`: slash execution against real pools, including that it reads and writes the
//!   same storage keys for 1 and 1,000 delegators;
//! - `adversarial`: the seven attacks on slashing (jam, rule rewrite, payout abort, veto-window
//!   escape, execution-time basis, sybil fill, unpaid growth), each shown to fail;
//! - `invariants_proptest`: random sequences of all calls of the four pallets with the
//!   DESIGN.md invariants checked after every step.
//!
//! `SKIP_WASM_BUILD=1 cargo test --release -p pallet-restaking-integration-tests`.
#![cfg(test)]

mod adversarial;
mod invariants_proptest;
mod lifecycle;
mod mock;
mod slashing;
