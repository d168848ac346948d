//! The pallet's invariants (see the crate docs), checked by `try_state` after every block in
//! try-runtime builds and after every unit and property test.

use crate::{pallet::*, types::*};
use frame_support::{ensure, traits::fungibles::Inspect as _};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Check the invariants of the pallet (see the crate docs).
	#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use sp_runtime::TryRuntimeError;

		// Invariant 1: vault accounting and solvency.
		for (vault, info) in Vaults::<T>::iter() {
			let mut accounted = T::Balance::zero();
			for (_, pool) in Pools::<T>::iter_prefix(vault) {
				accounted = accounted.saturating_add(pool.active_stake);
			}
			for (_, bucket) in WithdrawalBuckets::<T>::iter_prefix((vault,)) {
				accounted = accounted.saturating_add(bucket.stake);
			}
			ensure!(
				accounted == info.total_stake,
				TryRuntimeError::Other("vault total_stake != Σ pools + Σ buckets")
			);
			let mut unpaid = T::Balance::zero();
			for (_, amount) in UnpaidSlashes::<T>::iter_prefix(vault) {
				ensure!(!amount.is_zero(), TryRuntimeError::Other("zero unpaid slash stored"));
				unpaid = unpaid.saturating_add(amount);
			}
			let balance = T::Assets::balance(info.asset.clone(), &Self::vault_account(vault));
			ensure!(
				balance >=
					info.existential_reserve
						.saturating_add(info.total_stake)
						.saturating_add(unpaid),
				TryRuntimeError::Other("vault account holds less than reserve + stake + unpaid")
			);
			ensure!(vault < NextVaultId::<T>::get(), TryRuntimeError::Other("vault id >= next id"));
		}

		for (operator, deposit) in OperatorDeposits::<T>::iter() {
			use frame_support::traits::fungible::InspectHold;
			ensure!(!deposit.is_zero(), TryRuntimeError::Other("zero operator deposit stored"));
			ensure!(
				Operators::<T>::contains_key(&operator),
				TryRuntimeError::Other("operator deposit without an operator")
			);
			ensure!(
				T::NativeBalance::balance_on_hold(
					&HoldReason::OperatorRegistration.into(),
					&operator
				) >= deposit,
				TryRuntimeError::Other("operator holds less than its registration deposit")
			);
		}
		for (vault, _, locks) in PoolSlashLocks::<T>::iter() {
			ensure!(locks > 0, TryRuntimeError::Other("zero slash lock stored"));
			ensure!(Vaults::<T>::contains_key(vault), TryRuntimeError::Other("lock of no vault"));
		}
		for (vault, _, _) in UnpaidSlashes::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(vault), TryRuntimeError::Other("unpaid of no vault"));
		}

		// Invariant 2: Σ position shares == pool active shares.
		let mut position_shares: BTreeMap<(VaultId, T::AccountId), T::Balance> = BTreeMap::new();
		for (staker, key, position) in Positions::<T>::iter() {
			ensure!(!position.is_empty(), TryRuntimeError::Other("empty position stored"));
			ensure!(
				StakerPools::<T>::get(&staker).contains(&key),
				TryRuntimeError::Other("position missing from StakerPools")
			);
			let sum = position_shares.entry(key).or_default();
			*sum = sum.saturating_add(position.shares);
		}
		for (staker, pools) in StakerPools::<T>::iter() {
			ensure!(!pools.is_empty(), TryRuntimeError::Other("empty StakerPools entry"));
			for key in pools.iter() {
				ensure!(
					Positions::<T>::contains_key(&staker, key),
					TryRuntimeError::Other("StakerPools entry without position")
				);
			}
		}
		for (vault, operator, pool) in Pools::<T>::iter() {
			let info = Vaults::<T>::get(vault).ok_or(TryRuntimeError::Other("pool of no vault"))?;
			let shares = position_shares.remove(&(vault, operator.clone())).unwrap_or_default();
			ensure!(
				shares == pool.active_shares,
				TryRuntimeError::Other("Σ position shares != pool active shares")
			);
			ensure!(
				!pool.active_shares.is_zero() || pool.active_stake.is_zero(),
				TryRuntimeError::Other("pool has stake but no shares")
			);
			ensure!(
				pool.live_buckets.windows(2).all(|pair| pair[0] < pair[1]),
				TryRuntimeError::Other("live buckets not strictly ascending")
			);
			// A stream holds something only until its end, and is never updated in the future.
			ensure!(
				pool.rewards.iter().all(|(_, reward)| {
					reward.updated_at <= Self::now() &&
						(reward.streaming.is_zero() || reward.updated_at < reward.ends_at)
				}),
				TryRuntimeError::Other("reward stream past its end or updated in the future")
			);
			ensure!(
				pool.rewards.iter().enumerate().all(|(index, (asset, _))| {
					pool.rewards.iter().skip(index + 1).all(|(other, _)| other != asset)
				}),
				TryRuntimeError::Other("a reward asset tracked twice by a pool")
			);
			// Matured entries may linger until the pool is touched; their buckets may be
			// completed and gone. Unmatured ones hold queued shares.
			let now = Self::now();
			for bucket in pool.live_buckets.iter() {
				ensure!(
					now >= info.maturity_of(*bucket) ||
						WithdrawalBuckets::<T>::contains_key((vault, operator.clone(), *bucket)),
					TryRuntimeError::Other("unmatured live bucket not stored")
				);
			}
		}
		ensure!(
			position_shares.values().all(|shares| shares.is_zero()),
			TryRuntimeError::Other("positions in a pool that does not exist")
		);

		// Invariant 2: Σ pending-withdrawal shares of a bucket == bucket shares.
		let mut pending_shares: BTreeMap<(VaultId, T::AccountId, BucketIndex<T>), T::Balance> =
			BTreeMap::new();
		for (_, pending) in PendingWithdrawals::<T>::iter() {
			ensure!(!pending.is_empty(), TryRuntimeError::Other("empty pending list stored"));
			for withdrawal in pending.iter() {
				let sum = pending_shares
					.entry((withdrawal.vault, withdrawal.operator.clone(), withdrawal.bucket))
					.or_default();
				*sum = sum.saturating_add(withdrawal.shares);
			}
		}
		for (bucket_key, bucket) in WithdrawalBuckets::<T>::iter() {
			ensure!(!bucket.shares.is_zero(), TryRuntimeError::Other("empty bucket stored"));
			let shares = pending_shares.remove(&bucket_key).unwrap_or_default();
			ensure!(
				shares == bucket.shares,
				TryRuntimeError::Other("Σ pending shares != bucket shares")
			);
		}
		ensure!(
			pending_shares.values().all(|shares| shares.is_zero()),
			TryRuntimeError::Other("pending withdrawals of a bucket that does not exist")
		);
		Ok(())
	}
}
