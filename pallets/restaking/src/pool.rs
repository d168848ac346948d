//! Share math of the ledger, as methods on the types that hold it (the model is
//! nomination-pools' `BondedPool` / `UnbondPool::issue` / `dissolve`):
//!
//! - [`PoolInfo`]: active stake backing active shares. [`PoolInfo::shares_for`] prices a
//!   deposit, [`PoolInfo::value_of`] a number of shares, [`PoolInfo::join`] and
//!   [`PoolInfo::leave`] move both totals, [`PoolInfo::slash`] cuts the stake (never
//!   the shares), [`PoolInfo::prune_matured`] and [`PoolInfo::insert_live_bucket`] keep the
//!   list of live withdrawal buckets.
//! - [`WithdrawalBucket`]: stake of queued withdrawals backing bucket shares.
//!   [`WithdrawalBucket::issue`] turns stake into bucket shares, [`WithdrawalBucket::dissolve`]
//!   pays shares out at the post-slash rate, [`WithdrawalBucket::slash`] cuts the stake.
//!
//! Every rounding favours the pool or bucket (deposits mint down, payouts pay down) except that
//! the last shares take everything left ([`value_of_shares`]), so nothing is ever stranded and
//! no staker is paid more than is there. The reward counter on the same types is in
//! [`crate::reward`].

use crate::{BucketIndex, Config, Error, VaultInfo};
use frame_support::traits::Defensive;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::{per_things::Rounding, MultiplyRational};
use sp_runtime::{
	traits::{CheckedAdd, EnsureSubAssign, Saturating, Zero},
	ArithmeticError, DispatchError, Perbill,
};

pub use crate::types::{PoolInfo, WithdrawalBucket};

/// Stake of `shares` out of `total_shares` backed by `total_stake`, rounded down; all the
/// shares take all the stake, so the last to leave get the remainder. `None` if the division is
/// by zero shares or the product overflows.
pub fn value_of_shares<Balance: MultiplyRational + Copy + Eq>(
	shares: Balance,
	total_stake: Balance,
	total_shares: Balance,
) -> Option<Balance> {
	if shares == total_shares {
		return Some(total_stake);
	}
	shares.multiply_rational(total_stake, total_shares, Rounding::Down)
}

/// Take `shares` out of `total_shares` backed by `stake` ([`value_of_shares`]); returns their
/// value. Changes nothing on error. The shares taken are always part of the total (Σ positions
/// == pool shares, Σ queued withdrawals == bucket shares) and their value never exceeds the
/// stake, so both underflows are impossible and reported defensively.
fn redeem<T: Config>(
	stake: &mut T::Balance,
	total_shares: &mut T::Balance,
	shares: T::Balance,
) -> Result<T::Balance, DispatchError> {
	let value = value_of_shares(shares, *stake, *total_shares).ok_or(ArithmeticError::Overflow)?;
	let mut new_shares = *total_shares;
	let mut new_stake = *stake;
	new_shares
		.ensure_sub_assign(shares)
		.defensive_proof("shares taken out are part of the total: Σ holders == total shares")
		.map_err(|_| Error::<T>::InconsistentAccounting)?;
	new_stake
		.ensure_sub_assign(value)
		.defensive_proof("value_of_shares pays at most the stake: fewer shares pay below 1")
		.map_err(|_| Error::<T>::InconsistentAccounting)?;
	*total_shares = new_shares;
	*stake = new_stake;
	Ok(value)
}

impl<T: Config> PoolInfo<T> {
	/// Shares that `amount` of stake buys in the pool, rounded down (in favour of the pool). An
	/// empty pool mints 1:1 (it has no stake either: the last shares to leave took all of it).
	pub fn shares_for(&self, amount: T::Balance) -> Result<T::Balance, DispatchError> {
		if self.active_shares.is_zero() {
			return Ok(amount);
		}
		if self.active_stake.is_zero() {
			return Err(Error::<T>::PoolSlashedToZero.into());
		}
		let shares = amount
			.multiply_rational(self.active_shares, self.active_stake, Rounding::Down)
			.ok_or(ArithmeticError::Overflow)?;
		if shares.is_zero() {
			return Err(Error::<T>::DepositTooSmall.into());
		}
		Ok(shares)
	}

	/// Check, without changing anything, that `amount` of stake buying `shares` fits the
	/// pool's totals ([`Self::join`] would succeed).
	pub fn can_join(&self, amount: T::Balance, shares: T::Balance) -> Result<(), DispatchError> {
		self.clone().join(amount, shares)
	}

	/// Add `amount` of stake and the `shares` it bought (see [`Self::shares_for`]). Changes
	/// nothing on overflow.
	pub fn join(&mut self, amount: T::Balance, shares: T::Balance) -> Result<(), DispatchError> {
		let active_shares =
			self.active_shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
		let active_stake =
			self.active_stake.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		self.active_shares = active_shares;
		self.active_stake = active_stake;
		Ok(())
	}

	/// Value of `shares` at the pool rate, rounded down; the last shares take all the stake.
	pub fn value_of(&self, shares: T::Balance) -> Option<T::Balance> {
		value_of_shares(shares, self.active_stake, self.active_shares)
	}

	/// Take `shares` (of a position in this pool) out of the pool; returns the stake they were
	/// worth ([`Self::value_of`]). Changes nothing on error; the underflows are impossible
	/// (reported defensively).
	pub fn leave(&mut self, shares: T::Balance) -> Result<T::Balance, DispatchError> {
		redeem::<T>(&mut self.active_stake, &mut self.active_shares, shares)
	}

	/// Lower the active stake by `fraction` (rounded down); returns the cut. The shares stay,
	/// each is worth less (the twin of [`WithdrawalBucket::slash`]).
	pub fn slash(&mut self, fraction: Perbill) -> T::Balance {
		let cut = fraction.mul_floor(self.active_stake);
		self.active_stake = self.active_stake.saturating_sub(cut);
		cut
	}

	/// Drop the buckets that have matured at `now` from the live list.
	pub fn prune_matured(&mut self, vault: &VaultInfo<T>, now: BlockNumberFor<T>) {
		self.live_buckets.retain(|bucket| now < vault.maturity_of(*bucket));
	}

	/// Add `bucket` to the live list (kept ascending, without duplicates).
	pub fn insert_live_bucket(&mut self, bucket: BucketIndex<T>) -> Result<(), DispatchError> {
		if let Err(position) = self.live_buckets.binary_search(&bucket) {
			self.live_buckets
				.try_insert(position, bucket)
				.map_err(|_| Error::<T>::TooManyLiveBuckets)?;
		}
		Ok(())
	}
}

impl<T: Config> WithdrawalBucket<T> {
	/// Add `stake` to the bucket and return the bucket shares it is issued: 1:1 in an empty
	/// bucket, else at the bucket's (post-slash) rate, rounded down. Fails, changing nothing,
	/// if the bucket was slashed to zero while it has shares.
	pub fn issue(&mut self, stake: T::Balance) -> Result<T::Balance, DispatchError> {
		let shares = if self.shares.is_zero() {
			stake
		} else {
			if self.stake.is_zero() {
				return Err(Error::<T>::BucketSlashedToZero.into());
			}
			stake
				.multiply_rational(self.shares, self.stake, Rounding::Down)
				.ok_or(ArithmeticError::Overflow)?
		};
		let new_stake = self.stake.checked_add(&stake).ok_or(ArithmeticError::Overflow)?;
		let new_shares = self.shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
		self.stake = new_stake;
		self.shares = new_shares;
		Ok(shares)
	}

	/// Value of `shares` at the bucket's post-slash rate, rounded down; the last shares take
	/// the remainder.
	pub fn value_of(&self, shares: T::Balance) -> Option<T::Balance> {
		value_of_shares(shares, self.stake, self.shares)
	}

	/// Take `shares` out of the bucket; returns what they are paid ([`Self::value_of`]).
	/// Changes nothing on error; the underflows are impossible (a queued withdrawal always
	/// points at a bucket holding its shares, see `try_state`; reported defensively).
	pub fn dissolve(&mut self, shares: T::Balance) -> Result<T::Balance, DispatchError> {
		redeem::<T>(&mut self.stake, &mut self.shares, shares)
	}

	/// Lower the bucket's stake by `fraction` (rounded down); returns the cut. The shares
	/// stay, each is worth less.
	pub fn slash(&mut self, fraction: Perbill) -> T::Balance {
		let cut = fraction.mul_floor(self.stake);
		self.stake = self.stake.saturating_sub(cut);
		cut
	}
}
