//! The reward counter: a per-asset reward-per-share accumulator on each pool and a debt per
//! position against it (nomination-pools' `RewardPool` / `PoolMember` model, with one counter
//! per reward asset).
//!
//! - [`PoolInfo::credit_reward`] raises the pool's counter of an asset by
//!   `amount / active_shares` ([`reward_per_share`], rounded down).
//! - [`Position::settle`] moves `shares * (counter - debt)` ([`earned`], rounded down) into
//!   the position's unclaimed rewards and sets the debt to the counter. It must run before the
//!   position's shares change (deposit, queue, redelegation) and before rewards are taken.
//!
//! Both roundings go down, so stakers together are never owed more than the pools were
//! credited and the reward pot cannot be short. The cost is O(`MaxRewardAssets`) per pool or
//! position touched, never a loop over delegators. The two free functions are the whole
//! arithmetic: the rewards pallet's test mock uses them too, instead of a copy.

use crate::{Config, Error, PoolInfo, Position};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, FixedPointNumber, FixedPointOperand, FixedU128,
};

/// Increase of a reward-per-share counter when `amount` is credited to `shares` shares,
/// rounded down (the pool is never credited more than `amount`). `None` if `shares` is zero or
/// the quotient does not fit the counter.
pub fn reward_per_share<Balance: FixedPointOperand>(
	amount: Balance,
	shares: Balance,
) -> Option<FixedU128> {
	FixedU128::checked_from_rational(amount, shares)
}

/// What `shares` earned while the counter went from `debt` to `counter`, rounded down (never
/// more than was credited). `None` on overflow.
pub fn earned<Balance: FixedPointOperand>(
	shares: Balance,
	counter: FixedU128,
	debt: FixedU128,
) -> Option<Balance> {
	counter.saturating_sub(debt).checked_mul_int(shares)
}

impl<T: Config> PoolInfo<T> {
	/// Credit `amount` of `asset` to the pool's active shares: raise its counter by
	/// [`reward_per_share`]. Changes nothing on error: no active shares
	/// ([`Error::NoActiveShares`]), a counter overflow ([`Error::RewardCounterOverflow`]) or a
	/// new asset beyond `MaxRewardAssets` ([`Error::TooManyRewardAssets`]).
	pub fn credit_reward(&mut self, asset: &T::AssetKind, amount: T::Balance) -> DispatchResult {
		if self.active_shares.is_zero() {
			return Err(Error::<T>::NoActiveShares.into());
		}
		let per_share = reward_per_share(amount, self.active_shares)
			.ok_or(Error::<T>::RewardCounterOverflow)?;
		match self
			.reward_per_share
			.iter_mut()
			.find(|(counter_asset, _)| counter_asset == asset)
		{
			Some((_, counter)) =>
				*counter =
					counter.checked_add(&per_share).ok_or(Error::<T>::RewardCounterOverflow)?,
			None => self
				.reward_per_share
				.try_push((asset.clone(), per_share))
				.map_err(|_| Error::<T>::TooManyRewardAssets)?,
		}
		Ok(())
	}
}

impl<T: Config> Position<T> {
	/// Move what the position earned in `pool` since its last settlement into its unclaimed
	/// rewards ([`earned`]) and reset its debts to the pool's counters. Must run before the
	/// position's shares change.
	pub fn settle(&mut self, pool: &PoolInfo<T>) -> DispatchResult {
		for (asset, counter) in pool.reward_per_share.iter() {
			let debt = self.reward_debts.iter_mut().find(|(debt_asset, _)| debt_asset == asset);
			let earned = earned(
				self.shares,
				*counter,
				debt.as_ref().map_or_else(Zero::zero, |(_, debt)| *debt),
			)
			.ok_or(ArithmeticError::Overflow)?;
			match debt {
				Some((_, debt)) => *debt = *counter,
				None => self
					.reward_debts
					.try_push((asset.clone(), *counter))
					.map_err(|_| Error::<T>::TooManyRewardAssets)?,
			}
			if earned.is_zero() {
				continue;
			}
			match self.unclaimed.iter_mut().find(|(unclaimed_asset, _)| unclaimed_asset == asset) {
				Some((_, amount)) => *amount = amount.saturating_add(earned),
				None => self
					.unclaimed
					.try_push((asset.clone(), earned))
					.map_err(|_| Error::<T>::TooManyRewardAssets)?,
			}
		}
		Ok(())
	}

	/// The position as [`Self::settle`] would leave it, without changing storage.
	pub fn settled(mut self, pool: &PoolInfo<T>) -> Result<Self, DispatchError> {
		self.settle(pool)?;
		Ok(self)
	}
}
