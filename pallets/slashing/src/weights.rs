//! Weights for `pallet_slashing`.
//!
//! THESE ARE HAND-WRITTEN ESTIMATES, NOT BENCHMARK RESULTS. The file follows the format
//! `frame-benchmarking-cli` generates so that running the node's
//! `benchmark pallet --pallet pallet_slashing` replaces it verbatim. Until then, the
//! ref-time/proof-size components are conservative estimates and the database read/write counts
//! are the exact counts of each call's storage accesses, including the accesses made through the
//! `RestakingSlash` / `AvsInspect` implementations of `pallet-restaking` and
//! `pallet-avs-registry` as designed (AVS record, opt-in record, allocations, pool, vault,
//! withdrawal buckets, asset accounts).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_slashing`.
pub trait WeightInfo {
	fn request_slash(e: u32, ) -> Weight;
	fn veto_slash() -> Weight;
	fn execute_slash(v: u32, ) -> Weight;
	fn on_initialize_idle() -> Weight;
	fn on_initialize(n: u32, v: u32, ) -> Weight;
}

/// Weights for `pallet_slashing` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:0)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:0)
	/// Storage: `Slashing::Incidents` (r:1 w:1)
	/// Storage: `Slashing::PendingSlashCount` (r:1 w:1)
	/// Storage: `Slashing::NextSlashId` (r:1 w:1)
	/// Storage: `Slashing::SlashesDueAt` (r:1 w:1)
	/// Storage: `Slashing::PendingSlashes` (r:0 w:1)
	/// The range of component `e` is `[0, 1024]`.
	fn request_slash(e: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(Weight::from_parts(1_500, 0).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Slashing::PendingSlashes` (r:1 w:1)
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `Slashing::Incidents` (r:0 w:1)
	/// Storage: `Slashing::PendingSlashCount` (r:1 w:1)
	/// Storage: `Slashing::SlashesDueAt` (r:1 w:1)
	fn veto_slash() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Measured with the real pallets (`real_pallets_tests.rs`, one pool with one live
	/// withdrawal bucket): 12 non-whitelisted keys read, 9 written, whatever the number of
	/// delegators.
	/// Storage: `Slashing::PendingSlashes` (r:1 w:1)
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:0)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:0)
	/// Storage: `Restaking::Vaults` (r:v w:v)
	/// Storage: `Restaking::Pools` (r:v w:v)
	/// Storage: `Restaking::WithdrawalBuckets` (r:3v w:3v) (up to 3 live buckets per pool)
	/// Storage: `System::Account` / `Assets::Account` of vault and destination (r:2v w:2v)
	/// Storage: `Balances::TotalIssuance` / `Assets::Asset` (r:v w:0)
	/// Storage: `Slashing::Incidents` (r:0 w:1)
	/// Storage: `Slashing::PendingSlashCount` (r:1 w:1)
	/// Storage: `Slashing::SlashesDueAt` (r:1 w:1)
	/// The range of component `v` is `[0, 16]`.
	fn execute_slash(v: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(Weight::from_parts(60_000_000, 12_000).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((7_u64).saturating_mul(v.into())))
	}
	/// Storage: `Slashing::SlashesDueAt` (r:1 w:0)
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Slashing::SlashesDueAt` (r:1 w:0), then `n` times the accesses of
	/// `execute_slash(v)`.
	/// The range of component `n` is `[1, 8]`.
	/// The range of component `v` is `[0, 16]`.
	fn on_initialize(n: u32, v: u32, ) -> Weight {
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(Self::execute_slash(v).saturating_mul(n.into()))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn request_slash(e: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(Weight::from_parts(1_500, 0).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn veto_slash() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn execute_slash(v: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(Weight::from_parts(60_000_000, 12_000).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((8_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((7_u64).saturating_mul(v.into())))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn on_initialize(n: u32, v: u32, ) -> Weight {
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(Self::execute_slash(v).saturating_mul(n.into()))
	}
}
