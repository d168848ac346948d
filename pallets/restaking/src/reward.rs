//! The reward counter and the streams that feed it: per reward asset, a pool keeps a
//! reward-per-share accumulator and one stream of credited rewards that are released into it
//! at a constant rate until the stream's end ([`PoolReward`]); each position keeps a debt per
//! asset against the accumulator (nomination-pools' `RewardPool` / `PoolMember` model, with the
//! reward-rate accumulator of Synthetix `StakingRewards` on top).
//!
//! - [`PoolInfo::stream_reward`] adds an amount to the pool's stream of an asset, to be
//!   released until a given block. The stream's unreleased rest and the new amount are
//!   released together until the amount-weighted mean of their two ends
//!   ([`PoolReward::add`]): nothing is lost or released early on the whole, a small amount
//!   moves the end of a large stream by little, and the end is never later than the later of
//!   the two.
//! - [`PoolReward::release`] moves what the stream released since its last update into the
//!   accumulator: `released / active_shares` per share ([`reward_per_share`], rounded down).
//!   If the pool had no active shares, or the increase does not fit the counter, the released
//!   amount is kept as *undistributed* instead, for the rewards pallet to return to the
//!   treasury ([`PoolInfo::take_undistributed`]). Releasing never fails.
//! - [`Position::settle`] first releases the pool's streams up to now
//!   ([`PoolInfo::release_rewards`]), then moves `shares × (counter − debt)` ([`earned`],
//!   rounded down) into the position's unclaimed rewards and sets the debt to the counter. It
//!   runs before the position's shares change (deposit, queue, redelegation) and before
//!   rewards are taken, so the pool's active shares are constant between two releases: a
//!   staker earns in proportion to shares × blocks staked.
//!
//! Every rounding goes down, so stakers together are never owed more than was released and
//! the reward pot cannot be short. The cost is O(`MaxRewardAssets`) per pool or position
//! touched, never a loop over delegators. These functions are the whole arithmetic: the rewards
//! pallet's test mock uses them too, instead of a copy.

use crate::{Config, Error, PoolInfo, Position};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{
	traits::{
		AtLeast32BitUnsigned, CheckedAdd, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto,
		Zero,
	},
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

/// `x × numerator / denominator` in 128-bit arithmetic without overflow, rounded as asked
/// (zero if the denominator is zero or the result does not fit 128 bits): the share of `x`
/// that a weight `numerator` out of `denominator` gets.
pub fn mul_div<N>(x: N, numerator: N, denominator: N, rounding: Rounding) -> N
where
	N: UniqueSaturatedInto<u128> + UniqueSaturatedFrom<u128> + Default,
{
	multiply_by_rational_with_rounding(
		x.unique_saturated_into(),
		numerator.unique_saturated_into(),
		denominator.unique_saturated_into(),
		rounding,
	)
	.map(N::unique_saturated_from)
	.unwrap_or_default()
}

/// `x × numerator / denominator`, rounded down ([`mul_div`]).
pub fn mul_div_floor<N>(x: N, numerator: N, denominator: N) -> N
where
	N: UniqueSaturatedInto<u128> + UniqueSaturatedFrom<u128> + Default,
{
	mul_div(x, numerator, denominator, Rounding::Down)
}

/// One reward asset of a pool: its reward-per-share counter and the stream that feeds it.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default, TypeInfo, MaxEncodedLen)]
pub struct PoolReward<Balance, BlockNumber> {
	/// Reward per active share released since the pool was created.
	pub per_share: FixedU128,
	/// Credited to the pool and not released yet.
	pub streaming: Balance,
	/// Block by which `streaming` is fully released.
	pub ends_at: BlockNumber,
	/// Block up to which the stream has been released.
	pub updated_at: BlockNumber,
	/// Released while the pool had no active shares (or beyond the counter's range): nobody
	/// earned it; the rewards pallet returns it to the treasury.
	pub undistributed: Balance,
}

impl<Balance, BlockNumber> PoolReward<Balance, BlockNumber>
where
	Balance: AtLeast32BitUnsigned + FixedPointOperand + Copy + Default,
	BlockNumber: AtLeast32BitUnsigned + Copy + Default,
{
	/// What the stream releases from its last update up to `now`: everything once `now`
	/// reaches the end, otherwise the elapsed fraction of the unreleased rest, rounded down
	/// (the rest of the rounding is released later, never lost).
	pub fn releasable(&self, now: BlockNumber) -> Balance {
		if self.streaming.is_zero() || now <= self.updated_at {
			return Zero::zero();
		}
		if now >= self.ends_at {
			return self.streaming;
		}
		let elapsed: u128 = now.saturating_sub(self.updated_at).unique_saturated_into();
		let left: u128 = self.ends_at.saturating_sub(self.updated_at).unique_saturated_into();
		mul_div_floor(self.streaming.unique_saturated_into(), elapsed, left).unique_saturated_into()
	}

	/// Release the stream up to `now` into the counter, over `active_shares` shares (see the
	/// module docs). Never fails: what cannot be credited per share becomes undistributed.
	pub fn release(&mut self, now: BlockNumber, active_shares: Balance) {
		let released = self.releasable(now);
		if now > self.updated_at {
			self.updated_at = now;
		}
		if released.is_zero() {
			return;
		}
		self.streaming = self.streaming.saturating_sub(released);
		if self.credit(released, active_shares).is_none() {
			self.undistributed = self.undistributed.saturating_add(released);
		}
	}

	/// Credit `amount` to the counter at once: raise it by `amount / active_shares`
	/// ([`reward_per_share`]). `None`, changing nothing, if there are no shares or the counter
	/// would overflow.
	pub fn credit(&mut self, amount: Balance, active_shares: Balance) -> Option<()> {
		self.per_share = reward_per_share(amount, active_shares)
			.and_then(|increase| self.per_share.checked_add(&increase))?;
		Some(())
	}

	/// Add `amount` to the stream (already released up to `now`) to be released by
	/// `ends_at`: the unreleased rest and `amount` are released together until the
	/// amount-weighted mean of their ends (rounded up, never after the later of the two).
	pub fn add(&mut self, amount: Balance, now: BlockNumber, ends_at: BlockNumber) {
		if amount.is_zero() {
			return;
		}
		let new_left: u128 = ends_at.saturating_sub(now).unique_saturated_into();
		let old_left: u128 = if self.streaming.is_zero() {
			0
		} else {
			self.ends_at.saturating_sub(now).unique_saturated_into()
		};
		let rest: u128 = self.streaming.unique_saturated_into();
		let added: u128 = amount.unique_saturated_into();
		let total = rest.saturating_add(added);
		let mean = mul_div(rest, old_left, total, Rounding::Up)
			.saturating_add(mul_div(added, new_left, total, Rounding::Up))
			.min(old_left.max(new_left));
		self.streaming = self.streaming.saturating_add(amount);
		self.ends_at = now.saturating_add(BlockNumber::unique_saturated_from(mean));
		self.updated_at = now;
	}
}

/// The streams and counter of one reward asset of a pool of runtime `T`.
pub type PoolRewardOf<T> = PoolReward<<T as Config>::Balance, BlockNumberFor<T>>;

impl<T: Config> PoolInfo<T> {
	/// Release every reward stream of the pool up to `now` over its current active shares.
	/// Must run before the pool's active shares change ([`Position::settle`] does it).
	pub fn release_rewards(&mut self, now: BlockNumberFor<T>) {
		let shares = self.active_shares;
		for (_, reward) in self.rewards.iter_mut() {
			reward.release(now, shares);
		}
	}

	/// Stream `amount` of `asset` to the pool's active shares, released by `ends_at`; see
	/// [`PoolReward::add`]. If `ends_at` is not after `now` the amount is credited to the
	/// counter at once instead. Changes nothing on error: no active shares
	/// ([`Error::NoActiveShares`]), a new asset beyond `MaxRewardAssets`
	/// ([`Error::TooManyRewardAssets`]) or an immediate credit that does not fit the counter
	/// ([`Error::RewardCounterOverflow`]). Returns the stream's end after the merge.
	pub fn stream_reward(
		&mut self,
		asset: &T::AssetKind,
		amount: T::Balance,
		now: BlockNumberFor<T>,
		ends_at: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		if self.active_shares.is_zero() {
			return Err(Error::<T>::NoActiveShares.into());
		}
		let shares = self.active_shares;
		let index = match self.rewards.iter().position(|(known, _)| known == asset) {
			Some(index) => index,
			None => {
				let fresh = PoolReward { updated_at: now, ..Default::default() };
				self.rewards
					.try_push((asset.clone(), fresh))
					.map_err(|_| Error::<T>::TooManyRewardAssets)?;
				self.rewards.len().saturating_sub(1)
			},
		};
		let (_, reward) =
			self.rewards.iter_mut().nth(index).ok_or(Error::<T>::TooManyRewardAssets)?;
		reward.release(now, shares);
		if ends_at <= now {
			// Credited at once: the counter must take it now.
			reward.credit(amount, shares).ok_or(Error::<T>::RewardCounterOverflow)?;
			return Ok(now);
		}
		reward.add(amount, now, ends_at);
		Ok(reward.ends_at)
	}

	/// Take the undistributed amounts of every asset (after releasing up to `now`).
	pub fn take_undistributed(
		&mut self,
		now: BlockNumberFor<T>,
	) -> Vec<(T::AssetKind, T::Balance)> {
		self.release_rewards(now);
		self.rewards
			.iter_mut()
			.filter(|(_, reward)| !reward.undistributed.is_zero())
			.map(|(asset, reward)| (asset.clone(), core::mem::take(&mut reward.undistributed)))
			.collect()
	}

	/// The pool's counter of `asset` (zero if it never had one).
	pub fn counter_of(&self, asset: &T::AssetKind) -> FixedU128 {
		self.rewards
			.iter()
			.find(|(known, _)| known == asset)
			.map_or_else(Zero::zero, |(_, reward)| reward.per_share)
	}
}

impl<T: Config> Position<T> {
	/// Release the pool's streams up to `now` ([`PoolInfo::release_rewards`]), then move what
	/// the position earned since its last settlement into its unclaimed rewards ([`earned`])
	/// and reset its debts to the pool's counters. Must run before the position's shares
	/// change; the caller writes the pool back.
	pub fn settle(&mut self, pool: &mut PoolInfo<T>, now: BlockNumberFor<T>) -> DispatchResult {
		pool.release_rewards(now);
		for (asset, reward) in pool.rewards.iter() {
			let counter = reward.per_share;
			let debt = self.reward_debts.iter_mut().find(|(debt_asset, _)| debt_asset == asset);
			let earned = earned(
				self.shares,
				counter,
				debt.as_ref().map_or_else(Zero::zero, |(_, debt)| *debt),
			)
			.ok_or(ArithmeticError::Overflow)?;
			match debt {
				Some((_, debt)) => *debt = counter,
				None => self
					.reward_debts
					.try_push((asset.clone(), counter))
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

	/// The position as [`Self::settle`] would leave it at `now`, without changing storage.
	pub fn settled(
		mut self,
		pool: &PoolInfo<T>,
		now: BlockNumberFor<T>,
	) -> Result<Self, DispatchError> {
		self.settle(&mut pool.clone(), now)?;
		Ok(self)
	}

	/// What the position would earn from the pool's unreleased streams if its shares and the
	/// pool's active shares stayed as they are: per asset, `streaming × shares / active
	/// shares` (rounded down) and the stream's end. Assets with nothing streaming are left
	/// out.
	pub fn streaming(
		&self,
		pool: &PoolInfo<T>,
		now: BlockNumberFor<T>,
	) -> Vec<(T::AssetKind, T::Balance, BlockNumberFor<T>)> {
		let mut pool = pool.clone();
		pool.release_rewards(now);
		pool.rewards
			.iter()
			.filter_map(|(asset, reward)| {
				let share = mul_div_floor(reward.streaming, self.shares, pool.active_shares);
				(!share.is_zero()).then(|| (asset.clone(), share, reward.ends_at))
			})
			.collect()
	}
}
