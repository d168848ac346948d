//! This pallet's [`BenchmarkHelper`](crate::BenchmarkHelper) on the real restaking and AVS
//! registry pallets ([`WithRealPallets`]), through their calls and their shared set-up
//! functions ([`pallet_restaking::benchmark_helpers`],
//! [`pallet_avs_registry::benchmark_helpers`]). The runtime and the real-pallets mock of
//! `pallets/integration-tests` both use it. Set-up code: a call that fails panics, which fails
//! the benchmark.

use crate::{types::RewardAssetStatus, Config, Pallet, RewardAssets};
use alloc::{vec, vec::Vec};
use core::marker::PhantomData;
use frame_benchmarking::account;
use frame_support::traits::{fungibles::Mutate, Get};
use frame_system::RawOrigin;
use pallet_avs_registry::{
	benchmark_helpers::{self as avs, AssetKindOf, BalanceOf, RealRestaking},
	types::AvsId,
};
use pallet_restaking::{benchmark_helpers as restaking, types::VaultId, BenchmarkHelper as _};
use sp_runtime::{traits::Saturating, Perbill};

/// A runtime where this pallet sits on the real restaking and AVS-registry pallets, with the
/// same balance and asset types.
pub trait RealPallets:
	RealRestaking + Config<Balance = BalanceOf<Self>, AssetKind = AssetKindOf<Self>>
{
}
impl<T> RealPallets for T where
	T: RealRestaking + Config<Balance = BalanceOf<T>, AssetKind = AssetKindOf<T>>
{
}

/// The `index`-th reward asset (index 0 may be the native token): it exists, `owner` holds
/// plenty of it, and it is enabled as a reward asset (written directly: the benchmarks may use
/// more assets than the slots the genesis list leaves).
fn reward_asset<T: RealPallets>(index: u32, owner: &T::AccountId) -> AssetKindOf<T> {
	let asset = <T as pallet_restaking::Config>::BenchmarkHelper::mintable_asset(index);
	RewardAssets::<T>::insert(&asset, RewardAssetStatus::Enabled);
	<T as Config>::Assets::mint_into(
		asset.clone(),
		owner,
		restaking::stake::<T>().saturating_mul(1_000u32.into()),
	)
	.expect("benchmark reward asset is minted");
	asset
}

/// An amount of rewards: the stake of one pool.
fn reward_amount<T: RealPallets>() -> BalanceOf<T> {
	restaking::stake::<T>()
}

/// A vault and an AVS paying `assets` reward assets (owner `avs-owner` number `owner_index`);
/// `staker` deposits into the pool of each of `operators`, which opt in and allocate; then the
/// AVS submits rewards in each asset over the shortest period. Returns the vault.
fn stream_to_pools<T: RealPallets>(
	owner_index: u32,
	staker: &T::AccountId,
	operators: &[T::AccountId],
	assets: u32,
) -> VaultId {
	let owner = restaking::funded_account::<T>("avs-owner", owner_index);
	let vault = restaking::create_collateral_vault::<T>(&owner);
	let reward_assets: Vec<_> = (0..assets).map(|index| reward_asset::<T>(index, &owner)).collect();
	let avs = avs::register_avs::<T>(&owner, &owner, &owner, vec![vault], reward_assets.clone());
	for operator in operators {
		restaking::register_operator::<T>(operator, Perbill::from_percent(10));
		restaking::deposit::<T>(staker, vault, operator);
		avs::opt_in_and_allocate::<T>(avs, operator, &[vault]);
	}
	avs::pass_allocation_delay::<T>();
	for asset in reward_assets {
		Pallet::<T>::submit_rewards(
			RawOrigin::Signed(owner.clone()).into(),
			avs,
			asset,
			reward_amount::<T>(),
			T::MinRewardDuration::get(),
			None,
		)
		.expect("benchmark rewards are submitted");
	}
	vault
}

/// Let the shortest reward period pass.
fn pass_reward_period<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::MinRewardDuration::get()));
}

/// AVSs, operators and staker positions made with the real restaking and AVS-registry pallets.
pub struct WithRealPallets<T>(PhantomData<T>);

impl<T: RealPallets> crate::BenchmarkHelper<T::AccountId, AssetKindOf<T>, BalanceOf<T>>
	for WithRealPallets<T>
{
	/// Rewards paid in a pallet-assets token (moving it costs more than the native token);
	/// each operator's pools have stakers of their own, so no staker reaches the restaking
	/// pallet's pool limit.
	fn setup_rewarded_avs(
		operators: u32,
		vaults: u32,
		delegators: u32,
	) -> (AvsId, T::AccountId, AssetKindOf<T>) {
		let owner = restaking::funded_account::<T>("avs-owner", 0);
		let vault_ids: Vec<VaultId> =
			(0..vaults).map(|_| restaking::create_collateral_vault::<T>(&owner)).collect();
		let asset = reward_asset::<T>(1, &owner);
		let avs =
			avs::register_avs::<T>(&owner, &owner, &owner, vault_ids.clone(), vec![asset.clone()]);
		for index in 0..operators {
			let operator = restaking::funded_account::<T>("operator", index);
			restaking::register_operator::<T>(&operator, Perbill::from_percent(10));
			for (position, vault) in vault_ids.iter().enumerate() {
				let pool = index.saturating_mul(1_000).saturating_add(position as u32);
				for delegator in 0..delegators.max(1) {
					let staker: T::AccountId = account("pool-staker", pool, delegator);
					restaking::fund::<T>(&staker);
					restaking::deposit::<T>(&staker, *vault, &operator);
				}
			}
			avs::opt_in_and_allocate::<T>(avs, &operator, &vault_ids);
		}
		avs::pass_allocation_delay::<T>();
		(avs, owner, asset)
	}

	fn setup_staker_with_rewards(pools: u32, assets: u32) -> T::AccountId {
		let staker = restaking::funded_account::<T>("rewarded-staker", 0);
		let operators: Vec<T::AccountId> = (0..pools)
			.map(|index| restaking::funded_account::<T>("rewarded-operator", index))
			.collect();
		stream_to_pools::<T>(1, &staker, &operators, assets);
		// Let the period pass: everything is released at the claim.
		pass_reward_period::<T>();
		staker
	}

	fn setup_undistributed(assets: u32) -> (VaultId, T::AccountId) {
		let staker = restaking::funded_account::<T>("leaving-staker", 0);
		let operator = restaking::funded_account::<T>("abandoned-operator", 0);
		let vault = stream_to_pools::<T>(2, &staker, core::slice::from_ref(&operator), assets);
		let shares = pallet_restaking::Positions::<T>::get(&staker, (vault, operator.clone()))
			.expect("the staker deposited")
			.shares;
		pallet_restaking::Pallet::<T>::queue_withdrawal(
			RawOrigin::Signed(staker).into(),
			vault,
			operator.clone(),
			shares,
		)
		.expect("the staker leaves");
		pass_reward_period::<T>();
		(vault, operator)
	}
}
