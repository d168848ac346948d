//! Weights for `pallet_avs_registry`.
//!
//! ESTIMATES, NOT BENCHMARK RESULTS. The storage reads and writes of every function are the
//! exact worst-case counts of the code (listed above each function; reads of the restaking
//! pallet's storage are those of its `RestakingInspect` implementation); the ref-time and
//! proof-size components are hand estimates. They are to be replaced by the output of
//! `restaking-node benchmark pallet --pallet pallet_avs_registry --extrinsic '*'` (the
//! benchmarks live in `benchmarking.rs`), which keeps this file's format.
//!
//! Components: `v` accepted vaults or allocation records of one operator to one AVS, `o`
//! operators of the AVS, `a` allocation records of all the AVS's operators.
//!
//! THIS FILE FOLLOWS THE FORMAT OF `frame-benchmarking-cli`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_avs_registry`.
pub trait WeightInfo {
	fn register_avs(v: u32) -> Weight;
	fn update_avs(v: u32) -> Weight;
	fn deregister_avs() -> Weight;
	fn finalize_deregistration(o: u32, a: u32) -> Weight;
	fn opt_in(o: u32, v: u32) -> Weight;
	fn approve_operator() -> Weight;
	fn reject_operator(o: u32) -> Weight;
	fn opt_out(o: u32) -> Weight;
	fn finalize_opt_out(v: u32) -> Weight;
	fn set_allocation(v: u32) -> Weight;
	fn prune_allocation(v: u32) -> Weight;
}

/// Weights for `pallet_avs_registry` using the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `AvsRegistry::NextAvsId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:`v` w:0) (each accepted vault exists)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `AvsRegistry::Avss` (r:0 w:1)
	/// The range of component `v` is given by the benchmark.
	fn register_avs(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 3_600)
			.saturating_add(Weight::from_parts(1_500_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:`v` w:0) (each new accepted vault exists)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`v` w:0) (each removed vault has no allocations)
	/// The range of component `v` is given by the benchmark.
	fn update_avs(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(Weight::from_parts(2_500_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	fn deregister_avs() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `AvsRegistry::OptIns` (r:0 w:`o`)
	/// Storage: `AvsRegistry::Allocations` (r:`o` w:`o`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:`o` w:`o`)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:`a` w:`a`)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`a` w:`a`)
	/// The range of component `o` is given by the benchmark.
	/// The range of component `a` is given by the benchmark.
	fn finalize_deregistration(o: u32, a: u32) -> Weight {
		Weight::from_parts(35_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(a.into())))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `Restaking::Operators` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:`v` w:0) (minimum stake check; `pool_stake` also reads the pool's live withdrawal buckets)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// The range of component `o` is given by the benchmark.
	/// The range of component `v` is given by the benchmark.
	fn opt_in(o: u32, v: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(4_000_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	fn approve_operator() -> Weight {
		Weight::from_parts(18_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// The range of component `o` is given by the benchmark.
	fn reject_operator(o: u32) -> Weight {
		Weight::from_parts(28_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1) (withdrawing a pending opt-in; `o` = 0 for an opt-out of an opted-in operator, which only writes `OptIns`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// The range of component `o` is given by the benchmark.
	fn opt_out(o: u32) -> Weight {
		Weight::from_parts(28_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:`v` w:`v`)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`v` w:`v`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// The range of component `v` is given by the benchmark.
	fn finalize_opt_out(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(v.into())))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:0)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `Restaking::Operators` (r:1 w:0) (increase)
	/// Storage: `Restaking::Vaults` (r:1 w:0) (increase: vault active; decrease: withdrawal delay)
	/// Storage: `Restaking::Pools` (r:1 w:0) (increase, minimum stake; `pool_stake` also reads the pool's live withdrawal buckets)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:1 w:1)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:1 w:1) (new or removed record)
	/// The range of component `v` is given by the benchmark.
	fn set_allocation(v: u32) -> Weight {
		Weight::from_parts(35_000_000, 4_000)
			.saturating_add(Weight::from_parts(300_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:1 w:1)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:1 w:1) (removed record)
	/// The range of component `v` is given by the benchmark.
	fn prune_allocation(v: u32) -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(Weight::from_parts(300_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	/// Storage: `AvsRegistry::NextAvsId` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:`v` w:0) (each accepted vault exists)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `AvsRegistry::Avss` (r:0 w:1)
	fn register_avs(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 3_600)
			.saturating_add(Weight::from_parts(1_500_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	/// Storage: `Restaking::Vaults` (r:`v` w:0) (each new accepted vault exists)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`v` w:0) (each removed vault has no allocations)
	fn update_avs(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(Weight::from_parts(2_500_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	fn deregister_avs() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `AvsRegistry::OptIns` (r:0 w:`o`)
	/// Storage: `AvsRegistry::Allocations` (r:`o` w:`o`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:`o` w:`o`)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:`a` w:`a`)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`a` w:`a`)
	fn finalize_deregistration(o: u32, a: u32) -> Weight {
		Weight::from_parts(35_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(a.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(a.into())))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `Restaking::Operators` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `Restaking::Pools` (r:`v` w:0) (minimum stake check; `pool_stake` also reads the pool's live withdrawal buckets)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	fn opt_in(o: u32, v: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(4_000_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	fn approve_operator() -> Weight {
		Weight::from_parts(18_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	fn reject_operator(o: u32) -> Weight {
		Weight::from_parts(28_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1) (withdrawing a pending opt-in; `o` = 0 for an opt-out of an opted-in operator, which only writes `OptIns`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	fn opt_out(o: u32) -> Weight {
		Weight::from_parts(28_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(o.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `AvsRegistry::OptIns` (r:1 w:1)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:`v` w:`v`)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:`v` w:`v`)
	/// Storage: `AvsRegistry::OperatorAvs` (r:1 w:1)
	/// Storage: `AvsRegistry::AvsOperators` (r:1 w:1)
	fn finalize_opt_out(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(v.into())))
	}
	/// Storage: `AvsRegistry::Avss` (r:1 w:0)
	/// Storage: `AvsRegistry::OptIns` (r:1 w:0)
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `Restaking::Operators` (r:1 w:0) (increase)
	/// Storage: `Restaking::Vaults` (r:1 w:0) (increase: vault active; decrease: withdrawal delay)
	/// Storage: `Restaking::Pools` (r:1 w:0) (increase, minimum stake; `pool_stake` also reads the pool's live withdrawal buckets)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:1 w:1)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:1 w:1) (new or removed record)
	fn set_allocation(v: u32) -> Weight {
		Weight::from_parts(35_000_000, 4_000)
			.saturating_add(Weight::from_parts(300_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `AvsRegistry::Allocations` (r:1 w:1)
	/// Storage: `AvsRegistry::PoolAllocationTotal` (r:1 w:1)
	/// Storage: `AvsRegistry::VaultAllocationCount` (r:1 w:1) (removed record)
	fn prune_allocation(v: u32) -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(Weight::from_parts(300_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
}
