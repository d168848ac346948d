
//! Weights for `pallet_time_parameters`.
//!
//! NOT YET MEASURED: written by hand from the storage the call touches (two reads, two writes)
//! and a conservative 20 µs of compute (the relations are a dozen comparisons). Replace with
//! `scripts/benchmark-weights.sh time_parameters` on the reference machine; the benchmark
//! exists and runs in the mock (`cargo test -p pallet-time-parameters --features
//! runtime-benchmarks`).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_time_parameters`.
pub trait WeightInfo {
	fn set_parameters() -> Weight;
}

/// Weights for `pallet_time_parameters` on the restaking ledger's reference machine.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TimeParameters::Parameters` (r:1 w:1)
	/// Proof: `TimeParameters::Parameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `TimeParameters::WindowEnvelope` (r:1 w:1)
	/// Proof: `TimeParameters::WindowEnvelope` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 1535)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 1535)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
