//! Weights for `pallet_restaking`.
//!
//! ESTIMATES, NOT BENCHMARK RESULTS. The storage reads and writes of every function are the
//! exact worst-case counts of the code (listed above each function; an asset-collateral vault
//! is the worst case, a native one touches `System::Account` instead of `Assets::*`); the
//! ref-time and proof-size components are hand estimates. They are to be replaced by the output
//! of `restaking-node benchmark pallet --pallet pallet_restaking --extrinsic '*'` (the
//! benchmarks live in `benchmarking.rs`), which keeps this file's format.
//!
//! THIS FILE FOLLOWS THE FORMAT OF `frame-benchmarking-cli`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_restaking`.
pub trait WeightInfo {
	fn register_operator() -> Weight;
	fn set_commission() -> Weight;
	fn pause_operator() -> Weight;
	fn resume_operator() -> Weight;
	fn leave_operators() -> Weight;
	fn create_vault() -> Weight;
	fn force_create_vault() -> Weight;
	fn set_vault_limits() -> Weight;
	fn pause_vault() -> Weight;
	fn resume_vault() -> Weight;
	fn deposit() -> Weight;
	fn queue_withdrawal() -> Weight;
	fn complete_withdrawal() -> Weight;
	fn redelegate() -> Weight;
	fn slash_pool_live_buckets(b: u32) -> Weight;
	fn credit_pool_reward() -> Weight;
	fn take_pending_rewards() -> Weight;
}

/// Weights for `pallet_restaking` using the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn register_operator() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn set_commission() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn pause_operator() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn resume_operator() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn leave_operators() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::NextVaultId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:0 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2) (creator, vault account)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (creator, vault account)
	fn create_vault() -> Weight {
		Weight::from_parts(70_000_000, 7_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `Restaking::NextVaultId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:0 w:1)
	/// Storage: `System::Account` (r:1 w:1) (vault account)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (owner, vault account)
	/// Storage: (reads: +1 `System::Account` of the owner for a native vault)
	fn force_create_vault() -> Weight {
		Weight::from_parts(55_000_000, 7_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn set_vault_limits() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn pause_vault() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn resume_vault() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::Operators` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (staker, vault account)
	fn deposit() -> Weight {
		Weight::from_parts(75_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn queue_withdrawal() -> Weight {
		Weight::from_parts(60_000_000, 14_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: payout: `Assets::Asset` (r:1 w:1), `Assets::Account` (r:2 w:2)
	/// Storage: redelegation: `Restaking::Pools` (r:1 w:1), `Restaking::Operators` (r:1 w:0), `Restaking::Positions` (r:1 w:1), `Restaking::StakerPools` (r:1 w:1)
	/// Storage: counted: a failed redelegation (its checks read 4) falling back to the payout
	fn complete_withdrawal() -> Weight {
		Weight::from_parts(80_000_000, 16_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:0) (target)
	/// Storage: `Restaking::Vaults` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn redelegate() -> Weight {
		Weight::from_parts(65_000_000, 14_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:b w:b) (one per live bucket)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (vault account; the beneficiary when not burning)
	/// The range of component `b` is `[1, MaxLiveBuckets]`.
	fn slash_pool_live_buckets(b: u32) -> Weight {
		Weight::from_parts(60_000_000, 9_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(b.into()))
	}
	/// Storage: `Restaking::Pools` (r:1 w:1)
	fn credit_pool_reward() -> Weight {
		Weight::from_parts(20_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:0)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn take_pending_rewards() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn register_operator() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn set_commission() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn pause_operator() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn resume_operator() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:1)
	fn leave_operators() -> Weight {
		Weight::from_parts(13_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::NextVaultId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:0 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2) (creator, vault account)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (creator, vault account)
	fn create_vault() -> Weight {
		Weight::from_parts(70_000_000, 7_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	/// Storage: `Restaking::NextVaultId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:0 w:1)
	/// Storage: `System::Account` (r:1 w:1) (vault account)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (owner, vault account)
	/// Storage: (reads: +1 `System::Account` of the owner for a native vault)
	fn force_create_vault() -> Weight {
		Weight::from_parts(55_000_000, 7_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn set_vault_limits() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn pause_vault() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	fn resume_vault() -> Weight {
		Weight::from_parts(14_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::Operators` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (staker, vault account)
	fn deposit() -> Weight {
		Weight::from_parts(75_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn queue_withdrawal() -> Weight {
		Weight::from_parts(60_000_000, 14_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: payout: `Assets::Asset` (r:1 w:1), `Assets::Account` (r:2 w:2)
	/// Storage: redelegation: `Restaking::Pools` (r:1 w:1), `Restaking::Operators` (r:1 w:0), `Restaking::Positions` (r:1 w:1), `Restaking::StakerPools` (r:1 w:1)
	/// Storage: counted: a failed redelegation (its checks read 4) falling back to the payout
	fn complete_withdrawal() -> Weight {
		Weight::from_parts(80_000_000, 16_000)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	/// Storage: `Restaking::Operators` (r:1 w:0) (target)
	/// Storage: `Restaking::Vaults` (r:1 w:0)
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:1 w:1)
	/// Storage: `Restaking::PendingWithdrawals` (r:1 w:1)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn redelegate() -> Weight {
		Weight::from_parts(65_000_000, 14_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	/// Storage: `Restaking::Vaults` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:1)
	/// Storage: `Restaking::WithdrawalBuckets` (r:b w:b) (one per live bucket)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2) (vault account; the beneficiary when not burning)
	/// The range of component `b` is `[1, MaxLiveBuckets]`.
	fn slash_pool_live_buckets(b: u32) -> Weight {
		Weight::from_parts(60_000_000, 9_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(b.into()))
	}
	/// Storage: `Restaking::Pools` (r:1 w:1)
	fn credit_pool_reward() -> Weight {
		Weight::from_parts(20_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Restaking::Positions` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:1 w:0)
	/// Storage: `Restaking::StakerPools` (r:1 w:1) (only when the position is emptied)
	fn take_pending_rewards() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
