//! Slashing a pool, and what keeps a pending slash from being escaped.
//!
//! - **Slash locks** ([`PoolSlashLocks`]). The slashing pallet locks every pool a slash request
//!   names when the request is made and unlocks it when the request is executed or vetoed.
//!   While a pool (vault, operator) is locked its shares cannot change: no deposit or
//!   redelegation joins it ([`Error::PoolSlashPending`]), no share is queued for withdrawal
//!   and no queued withdrawal from a bucket of its live list completes (a bucket that had
//!   matured when the first pending request was made can). Its live-bucket list is not pruned
//!   either, so a
//!   bucket that was live when the request was made is still found (and cut) at execution even
//!   if it matured during the veto window. The stake a pending request can take is therefore
//!   exactly the stake that was slashable when it was made: nothing can leave, nothing new can
//!   be taken.
//! - **Slashing** ([`Pallet::do_slash_pool`]): `fraction` of the active stake and of every bucket
//!   of the live list that had not matured at `live_at` (the request's block) is cut, at the
//!   cost of O(`MaxLiveBuckets`) and independent of the number of delegators.
//! - **Payouts that cannot land** ([`UnpaidSlashes`]). The cut always happens. If the slashed
//!   collateral cannot be burned or sent to its destination (a beneficiary that cannot receive
//!   the asset, an amount below the asset's minimum balance, a frozen asset), it stays in the
//!   vault account as an unpaid slash of that destination ([`Event::SlashPayoutDeferred`]), no
//!   longer part of any pool; anyone can retry the payout with [`Pallet::pay_unpaid_slash`].

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungibles::Mutate as _,
		tokens::{Fortitude, Precision, Preservation},
		Defensive,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, EnsureSubAssign, Zero},
	ArithmeticError, Perbill,
};

impl<T: Config> Pallet<T> {
	/// Whether pool (`vault`, `operator`) has a pending slash (its shares are frozen).
	pub fn is_slash_locked(vault: VaultId, operator: &T::AccountId) -> bool {
		PoolSlashLocks::<T>::contains_key(vault, operator)
	}

	/// Fail with [`Error::PoolSlashPending`] if pool (`vault`, `operator`) has a pending slash.
	pub(crate) fn ensure_not_slash_locked(
		vault: VaultId,
		operator: &T::AccountId,
	) -> DispatchResult {
		ensure!(!Self::is_slash_locked(vault, operator), Error::<T>::PoolSlashPending);
		Ok(())
	}

	/// Fail with [`Error::PoolSlashPending`] if a pending slash on pool (`vault`, `operator`) may
	/// still cut `bucket`: the pool is locked and the bucket is in its (frozen) live list. A
	/// bucket that had matured when the first pending request was made was pruned from the
	/// list then, no pending request can take it, and it can be completed.
	pub(crate) fn ensure_bucket_not_held(
		vault: VaultId,
		operator: &T::AccountId,
		bucket: BucketIndex<T>,
	) -> DispatchResult {
		if Self::is_slash_locked(vault, operator) {
			let held = Pools::<T>::get(vault, operator)
				.is_some_and(|pool| pool.live_buckets.contains(&bucket));
			ensure!(!held, Error::<T>::PoolSlashPending);
		}
		Ok(())
	}

	/// Drop matured buckets from `pool`'s live list, unless the pool has a pending slash: then
	/// every bucket that was live when the first pending request was made must stay findable.
	pub(crate) fn prune_unless_locked(
		vault: VaultId,
		operator: &T::AccountId,
		info: &VaultInfo<T>,
		pool: &mut PoolInfo<T>,
	) {
		if !Self::is_slash_locked(vault, operator) {
			pool.prune_matured(info, Self::now());
		}
	}

	/// Lock pool (`vault`, `operator`) for one more pending slash. The first lock prunes the
	/// buckets that have already matured (they are not slashable by the request), so the live
	/// list is frozen at the buckets that are.
	pub(crate) fn do_lock_for_slash(vault: VaultId, operator: &T::AccountId) -> DispatchResult {
		let locks = PoolSlashLocks::<T>::get(vault, operator);
		let locks = locks.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		if locks == 1 {
			if let (Some(info), Some(mut pool)) =
				(Vaults::<T>::get(vault), Pools::<T>::get(vault, operator))
			{
				pool.prune_matured(&info, Self::now());
				Pools::<T>::insert(vault, operator, pool);
			}
		}
		PoolSlashLocks::<T>::insert(vault, operator, locks);
		Self::deposit_event(Event::PoolSlashLocked { vault, operator: operator.clone(), locks });
		Ok(())
	}

	/// Release one pending-slash lock of pool (`vault`, `operator`).
	pub(crate) fn do_unlock_after_slash(vault: VaultId, operator: &T::AccountId) {
		let locks = PoolSlashLocks::<T>::get(vault, operator);
		if locks.is_zero() {
			frame_support::defensive!("unlocking a pool that has no pending slash");
			return;
		}
		let locks = locks.saturating_sub(1);
		if locks.is_zero() {
			PoolSlashLocks::<T>::remove(vault, operator);
		} else {
			PoolSlashLocks::<T>::insert(vault, operator, locks);
		}
		Self::deposit_event(Event::PoolSlashUnlocked { vault, operator: operator.clone(), locks });
	}

	/// Slash `fraction` of pool (`vault`, `operator`): of its active stake and of every bucket
	/// of its live list that had not matured at `live_at`. The collateral is burned or sent to
	/// `destination`; if that is impossible it is kept as an unpaid slash. Returns the amount
	/// cut from the pool.
	pub(crate) fn do_slash_pool(
		vault: VaultId,
		operator: &T::AccountId,
		fraction: Perbill,
		live_at: BlockNumberFor<T>,
		destination: &SlashDestination<T::AccountId>,
	) -> Result<T::Balance, DispatchError> {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let Some(mut pool) = Pools::<T>::get(vault, operator) else {
			return Ok(Zero::zero());
		};
		Self::prune_unless_locked(vault, operator, &info, &mut pool);

		// The pool is a copy, written back once every cut is known to fit.
		let active = pool.slash(fraction);
		let mut withdrawing = T::Balance::zero();
		let mut slashed_buckets = Vec::with_capacity(pool.live_buckets.len());
		for bucket in pool.live_buckets.iter().filter(|bucket| live_at < info.maturity_of(**bucket))
		{
			let bucket_key = (vault, operator.clone(), *bucket);
			let Some(mut bucket_info) = WithdrawalBuckets::<T>::get(&bucket_key) else {
				continue;
			};
			let cut = bucket_info.slash(fraction);
			if cut.is_zero() {
				continue;
			}
			withdrawing = withdrawing.checked_add(&cut).ok_or(ArithmeticError::Overflow)?;
			slashed_buckets.push((bucket_key, bucket_info));
		}
		let total = active.checked_add(&withdrawing).ok_or(ArithmeticError::Overflow)?;
		info.total_stake
			.ensure_sub_assign(total)
			.defensive_proof("a vault's total stake includes its pools' active stake and buckets")
			.map_err(|_| Error::<T>::InconsistentAccounting)?;

		for (bucket_key, bucket_info) in slashed_buckets {
			WithdrawalBuckets::<T>::insert(bucket_key, bucket_info);
		}
		Pools::<T>::insert(vault, operator, pool);
		if !total.is_zero() {
			Vaults::<T>::insert(vault, info.clone());
		}
		if !total.is_zero() {
			if let Err(reason) = Self::pay_slash(vault, &info, destination, total) {
				UnpaidSlashes::<T>::try_mutate(vault, destination, |unpaid| {
					unpaid
						.checked_add(&total)
						.map(|sum| *unpaid = sum)
						.ok_or(ArithmeticError::Overflow)
				})?;
				Self::deposit_event(Event::SlashPayoutDeferred {
					vault,
					destination: destination.clone(),
					amount: total,
					reason,
				});
			}
		}
		Self::deposit_event(Event::PoolSlashed {
			vault,
			operator: operator.clone(),
			fraction,
			active,
			withdrawing,
			destination: destination.clone(),
		});
		Ok(total)
	}

	/// Move `amount` of slashed collateral out of the vault account: burn it or send it to the
	/// beneficiary. Runs in a storage layer: on error nothing has changed.
	pub(crate) fn pay_slash(
		vault: VaultId,
		info: &VaultInfo<T>,
		destination: &SlashDestination<T::AccountId>,
		amount: T::Balance,
	) -> Result<(), DispatchError> {
		let account = Self::vault_account(vault);
		with_storage_layer(|| match destination {
			SlashDestination::Burn => T::Assets::burn_from(
				info.asset.clone(),
				&account,
				amount,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Force,
			)
			.map(|_| ()),
			SlashDestination::Account(beneficiary) => T::Assets::transfer(
				info.asset.clone(),
				&account,
				beneficiary,
				amount,
				Preservation::Preserve,
			)
			.map(|_| ()),
		})
	}

	/// Pay the unpaid slashes of `vault` to `destination` (see [`Pallet::pay_unpaid_slash`]).
	pub(crate) fn do_pay_unpaid_slash(
		vault: VaultId,
		destination: SlashDestination<T::AccountId>,
	) -> DispatchResult {
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let amount = UnpaidSlashes::<T>::get(vault, &destination);
		ensure!(!amount.is_zero(), Error::<T>::NoUnpaidSlash);
		Self::pay_slash(vault, &info, &destination, amount)?;
		UnpaidSlashes::<T>::remove(vault, &destination);
		Self::deposit_event(Event::UnpaidSlashPaid { vault, destination, amount });
		Ok(())
	}
}
