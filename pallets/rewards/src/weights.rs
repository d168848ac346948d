//! Weights for `pallet_rewards`.
//!
//! THESE ARE HAND-WRITTEN ESTIMATES, NOT BENCHMARK RESULTS. The file follows the format
//! `frame-benchmarking-cli` generates so that running the node's
//! `benchmark pallet --pallet pallet_rewards` replaces it verbatim. Until then, the
//! ref-time/proof-size components are conservative estimates and the database read/write counts
//! are the exact counts of each call's storage accesses, including the accesses made through the
//! `RestakingRewards` / `AvsInspect` implementations of `pallet-restaking` and
//! `pallet-avs-registry` as designed (AVS record, opt-in list, allocations, operator, pool,
//! pool reward accumulator, staker position, asset accounts).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_rewards`.
pub trait WeightInfo {
	fn submit_rewards(o: u32, v: u32, ) -> Weight;
	fn claim_rewards(p: u32, a: u32, ) -> Weight;
	fn claim_commission() -> Weight;
	fn transfer_protocol_fees() -> Weight;
	fn set_protocol_fee() -> Weight;
}

/// Weights for `pallet_rewards` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptedIn` (r:1 w:0)
	/// Storage: `Rewards::NextSubmissionId` (r:1 w:1)
	/// Storage: `Rewards::ProtocolFee` (r:1 w:0)
	/// Storage: `System::Account` / `Assets::Account` of owner and pot (r:2 w:2)
	/// Storage: `Rewards::AccruedProtocolFees` (r:1 w:1)
	/// Storage: `Rewards::OutstandingStakerRewards` (r:1 w:1)
	/// Per operator `o`:
	/// Storage: `AvsRegistry::Allocations` (r:1 w:0)
	/// Storage: `Restaking::Operators` (r:1 w:0)
	/// Storage: `Rewards::OperatorCommission` (r:1 w:1)
	/// Per operator and vault `o × v`:
	/// Storage: `Restaking::Pools` (r:1 w:0) (stake read)
	/// Storage: `Restaking::Pools` / `Restaking::PoolRewardPerShare` (r:1 w:1) (credit)
	/// The range of component `o` is `[1, 32]`.
	/// The range of component `v` is `[1, 8]`.
	fn submit_rewards(o: u32, v: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(15_000_000, 3_000).saturating_mul(o.saturating_mul(v).into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.saturating_mul(v).into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(o.saturating_mul(v).into())))
	}
	/// Storage: `Restaking::StakerPools` (r:1 w:0)
	/// Per pool `p`:
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::PoolRewardPerShare` (r:1 w:0)
	/// Per asset `a`:
	/// Storage: `System::Account` / `Assets::Account` of pot and staker (r:2 w:2)
	/// Storage: `Rewards::OutstandingStakerRewards` (r:1 w:1)
	/// The range of component `p` is `[1, 16]`.
	/// The range of component `a` is `[1, 4]`.
	fn claim_rewards(p: u32, a: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(35_000_000, 6_000).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(a.into())))
	}
	/// Storage: `Rewards::OperatorCommission` (r:1 w:1)
	/// Storage: `System::Account` / `Assets::Account` of pot and operator (r:2 w:2)
	fn claim_commission() -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Rewards::AccruedProtocolFees` (r:1 w:1)
	/// Storage: `System::Account` / `Assets::Account` of pot and treasury (r:2 w:2)
	fn transfer_protocol_fees() -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Rewards::ProtocolFee` (r:0 w:1)
	fn set_protocol_fee() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn submit_rewards(o: u32, v: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(15_000_000, 3_000).saturating_mul(o.saturating_mul(v).into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.saturating_mul(v).into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(o.saturating_mul(v).into())))
	}
	fn claim_rewards(p: u32, a: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(35_000_000, 6_000).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(a.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(a.into())))
	}
	fn claim_commission() -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn transfer_protocol_fees() -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_protocol_fee() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
