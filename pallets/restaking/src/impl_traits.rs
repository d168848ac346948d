//! What the restaking pallet offers the other pallets, through the traits of [`crate::traits`]:
//! pool stake ([`traits::RestakingInspect`]), slashing a pool ([`traits::RestakingSlash`], whose
//! internals are in `slash.rs`) and the reward counter ([`traits::RestakingRewards`]), with the
//! internals behind them.

use crate::{pallet::*, traits, types::*};
use frame_support::{pallet_prelude::*, traits::Defensive};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Stake of pool (`vault`, `operator`) at `now`: active and in live buckets.
	pub(crate) fn stake_of_pool(vault: VaultId, operator: &T::AccountId) -> PoolStake<T::Balance> {
		let (Some(info), Some(mut pool)) =
			(Vaults::<T>::get(vault), Pools::<T>::get(vault, operator))
		else {
			return PoolStake::default();
		};
		Self::prune_unless_locked(vault, operator, &info, &mut pool);
		let withdrawing = pool
			.live_buckets
			.iter()
			.filter_map(|bucket| WithdrawalBuckets::<T>::get((vault, operator.clone(), *bucket)))
			.fold(T::Balance::zero(), |sum, bucket| sum.saturating_add(bucket.stake));
		PoolStake { active: pool.active_stake, withdrawing }
	}

	/// Stream `amount` of `asset` to the active shares of pool (`vault`, `operator`), released
	/// by `ends_at` (at once if not after now).
	pub(crate) fn do_credit_pool_reward(
		vault: VaultId,
		operator: &T::AccountId,
		asset: T::AssetKind,
		amount: T::Balance,
		ends_at: BlockNumberFor<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let mut pool = Pools::<T>::get(vault, operator).ok_or(Error::<T>::PoolNotFound)?;
		let ends_at = pool.stream_reward(&asset, amount, Self::now(), ends_at)?;
		Pools::<T>::insert(vault, operator, pool);
		Self::deposit_event(Event::PoolRewarded {
			vault,
			operator: operator.clone(),
			asset,
			amount,
			ends_at,
		});
		Ok(())
	}

	/// Take what pool (`vault`, `operator`) released while it had no active shares.
	pub(crate) fn do_take_undistributed(
		vault: VaultId,
		operator: &T::AccountId,
	) -> BoundedVec<(T::AssetKind, T::Balance), T::MaxRewardAssets> {
		let Some(mut pool) = Pools::<T>::get(vault, operator) else {
			return Default::default();
		};
		let taken = pool.take_undistributed(Self::now());
		if taken.is_empty() {
			return Default::default();
		}
		Pools::<T>::insert(vault, operator, pool);
		let taken = BoundedVec::truncate_from(taken);
		Self::deposit_event(Event::UndistributedTaken {
			vault,
			operator: operator.clone(),
			amounts: taken.clone(),
		});
		taken
	}

	/// Settle the staker's position in (`vault`, `operator`) and take its unclaimed rewards.
	pub(crate) fn do_take_pending_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> Result<BoundedVec<(T::AssetKind, T::Balance), T::MaxRewardAssets>, DispatchError> {
		let key = (vault, operator.clone());
		let position = Positions::<T>::get(staker, &key).ok_or(Error::<T>::NoPosition)?;
		let mut pool = Pools::<T>::get(vault, operator)
			.defensive_proof("a position's pool exists: pools are never removed")
			.ok_or(Error::<T>::InconsistentAccounting)?;
		// Settled against the pool released up to now, without writing the pool back (the
		// claim's weight has no pool write): releasing is a pure function of the stored pool
		// and the block, and a later release from the stored state reaches at least the same
		// counter, so the debt set here is never above a counter the position later sees.
		let mut position = position;
		position.settle(&mut pool, Self::now())?;
		let mut rewards = core::mem::take(&mut position.unclaimed);
		rewards.retain(|(_, amount)| !amount.is_zero());
		Self::store_position(staker, &key, position);
		if !rewards.is_empty() {
			Self::deposit_event(Event::RewardsTaken {
				staker: staker.clone(),
				vault,
				operator: operator.clone(),
				rewards: rewards.clone(),
			});
		}
		Ok(rewards)
	}
}

impl<T: Config> traits::RestakingInspect<T::AccountId> for Pallet<T> {
	type Balance = T::Balance;
	type AssetKind = T::AssetKind;
	type BlockNumber = frame_system::pallet_prelude::BlockNumberFor<T>;

	fn vault_asset(vault: VaultId) -> Option<Self::AssetKind> {
		Vaults::<T>::get(vault).map(|info| info.asset)
	}

	fn vault_is_active(vault: VaultId) -> bool {
		Vaults::<T>::get(vault).is_some_and(|info| !info.paused)
	}

	fn vault_withdrawal_delay(vault: VaultId) -> Option<Self::BlockNumber> {
		Vaults::<T>::get(vault).map(|info| info.withdrawal_delay)
	}

	fn longest_withdrawal_wait(vault: VaultId) -> Option<Self::BlockNumber> {
		use sp_runtime::traits::{Bounded, Saturating};
		let info = Vaults::<T>::get(vault)?;
		let now = frame_system::Pallet::<T>::block_number();
		// A delay that overflows the block number never matures: the longest wait there is.
		Some(info.bucket_at(now).map_or(Self::BlockNumber::max_value(), |bucket| {
			info.maturity_of(bucket).saturating_sub(now)
		}))
	}

	fn is_operator(who: &T::AccountId) -> bool {
		Operators::<T>::contains_key(who)
	}

	fn is_active_operator(who: &T::AccountId) -> bool {
		Operators::<T>::get(who).is_some_and(|info| info.status == OperatorStatus::Active)
	}

	fn operator_commission(operator: &T::AccountId) -> Option<sp_runtime::Perbill> {
		Operators::<T>::get(operator).map(|info| info.commission_at(Self::now()))
	}

	fn pool_stake(vault: VaultId, operator: &T::AccountId) -> PoolStake<Self::Balance> {
		Self::stake_of_pool(vault, operator)
	}
}

impl<T: Config> traits::RestakingSlash<T::AccountId> for Pallet<T> {
	fn lock_for_slash(vault: VaultId, operator: &T::AccountId) -> DispatchResult {
		Self::do_lock_for_slash(vault, operator)
	}

	fn unlock_after_slash(vault: VaultId, operator: &T::AccountId) {
		Self::do_unlock_after_slash(vault, operator)
	}

	fn pending_slashes(vault: VaultId, operator: &T::AccountId) -> u32 {
		PoolSlashLocks::<T>::get(vault, operator)
	}

	fn slash_pool(
		vault: VaultId,
		operator: &T::AccountId,
		fraction: sp_runtime::Perbill,
		live_at: Self::BlockNumber,
		destination: &SlashDestination<T::AccountId>,
	) -> Result<Self::Balance, sp_runtime::DispatchError> {
		Self::do_slash_pool(vault, operator, fraction, live_at, destination)
	}
}

impl<T: Config> traits::RestakingRewards<T::AccountId> for Pallet<T> {
	type MaxRewardAssets = T::MaxRewardAssets;
	type MaxStakerPools = T::MaxStakerPools;

	fn staker_pools(
		staker: &T::AccountId,
	) -> frame_support::BoundedVec<(VaultId, T::AccountId), Self::MaxStakerPools> {
		StakerPools::<T>::get(staker)
	}

	fn credit_pool_reward(
		vault: VaultId,
		operator: &T::AccountId,
		asset: Self::AssetKind,
		amount: Self::Balance,
		ends_at: Self::BlockNumber,
	) -> Result<(), sp_runtime::DispatchError> {
		Self::do_credit_pool_reward(vault, operator, asset, amount, ends_at)
	}

	fn take_undistributed(
		vault: VaultId,
		operator: &T::AccountId,
	) -> frame_support::BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets> {
		Self::do_take_undistributed(vault, operator)
	}

	fn take_pending_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> Result<
		frame_support::BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets>,
		sp_runtime::DispatchError,
	> {
		Self::do_take_pending_rewards(staker, vault, operator)
	}

	fn pending_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> frame_support::BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets> {
		let (Some(position), Some(pool)) = (
			Positions::<T>::get(staker, (vault, operator.clone())),
			Pools::<T>::get(vault, operator),
		) else {
			return Default::default();
		};
		match position.settled(&pool, Self::now()) {
			Ok(mut position) => {
				position.unclaimed.retain(|(_, amount)| !amount.is_zero());
				position.unclaimed
			},
			Err(_) => Default::default(),
		}
	}

	fn streaming_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> frame_support::BoundedVec<
		(Self::AssetKind, Self::Balance, Self::BlockNumber),
		Self::MaxRewardAssets,
	> {
		let (Some(position), Some(pool)) = (
			Positions::<T>::get(staker, (vault, operator.clone())),
			Pools::<T>::get(vault, operator),
		) else {
			return Default::default();
		};
		frame_support::BoundedVec::truncate_from(position.streaming(&pool, Self::now()))
	}
}
