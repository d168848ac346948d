//! Benchmarks of the AVS registry, one per call, each in its worst case: the largest
//! metadata and reward-asset lists, a minimum operator stake that makes the calls read pool
//! stakes, and the index vectors (`AvsOperators`) as long as the component says.
//!
//! Restaking state (operators, vaults, pool stakes) comes from [`Config::BenchmarkHelper`].

use super::*;
use crate::Pallet as AvsRegistry;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::fungible::{self, Inspect as _},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_restaking::traits::RestakingInspect;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	Perbill,
};

/// Give `who` enough native token for several AVS and opt-in deposits.
fn fund<T: Config>(who: &T::AccountId) {
	let plenty = T::AvsDeposit::get()
		.saturating_add(T::OptInDeposit::get())
		.saturating_add(T::NativeBalance::minimum_balance())
		.saturating_add(One::one())
		.saturating_mul(100u32.into());
	<T::NativeBalance as fungible::Mutate<_>>::set_balance(who, plenty);
}

/// An account with enough native token for several AVS and opt-in deposits.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// An active operator, funded for its opt-in deposits.
fn operator<T: Config>(index: u32) -> T::AccountId {
	let operator: T::AccountId = account("operator", index, 0);
	fund::<T>(&operator);
	T::BenchmarkHelper::setup_operator(&operator);
	operator
}

/// `count` new vaults in which `staker_operator` has stake.
fn vaults_of<T: Config>(staker_operator: &T::AccountId, count: u32) -> Vec<VaultId> {
	(0..count)
		.map(|_| T::BenchmarkHelper::setup_vault_with_stake(staker_operator))
		.collect()
}

/// A valid configuration with the longest metadata and reward-asset list.
fn config<T: Config>(vaults: Vec<VaultId>, requires_approval: bool) -> AvsConfig<T> {
	let slasher: T::AccountId = account("slasher", 0, 0);
	let veto_window = T::MinVetoWindow::get();
	let opt_out_delay = T::MinOptOutDelay::get().max(veto_window.saturating_add(One::one()));
	AvsConfig {
		metadata: BoundedVec::truncate_from(vec![7u8; T::MaxMetadataLen::get() as usize]),
		accepted_vaults: BoundedVec::truncate_from(vaults),
		min_operator_stake: One::one(),
		slashing: AvsSlashingParams {
			slasher: slasher.clone(),
			resolver: Some(slasher.clone()),
			max_slash: Perbill::from_percent(50),
			veto_window,
			destination: SlashDestination::Account(slasher),
		},
		reward_assets: BoundedVec::truncate_from(
			(0..T::MaxRewardAssets::get()).map(T::BenchmarkHelper::reward_asset).collect(),
		),
		requires_approval,
		opt_out_delay,
	}
}

/// Register an AVS with `config`; returns (AVS, owner).
fn register<T: Config>(config: AvsConfig<T>) -> (AvsId, T::AccountId) {
	let owner = funded::<T>("owner", 0);
	let avs = NextAvsId::<T>::get();
	assert!(AvsRegistry::<T>::register_avs(RawOrigin::Signed(owner.clone()).into(), config).is_ok());
	(avs, owner)
}

fn join<T: Config>(avs: AvsId, operator: &T::AccountId) {
	assert!(AvsRegistry::<T>::opt_in(RawOrigin::Signed(operator.clone()).into(), avs).is_ok());
}

fn allocate<T: Config>(avs: AvsId, operator: &T::AccountId, vault: VaultId, fraction: Perbill) {
	assert!(AvsRegistry::<T>::set_allocation(
		RawOrigin::Signed(operator.clone()).into(),
		avs,
		vault,
		fraction
	)
	.is_ok());
}

fn advance<T: Config>(blocks: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(
		now.saturating_add(blocks).saturating_add(One::one()),
	);
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `v` accepted vaults to check.
	#[benchmark]
	fn register_avs(v: Linear<0, { T::MaxVaultsPerAvs::get() }>) {
		let staker = operator::<T>(0);
		let config = config::<T>(vaults_of::<T>(&staker, v), false);
		let owner = funded::<T>("owner", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), config);

		assert_last_event::<T>(Event::AvsRegistered {
			avs: 0,
			owner,
			deposit: T::AvsDeposit::get(),
		});
	}

	/// `v` accepted vaults replaced by `v` others (each old one checked for allocations, each
	/// new one for existence), with a riskier rule (a higher cap) that is scheduled: the
	/// withdrawal waits of the old and new vaults are read and the change is written.
	#[benchmark]
	fn update_avs(v: Linear<0, { T::MaxVaultsPerAvs::get() }>) {
		let staker = operator::<T>(0);
		let (avs, owner) = register::<T>(config::<T>(vaults_of::<T>(&staker, v), false));
		let mut new_config = config::<T>(vaults_of::<T>(&staker, v), true);
		new_config.slashing.max_slash = Perbill::one();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, new_config.clone());

		let stored = Avss::<T>::get(avs).map(|info| info.config);
		assert_eq!(stored.map(|config| config.accepted_vaults), Some(new_config.accepted_vaults));
		assert_eq!(
			ScheduledRuleChanges::<T>::get(avs).map(|change| change.slashing.max_slash),
			Some(Perbill::one())
		);
	}

	#[benchmark]
	fn deregister_avs() {
		let (avs, owner) = register::<T>(config::<T>(Vec::new(), false));

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs);

		assert!(matches!(
			Avss::<T>::get(avs).map(|info| info.status),
			Some(AvsStatus::Deregistering { .. })
		));
	}

	/// `o` operators with `a` allocation records between them (spread over the operators and
	/// the `MaxVaultsPerAvs` accepted vaults; at most `o × MaxVaultsPerAvs` are possible).
	#[benchmark]
	fn finalize_deregistration(
		o: Linear<1, { T::MaxOperatorsPerAvs::get() }>,
		a: Linear<0, { T::MaxOperatorsPerAvs::get().saturating_mul(T::MaxVaultsPerAvs::get()) }>,
	) {
		let first = operator::<T>(0);
		let vaults = vaults_of::<T>(&first, T::MaxVaultsPerAvs::get());
		let mut avs_config = config::<T>(vaults.clone(), false);
		avs_config.min_operator_stake = Zero::zero();
		let (avs, owner) = register::<T>(avs_config);
		let operators: Vec<T::AccountId> = (0..o).map(|index| operator::<T>(index)).collect();
		for operator in operators.iter() {
			join::<T>(avs, operator);
		}
		let records = a.min(o.saturating_mul(vaults.len() as u32));
		for index in 0..records {
			let operator = &operators[(index % o) as usize];
			let vault = vaults[(index / o) as usize];
			allocate::<T>(avs, operator, vault, Perbill::from_percent(10));
		}
		assert!(
			AvsRegistry::<T>::deregister_avs(RawOrigin::Signed(owner.clone()).into(), avs).is_ok()
		);
		advance::<T>(Avss::<T>::get(avs).map(|info| info.config.opt_out_delay).unwrap_or_default());
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), avs);

		assert!(Avss::<T>::get(avs).is_none());
		assert!(AvsOperators::<T>::get(avs).is_empty());
	}

	/// `o` operators already with the AVS; `v` accepted vaults, the caller's stake only in
	/// the last (every vault is read for the minimum-stake check).
	#[benchmark]
	fn opt_in(
		o: Linear<0, { T::MaxOperatorsPerAvs::get().saturating_sub(1) }>,
		v: Linear<1, { T::MaxVaultsPerAvs::get() }>,
	) {
		let filler = operator::<T>(1_000);
		let caller = operator::<T>(1_001);
		let mut vaults = vaults_of::<T>(&filler, v.saturating_sub(1));
		vaults.extend(vaults_of::<T>(&caller, 1));
		let mut avs_config = config::<T>(vaults, false);
		avs_config.min_operator_stake = Zero::zero();
		let (avs, _) = register::<T>(avs_config);
		for index in 0..o {
			join::<T>(avs, &operator::<T>(index));
		}
		Avss::<T>::mutate(avs, |info| {
			if let Some(info) = info {
				info.config.min_operator_stake = One::one();
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), avs);

		assert_eq!(OptIns::<T>::get(avs, &caller), Some(OptInStatus::OptedIn));
	}

	#[benchmark]
	fn approve_operator() {
		let caller = operator::<T>(0);
		let vaults = vaults_of::<T>(&caller, 1);
		let (avs, owner) = register::<T>(config::<T>(vaults, true));
		join::<T>(avs, &caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, caller.clone());

		assert_eq!(OptIns::<T>::get(avs, &caller), Some(OptInStatus::OptedIn));
	}

	/// `o` pending operators; the last one is rejected.
	#[benchmark]
	fn reject_operator(o: Linear<1, { T::MaxOperatorsPerAvs::get() }>) {
		let mut avs_config = config::<T>(Vec::new(), true);
		avs_config.min_operator_stake = Zero::zero();
		let (avs, owner) = register::<T>(avs_config);
		let operators: Vec<T::AccountId> = (0..o).map(|index| operator::<T>(index)).collect();
		for operator in operators.iter() {
			join::<T>(avs, operator);
		}
		let rejected = operators[operators.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, rejected.clone());

		assert!(OptIns::<T>::get(avs, &rejected).is_none());
	}

	/// `o` pending operators; the last one withdraws its opt-in (the path that updates the
	/// indices).
	#[benchmark]
	fn opt_out(o: Linear<1, { T::MaxOperatorsPerAvs::get() }>) {
		let mut avs_config = config::<T>(Vec::new(), true);
		avs_config.min_operator_stake = Zero::zero();
		let (avs, _) = register::<T>(avs_config);
		let operators: Vec<T::AccountId> = (0..o).map(|index| operator::<T>(index)).collect();
		for operator in operators.iter() {
			join::<T>(avs, operator);
		}
		let caller = operators[operators.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), avs);

		assert!(OptIns::<T>::get(avs, &caller).is_none());
	}

	/// `v` allocation records of the operator; the AVS has `MaxOperatorsPerAvs` operators.
	#[benchmark]
	fn finalize_opt_out(v: Linear<0, { T::MaxVaultsPerAvs::get() }>) {
		let leaving = operator::<T>(0);
		let vaults = vaults_of::<T>(&leaving, T::MaxVaultsPerAvs::get());
		let (avs, _) = register::<T>(config::<T>(vaults.clone(), false));
		join::<T>(avs, &leaving);
		Avss::<T>::mutate(avs, |info| {
			if let Some(info) = info {
				info.config.min_operator_stake = Zero::zero();
			}
		});
		for index in 1..T::MaxOperatorsPerAvs::get() {
			join::<T>(avs, &operator::<T>(index));
		}
		for vault in vaults.iter().take(v as usize) {
			allocate::<T>(avs, &leaving, *vault, Perbill::from_percent(10));
		}
		assert!(AvsRegistry::<T>::opt_out(RawOrigin::Signed(leaving.clone()).into(), avs).is_ok());
		advance::<T>(Avss::<T>::get(avs).map(|info| info.config.opt_out_delay).unwrap_or_default());
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), avs, leaving.clone());

		assert!(OptIns::<T>::get(avs, &leaving).is_none());
		assert!(Allocations::<T>::get(avs, &leaving).is_empty());
	}

	/// `o` pending operators; the owner removes the last one. The pending branch (records and
	/// the `AvsOperators` index rewritten, opt-in deposit released) costs more than the
	/// opted-in branch (one status write).
	#[benchmark]
	fn remove_operator(o: Linear<1, { T::MaxOperatorsPerAvs::get() }>) {
		let mut avs_config = config::<T>(Vec::new(), true);
		avs_config.min_operator_stake = Zero::zero();
		let (avs, owner) = register::<T>(avs_config);
		let operators: Vec<T::AccountId> = (0..o).map(|index| operator::<T>(index)).collect();
		for operator in operators.iter() {
			join::<T>(avs, operator);
		}
		let removed = operators[operators.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, removed.clone());

		assert!(OptIns::<T>::get(avs, &removed).is_none());
		assert!(OptInDeposits::<T>::get(avs, &removed).is_none());
		assert_last_event::<T>(Event::OperatorRemoved { avs, operator: removed, until: None });
	}

	/// `v` existing allocation records of the operator; the call adds an increase for one
	/// more vault (reads operator, vault and pool stake).
	#[benchmark]
	fn set_allocation(v: Linear<0, { T::MaxVaultsPerAvs::get().saturating_sub(1) }>) {
		let caller = operator::<T>(0);
		let vaults = vaults_of::<T>(&caller, T::MaxVaultsPerAvs::get());
		let (avs, _) = register::<T>(config::<T>(vaults.clone(), false));
		join::<T>(avs, &caller);
		for vault in vaults.iter().take(v as usize) {
			allocate::<T>(avs, &caller, *vault, Perbill::from_percent(10));
		}
		let vault = vaults[v as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), avs, vault, Perbill::one());

		assert!(PoolAllocationTotal::<T>::get(vault, &caller) > 0);
	}

	/// `v` allocation records of the operator; the last one, decreased to zero and no longer
	/// slashable, is removed.
	#[benchmark]
	fn prune_allocation(v: Linear<1, { T::MaxVaultsPerAvs::get() }>) {
		let allocator = operator::<T>(0);
		let vaults = vaults_of::<T>(&allocator, v);
		let (avs, _) = register::<T>(config::<T>(vaults.clone(), false));
		join::<T>(avs, &allocator);
		for vault in vaults.iter() {
			allocate::<T>(avs, &allocator, *vault, Perbill::from_percent(10));
		}
		advance::<T>(T::AllocationDelay::get());
		let vault = vaults[vaults.len() - 1];
		allocate::<T>(avs, &allocator, vault, Perbill::zero());
		advance::<T>(T::Restaking::vault_withdrawal_delay(vault).unwrap_or_default());
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), avs, allocator.clone(), vault);

		assert_eq!(PoolAllocationTotal::<T>::get(vault, &allocator), 0);
	}

	impl_benchmark_test_suite!(
		AvsRegistry,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
