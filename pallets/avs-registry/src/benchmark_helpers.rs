//! Set-up of AVS state for benchmarks, through this pallet's calls on top of the real
//! restaking pallet ([`pallet_restaking::benchmark_helpers`]): AVSs, opt-ins and allocations in
//! force.
//!
//! [`WithRestaking`] is this pallet's [`BenchmarkHelper`](crate::BenchmarkHelper) for a
//! runtime whose restaking ledger is `pallet-restaking`; the functions are shared with the
//! slashing and rewards pallets' helpers. The runtime and the real-pallets mock of
//! `pallets/integration-tests` use them all. Set-up code: a call that fails panics, which
//! fails the benchmark.

use crate::{
	types::{AvsConfig, AvsId, AvsSlashingParams, SlashDestination},
	Config, NextAvsId, Pallet,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use pallet_restaking::{benchmark_helpers as restaking, types::VaultId, BenchmarkHelper as _};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

/// The restaking pallet's balance type.
pub type BalanceOf<T> = <T as pallet_restaking::Config>::Balance;
/// The restaking pallet's asset type.
pub type AssetKindOf<T> = <T as pallet_restaking::Config>::AssetKind;

/// A runtime where this pallet sits on `pallet-restaking`, with the same balance and asset
/// types and the same native token.
pub trait RealRestaking:
	pallet_restaking::Config + Config<Balance = BalanceOf<Self>, AssetKind = AssetKindOf<Self>>
{
}
impl<T> RealRestaking for T where
	T: pallet_restaking::Config + Config<Balance = BalanceOf<T>, AssetKind = AssetKindOf<T>>
{
}

/// Register an AVS owned by `owner` (funded) accepting `vaults` and `reward_assets`, slashable
/// by `slasher` up to 50% into the owner's account, vetoable by `resolver`, with the shortest
/// veto window and the shortest opt-out delay above it. Returns its id.
pub fn register_avs<T: RealRestaking>(
	owner: &T::AccountId,
	slasher: &T::AccountId,
	resolver: &T::AccountId,
	vaults: Vec<VaultId>,
	reward_assets: Vec<AssetKindOf<T>>,
) -> AvsId {
	let avs = NextAvsId::<T>::get();
	let veto_window = T::MinVetoWindow::get();
	let opt_out_delay = T::MinOptOutDelay::get().max(veto_window.saturating_add(1u32.into()));
	let config = AvsConfig::<T> {
		metadata: Default::default(),
		accepted_vaults: BoundedVec::truncate_from(vaults),
		min_operator_stake: Zero::zero(),
		slashing: AvsSlashingParams {
			slasher: slasher.clone(),
			resolver: Some(resolver.clone()),
			max_slash: Perbill::from_percent(50),
			veto_window,
			destination: SlashDestination::Account(owner.clone()),
		},
		reward_assets: BoundedVec::truncate_from(reward_assets),
		requires_approval: false,
		opt_out_delay,
	};
	Pallet::<T>::register_avs(RawOrigin::Signed(owner.clone()).into(), config)
		.expect("benchmark AVS registers");
	avs
}

/// Opt `operator` in to `avs` and allocate half of each of `vaults` to it.
pub fn opt_in_and_allocate<T: RealRestaking>(
	avs: AvsId,
	operator: &T::AccountId,
	vaults: &[VaultId],
) {
	Pallet::<T>::opt_in(RawOrigin::Signed(operator.clone()).into(), avs)
		.expect("benchmark operator opts in");
	for vault in vaults {
		Pallet::<T>::set_allocation(
			RawOrigin::Signed(operator.clone()).into(),
			avs,
			*vault,
			Perbill::from_percent(50),
		)
		.expect("benchmark allocation is set");
	}
}

/// Move past the allocation delay, so that allocation increases are in force.
pub fn pass_allocation_delay<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(
		now.saturating_add(T::AllocationDelay::get()).saturating_add(1u32.into()),
	);
}

/// This pallet's [`BenchmarkHelper`](crate::BenchmarkHelper) on the real restaking pallet:
/// operators with zero commission, vaults of the benchmark collateral created by root with the
/// shortest withdrawal delay, one deposit of [`restaking::stake`] into each new pool.
pub struct WithRestaking<T>(PhantomData<T>);

impl<T: RealRestaking> crate::BenchmarkHelper<T::AccountId, AssetKindOf<T>> for WithRestaking<T> {
	fn setup_operator(operator: &T::AccountId) {
		restaking::fund::<T>(operator);
		restaking::register_operator::<T>(operator, Perbill::zero());
	}

	fn setup_vault_with_stake(operator: &T::AccountId) -> VaultId {
		let owner = restaking::funded_account::<T>("vault_owner", 0);
		let staker = restaking::funded_account::<T>("vault_staker", 0);
		let vault = restaking::create_collateral_vault::<T>(&owner);
		restaking::deposit::<T>(&staker, vault, operator);
		vault
	}

	fn reward_asset(index: u32) -> AssetKindOf<T> {
		<T as pallet_restaking::Config>::BenchmarkHelper::reward_asset(index)
	}
}
