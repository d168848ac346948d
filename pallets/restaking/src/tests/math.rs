//! Unit tests: the share math and the reward counter as methods on their types
//! ([`crate::pool`], [`crate::reward`]), without storage.

use super::*;
use crate::{pool::value_of_shares, reward};
use sp_runtime::{traits::Zero, ArithmeticError, FixedU128};

fn pool_with(active_stake: Balance, active_shares: Balance) -> PoolInfo<Test> {
	PoolInfo { active_stake, active_shares, ..Default::default() }
}

#[test]
fn value_of_shares_rounds_down_and_the_last_shares_take_the_rest() {
	assert_eq!(value_of_shares::<Balance>(1, 10, 3), Some(3));
	assert_eq!(value_of_shares::<Balance>(2, 10, 3), Some(6));
	assert_eq!(value_of_shares::<Balance>(3, 10, 3), Some(10));
	assert_eq!(value_of_shares::<Balance>(0, 0, 0), Some(0));
	assert_eq!(value_of_shares::<Balance>(1, 10, 0), None);
}

#[test]
fn pool_mints_one_to_one_when_empty_and_at_the_rate_after() {
	let empty = pool_with(0, 0);
	assert_eq!(empty.shares_for(500), Ok(500));
	// 900 stake behind 1000 shares (slashed by 10%): 90 buys floor(90 * 1000 / 900) = 100.
	let slashed = pool_with(900, 1000);
	assert_eq!(slashed.shares_for(90), Ok(100));
	assert_eq!(slashed.shares_for(91), Ok(101));
	// Too small for one share, and a pool slashed to zero with shares left.
	assert_eq!(pool_with(1000, 1).shares_for(999), Err(Error::<Test>::DepositTooSmall.into()));
	assert_eq!(pool_with(0, 10).shares_for(5), Err(Error::<Test>::PoolSlashedToZero.into()));
}

#[test]
fn pool_join_and_leave_move_both_totals() {
	let mut pool = pool_with(900, 1000);
	assert_ok!(pool.join(90, 100));
	assert_eq!((pool.active_stake, pool.active_shares), (990, 1100));
	// 100 of 1100 shares of 990: floor(100 * 990 / 1100) = 90.
	assert_eq!(pool.leave(100), Ok(90));
	assert_eq!((pool.active_stake, pool.active_shares), (900, 1000));
	// The last shares take everything.
	assert_eq!(pool.leave(1000), Ok(900));
	assert_eq!((pool.active_stake, pool.active_shares), (0, 0));
	// Overflow changes nothing.
	let mut full = pool_with(Balance::MAX, 1);
	assert_eq!(full.join(1, 1), Err(ArithmeticError::Overflow.into()));
	assert_eq!((full.active_stake, full.active_shares), (Balance::MAX, 1));
}

#[test]
fn pool_slash_cuts_the_stake_not_the_shares() {
	let mut pool = pool_with(1000, 1000);
	let cut = pool.slash(Perbill::from_percent(25));
	assert_eq!(cut, 250);
	assert_eq!((pool.active_stake, pool.active_shares), (750, 1000));
	assert_eq!(pool.value_of(100), Some(75));
}

#[test]
fn live_buckets_stay_sorted_unique_and_bounded() {
	let mut pool = pool_with(0, 0);
	for bucket in [5, 3, 5, 4] {
		assert_ok!(pool.insert_live_bucket(bucket));
	}
	assert_eq!(pool.live_buckets.to_vec(), vec![3, 4, 5]);
	// MaxLiveBuckets is 4 in the mock.
	assert_ok!(pool.insert_live_bucket(6));
	assert_eq!(pool.insert_live_bucket(7), Err(Error::<Test>::TooManyLiveBuckets.into()));
	assert_eq!(pool.live_buckets.to_vec(), vec![3, 4, 5, 6]);
}

#[test]
fn bucket_issues_at_its_post_slash_rate_and_dissolves_the_remainder() {
	let mut bucket = WithdrawalBucket::<Test>::default();
	assert_eq!(bucket.issue(300), Ok(300));
	// A 10% slash: 270 stake behind 300 shares.
	assert_eq!(bucket.slash(Perbill::from_percent(10)), 30);
	// 90 more stake is issued floor(90 * 300 / 270) = 100 shares.
	assert_eq!(bucket.issue(90), Ok(100));
	assert_eq!((bucket.stake, bucket.shares), (360, 400));
	// 133 of 400 shares of 360: floor(133 * 360 / 400) = 119; the last 267 take 241.
	assert_eq!(bucket.dissolve(133), Ok(119));
	assert_eq!(bucket.dissolve(267), Ok(241));
	assert_eq!((bucket.stake, bucket.shares), (0, 0));
}

#[test]
fn bucket_slashed_to_zero_refuses_new_stake_and_changes_nothing() {
	let mut bucket = WithdrawalBucket::<Test>::default();
	assert_eq!(bucket.issue(10), Ok(10));
	assert_eq!(bucket.slash(Perbill::one()), 10);
	assert_eq!(bucket.issue(5), Err(Error::<Test>::BucketSlashedToZero.into()));
	assert_eq!((bucket.stake, bucket.shares), (0, 10));
	// Its shares are still paid what is left: nothing.
	assert_eq!(bucket.dissolve(10), Ok(0));
}

#[test]
fn reward_counter_credits_per_share_and_settles_rounded_down() {
	assert_eq!(reward::reward_per_share::<Balance>(10, 3), Some(FixedU128::from_rational(10, 3)));
	assert_eq!(reward::reward_per_share::<Balance>(10, 0), None);
	assert_eq!(
		reward::earned::<Balance>(2, FixedU128::from_rational(10, 3), FixedU128::zero()),
		Some(6)
	);

	let mut pool = pool_with(300, 3);
	let mut position = Position::<Test> { shares: 2, ..Default::default() };
	position.settle(&pool).unwrap();
	assert_ok!(pool.credit_reward(&REWARD_ASSET, 10));
	// 2 of 3 shares earned floor(2 * 10 / 3) = 6 (the pool keeps the rounding).
	let settled = position.clone().settled(&pool).unwrap();
	assert_eq!(settled.unclaimed.to_vec(), vec![(REWARD_ASSET, 6)]);
	// Settling again earns nothing more; a second credit adds to the same counter.
	position.settle(&pool).unwrap();
	position.settle(&pool).unwrap();
	assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 6)]);
	assert_ok!(pool.credit_reward(&REWARD_ASSET, 3));
	position.settle(&pool).unwrap();
	assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 8)]);
}

#[test]
fn reward_counter_errors_change_nothing() {
	let mut empty = pool_with(0, 0);
	assert_eq!(empty.credit_reward(&REWARD_ASSET, 10), Err(Error::<Test>::NoActiveShares.into()));
	assert_eq!(empty, pool_with(0, 0));
	// The mock allows 2 reward assets per pool.
	let mut pool = pool_with(10, 10);
	assert_ok!(pool.credit_reward(&NativeOrWithId::WithId(1), 1));
	assert_ok!(pool.credit_reward(&NativeOrWithId::WithId(2), 1));
	let before = pool.clone();
	assert_eq!(
		pool.credit_reward(&NativeOrWithId::WithId(3), 1),
		Err(Error::<Test>::TooManyRewardAssets.into())
	);
	assert_eq!(pool, before);
	// A counter overflow.
	let mut tiny = pool_with(1, 1);
	assert_eq!(
		tiny.credit_reward(&REWARD_ASSET, Balance::MAX),
		Err(Error::<Test>::RewardCounterOverflow.into())
	);
}
