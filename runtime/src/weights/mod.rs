//! Weights of the polkadot-sdk pallets and transaction extensions this runtime configures,
//! measured on this runtime and node (state in ParityDB) with the node's `benchmark pallet`
//! command: `--chain dev-source --steps 20 --repeat 10`, compiled wasm, on the 2-core reference
//! machine (`scripts/benchmark-weights.sh utility proxy multisig balances frame_system
//! frame_system_extensions`).
//!
//! The restaking pallets keep their generated weights in their own crates
//! (`pallets/*/src/weights.rs`). pallet-assets, pallet-timestamp, pallet-sudo and
//! pallet-transaction-payment still use polkadot-sdk's reference-hardware weights.

pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_multisig;
pub mod pallet_proxy;
pub mod pallet_utility;
