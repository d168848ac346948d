//! The withdrawal queue: queuing shares into a pool's withdrawal bucket of the epoch (stake
//! that stays slashable until the bucket matures) and completing a withdrawal, paid out at the
//! bucket's post-slash rate or redelegated. The bucket math is [`WithdrawalBucket::issue`] and
//! [`WithdrawalBucket::dissolve`].

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Mutate as _, tokens::Preservation, Defensive},
};
use sp_runtime::{
	traits::{CheckedAdd, EnsureSubAssign, Zero},
	ArithmeticError,
};

impl<T: Config> Pallet<T> {
	/// Queue `shares` of the staker's position in (`vault`, `operator`) into this epoch's
	/// withdrawal bucket, to be paid out, or redelegated to `redelegate_to`, when it matures.
	pub(crate) fn do_queue_withdrawal(
		staker: T::AccountId,
		vault: VaultId,
		operator: T::AccountId,
		shares: T::Balance,
		redelegate_to: Option<T::AccountId>,
	) -> DispatchResult {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let key = (vault, operator.clone());
		let mut position = Positions::<T>::get(&staker, &key).ok_or(Error::<T>::NoPosition)?;
		ensure!(position.shares >= shares, Error::<T>::InsufficientShares);
		Self::ensure_not_slash_locked(vault, &operator)?;
		let mut pool = Pools::<T>::get(vault, &operator)
			.defensive_proof("a position's pool exists: pools are never removed")
			.ok_or(Error::<T>::InconsistentAccounting)?;
		let now = Self::now();
		// Not locked (checked above): the plain pruning applies.
		pool.prune_matured(&info, now);

		position.settle(&mut pool, now)?;
		position
			.shares
			.ensure_sub_assign(shares)
			.map_err(|_| Error::<T>::InsufficientShares)?;
		// Stake of the shares at the pool rate, rounded down; the last shares take all.
		let stake = pool.leave(shares)?;

		if stake.is_zero() {
			// Worth nothing (slashed away): give the shares up without a withdrawal entry,
			// so that the pool can become usable again.
			Pools::<T>::insert(vault, &operator, pool);
			Self::store_position(&staker, &key, position);
			Self::deposit_event(Event::WorthlessSharesBurned { staker, vault, operator, shares });
			return Ok(());
		}

		let bucket = info.bucket_at(now).ok_or(ArithmeticError::Overflow)?;
		let bucket_key = (vault, operator.clone(), bucket);
		let mut bucket_info = WithdrawalBuckets::<T>::get(&bucket_key).unwrap_or_default();
		let bucket_shares = bucket_info.issue(stake)?;

		let mut pending = PendingWithdrawals::<T>::get(&staker);
		match pending.iter_mut().find(|withdrawal| {
			withdrawal.vault == vault &&
				withdrawal.operator == operator &&
				withdrawal.bucket == bucket &&
				withdrawal.redelegate_to == redelegate_to
		}) {
			Some(withdrawal) =>
				withdrawal.shares = withdrawal
					.shares
					.checked_add(&bucket_shares)
					.ok_or(ArithmeticError::Overflow)?,
			None => pending
				.try_push(PendingWithdrawal {
					vault,
					operator: operator.clone(),
					bucket,
					shares: bucket_shares,
					redelegate_to: redelegate_to.clone(),
				})
				.map_err(|_| Error::<T>::TooManyPendingWithdrawals)?,
		}

		let matures_at = info.maturity_of(bucket);
		if now < matures_at {
			pool.insert_live_bucket(bucket)?;
		}
		// The vault's total stake is unchanged: the stake only moved into a bucket.
		WithdrawalBuckets::<T>::insert(&bucket_key, bucket_info);
		PendingWithdrawals::<T>::insert(&staker, pending);
		Pools::<T>::insert(vault, &operator, pool);
		Self::store_position(&staker, &key, position);
		Self::deposit_event(Event::WithdrawalQueued {
			staker,
			vault,
			operator,
			shares,
			stake,
			bucket,
			matures_at,
			redelegate_to,
		});
		Ok(())
	}

	/// Complete the staker's queued withdrawal at `index`: pay it out at the bucket's
	/// post-slash rate, or join the redelegation target's pool if it still accepts it.
	pub(crate) fn do_complete_withdrawal(staker: T::AccountId, index: u32) -> DispatchResult {
		let mut pending = PendingWithdrawals::<T>::get(&staker);
		let index = index as usize;
		let withdrawal = pending.get(index).cloned().ok_or(Error::<T>::WithdrawalNotFound)?;
		let vault = withdrawal.vault;
		let mut info = Vaults::<T>::get(vault)
			.defensive_proof("vaults are never removed and a withdrawal names an existing one")
			.ok_or(Error::<T>::VaultNotFound)?;
		ensure!(
			Self::now() >= info.maturity_of(withdrawal.bucket),
			Error::<T>::WithdrawalNotMatured
		);
		// A pending slash may still take this bucket if it is in the pool's frozen live list.
		Self::ensure_bucket_not_held(vault, &withdrawal.operator, withdrawal.bucket)?;
		let bucket_key = (vault, withdrawal.operator.clone(), withdrawal.bucket);
		let mut bucket = WithdrawalBuckets::<T>::get(&bucket_key)
			.defensive_proof("a queued withdrawal's bucket holds its shares until it completes")
			.ok_or(Error::<T>::InconsistentAccounting)?;
		// Post-slash rate, rounded down; the last shares take the remainder.
		let amount = bucket.dissolve(withdrawal.shares)?;
		pending.remove(index);

		// A redelegation joins the target pool if it still accepts it.
		let mut redelegated = None;
		if let Some(target) = withdrawal.redelegate_to.as_ref().filter(|_| !amount.is_zero()) {
			let pool = Self::touched_pool(vault, &info, target);
			match Self::prepare_join(&staker, vault, target, &pool, amount) {
				Ok(shares) => redelegated = Some((target.clone(), pool, shares)),
				Err(reason) => {
					Self::deposit_event(Event::RedelegationFailed {
						staker: staker.clone(),
						vault,
						to: target.clone(),
						reason,
					});
				},
			}
		}

		match redelegated {
			Some((target, mut pool, shares)) => {
				Self::join(&staker, vault, &target, &mut pool, amount, shares)?;
				Pools::<T>::insert(vault, &target, pool);
				Self::deposit_event(Event::Redelegated {
					staker: staker.clone(),
					vault,
					from: withdrawal.operator.clone(),
					to: target,
					amount,
					shares,
				});
			},
			None => {
				if !amount.is_zero() {
					T::Assets::transfer(
						info.asset.clone(),
						&Self::vault_account(vault),
						&staker,
						amount,
						Preservation::Preserve,
					)?;
				}
				info.total_stake
					.ensure_sub_assign(amount)
					.defensive_proof("a vault's total stake includes every bucket of its pools")
					.map_err(|_| Error::<T>::InconsistentAccounting)?;
				Vaults::<T>::insert(vault, info);
				Self::deposit_event(Event::WithdrawalCompleted {
					staker: staker.clone(),
					vault,
					operator: withdrawal.operator.clone(),
					amount,
				});
			},
		}

		if bucket.shares.is_zero() {
			WithdrawalBuckets::<T>::remove(&bucket_key);
		} else {
			WithdrawalBuckets::<T>::insert(&bucket_key, bucket);
		}
		if pending.is_empty() {
			PendingWithdrawals::<T>::remove(&staker);
		} else {
			PendingWithdrawals::<T>::insert(&staker, pending);
		}
		Ok(())
	}
}
