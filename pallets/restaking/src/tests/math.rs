//! Unit tests: the share math and the reward counter as methods on their types
//! ([`crate::pool`], [`crate::reward`]), without storage.

use super::*;
use crate::{pool::value_of_shares, reward};
use sp_runtime::{traits::Zero, ArithmeticError, DispatchResult, FixedU128};

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

/// Credit `amount` of `asset` to `pool` at once (a stream that ends now).
fn credit(pool: &mut PoolInfo<Test>, asset: &AssetKind, amount: Balance) -> DispatchResult {
	pool.stream_reward(asset, amount, 1, 1).map(|_| ())
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
	position.settle(&mut pool, 1).unwrap();
	assert_ok!(credit(&mut pool, &REWARD_ASSET, 10));
	// 2 of 3 shares earned floor(2 * 10 / 3) = 6 (the pool keeps the rounding).
	let settled = position.clone().settled(&pool, 1).unwrap();
	assert_eq!(settled.unclaimed.to_vec(), vec![(REWARD_ASSET, 6)]);
	// Settling again earns nothing more; a second credit adds to the same counter.
	position.settle(&mut pool, 1).unwrap();
	position.settle(&mut pool, 1).unwrap();
	assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 6)]);
	assert_ok!(credit(&mut pool, &REWARD_ASSET, 3));
	position.settle(&mut pool, 1).unwrap();
	assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 8)]);
}

#[test]
fn reward_counter_errors_change_nothing() {
	let mut empty = pool_with(0, 0);
	assert_eq!(credit(&mut empty, &REWARD_ASSET, 10), Err(Error::<Test>::NoActiveShares.into()));
	assert_eq!(empty, pool_with(0, 0));
	// The mock allows 2 reward assets per pool.
	let mut pool = pool_with(10, 10);
	assert_ok!(credit(&mut pool, &NativeOrWithId::WithId(1), 1));
	assert_ok!(credit(&mut pool, &NativeOrWithId::WithId(2), 1));
	let before = pool.clone();
	assert_eq!(
		credit(&mut pool, &NativeOrWithId::WithId(3), 1),
		Err(Error::<Test>::TooManyRewardAssets.into())
	);
	assert_eq!(pool, before);
	// A counter overflow of an immediate credit.
	let mut tiny = pool_with(1, 1);
	assert_eq!(
		credit(&mut tiny, &REWARD_ASSET, Balance::MAX),
		Err(Error::<Test>::RewardCounterOverflow.into())
	);
}

#[test]
fn a_stream_releases_at_a_constant_rate_until_its_end() {
	let mut stream = reward::PoolReward::<Balance, u64> { updated_at: 10, ..Default::default() };
	stream.add(1_000, 10, 110);
	assert_eq!((stream.streaming, stream.ends_at), (1_000, 110));
	assert_eq!(stream.releasable(10), 0);
	assert_eq!(stream.releasable(11), 10);
	assert_eq!(stream.releasable(60), 500);
	// Over 4 shares: 250 released by block 35, 62.5 per share.
	stream.release(35, 4);
	assert_eq!((stream.streaming, stream.updated_at), (750, 35));
	assert_eq!(stream.per_share, FixedU128::from_rational(250, 4));
	// A third of the rest by block 60 (25 of 75 blocks), all of it from the end on.
	assert_eq!(stream.releasable(60), 250);
	assert_eq!(stream.releasable(110), 750);
	assert_eq!(stream.releasable(500), 750);
	stream.release(500, 4);
	assert_eq!(stream.streaming, 0);
	assert_eq!(stream.per_share, FixedU128::from_rational(1_000, 4));
	assert_eq!(stream.undistributed, 0);
}

#[test]
fn a_stream_released_without_shares_is_undistributed() {
	let mut stream = reward::PoolReward::<Balance, u64> { updated_at: 0, ..Default::default() };
	stream.add(100, 0, 100);
	stream.release(30, 0);
	assert_eq!((stream.streaming, stream.undistributed), (70, 30));
	assert_eq!(stream.per_share, FixedU128::zero());
	// Shares come back: the rest streams to them.
	stream.release(100, 7);
	assert_eq!((stream.streaming, stream.undistributed), (0, 30));
	assert_eq!(stream.per_share, FixedU128::from_rational(70, 7));
	// A release that does not fit the counter is undistributed too, never an error.
	let mut huge = reward::PoolReward::<Balance, u64> { updated_at: 0, ..Default::default() };
	huge.add(Balance::MAX, 0, 10);
	huge.release(10, 1);
	assert_eq!((huge.streaming, huge.undistributed), (0, Balance::MAX));
}

#[test]
fn merged_streams_end_at_the_amount_weighted_mean_of_their_ends() {
	let mut stream = reward::PoolReward::<Balance, u64> { updated_at: 0, ..Default::default() };
	stream.add(900, 0, 100);
	stream.release(10, 1);
	assert_eq!(stream.streaming, 810);
	// 810 left for 90 blocks plus 90 for 990 blocks: (810 * 90 + 90 * 990) / 900 = 180.
	stream.add(90, 10, 1_000);
	assert_eq!((stream.streaming, stream.ends_at), (900, 10 + 180));
	// A dust amount barely moves the end; a stream never ends after the later end.
	stream.add(1, 10, 1_000_000);
	assert!(stream.ends_at <= 10 + 180 + 1_110);
	let mut short = reward::PoolReward::<Balance, u64>::default();
	short.add(10, 0, 50);
	short.add(10, 0, 50);
	assert_eq!(short.ends_at, 50);
	// Nothing added: unchanged.
	let before = short;
	short.add(0, 20, 70);
	assert_eq!(short, before);
}

#[test]
fn settling_releases_the_pool_first_so_earnings_follow_shares_times_blocks() {
	let mut pool = pool_with(2_000, 2_000);
	let mut full = Position::<Test> { shares: 1_000, ..Default::default() };
	full.settle(&mut pool, 0).unwrap();
	assert_eq!(pool.stream_reward(&REWARD_ASSET, 1_000, 0, 1_000), Ok(1_000));
	// A second staker of the same size joins at block 500 and leaves at 501.
	let mut brief = Position::<Test> { shares: 0, ..Default::default() };
	brief.settle(&mut pool, 500).unwrap();
	brief.shares = 1_000;
	pool.active_shares = 3_000;
	brief.settle(&mut pool, 501).unwrap();
	brief.shares = 0;
	pool.active_shares = 2_000;
	full.settle(&mut pool, 1_000).unwrap();
	let earned = |position: &Position<Test>| {
		position
			.unclaimed
			.iter()
			.find(|(asset, _)| *asset == REWARD_ASSET)
			.map_or(0, |(_, a)| *a)
	};
	// One block at a third of the pool: floor(1 / 3) of the 1 released that block. The
	// full-period staker: 500 / 2 + 1 / 3 + 499 / 2, rounded down.
	assert_eq!(earned(&brief), 0);
	assert_eq!(earned(&full), 499);
	// Everything was released (the rest to the pool's other 1,000 shares).
	assert_eq!(pool.rewards[0].1.streaming, 0);
}
