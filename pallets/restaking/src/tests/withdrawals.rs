//! Unit tests: withdrawal queue.

use super::*;

#[test]
fn queue_withdrawal_moves_stake_into_the_epoch_bucket() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// Block 1 + delay 20 = 21 -> bucket ceil(21 / 10) = 3, maturing at block 30.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 400);
		System::assert_last_event(
			RestakingEvent::WithdrawalQueued {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				shares: 400,
				stake: 400,
				bucket: 3,
				matures_at: 30,
				redelegate_to: None,
			}
			.into(),
		);
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (600, 600));
		assert_eq!(pool.live_buckets.to_vec(), vec![3]);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (400, 400));
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 600);
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!((pending[0].bucket, pending[0].shares), (3, 400));
		// Still in the vault and slashable.
		assert_eq!(vault(NATIVE_VAULT).total_stake, 1_000);
		assert_eq!(
			Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A),
			PoolStake { active: 600, withdrawing: 400 }
		);
	});
}

#[test]
fn withdrawals_of_one_epoch_share_a_bucket() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		run_to_block(5);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 300);
		// Blocks 1 and 5 both land in bucket 3; ALICE's entries merge.
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!(pending[0].shares, 200);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (500, 500));
		// Block 11 lands in the next bucket.
		run_to_block(11);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		assert_eq!(pool(NATIVE_VAULT, OPERATOR_A).live_buckets.to_vec(), vec![3, 4]);
		assert_eq!(PendingWithdrawals::<Test>::get(ALICE).len(), 2);
	});
}

#[test]
fn full_withdrawal_removes_the_position() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert!(Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).is_none());
		assert!(StakerPools::<Test>::get(ALICE).is_empty());
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (0, 0));
	});
}

#[test]
fn queue_withdrawal_fails_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_A, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), 9, OPERATOR_A, 10),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_B, 10),
			Error::<Test>::NoPosition
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_A, 1_001),
			Error::<Test>::InsufficientShares
		);
	});
}

#[test]
fn queue_withdrawal_fails_with_too_many_pending() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		for block in [1, 11, 21, 31] {
			run_to_block(block);
			queue(ALICE, NATIVE_VAULT, OPERATOR_A, 10);
		}
		run_to_block(41);
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 10),
			Error::<Test>::TooManyPendingWithdrawals
		);
		// Completing one frees a slot.
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 10);
	});
}

#[test]
fn queue_withdrawal_fails_into_a_bucket_slashed_to_zero() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 500);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::one(),
			System::block_number(),
			&SlashDestination::Burn
		));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 500); // worthless: burned
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 100);
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 50),
			Error::<Test>::BucketSlashedToZero
		);
		// The next epoch has a fresh bucket.
		run_to_block(11);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 50);
		// ALICE's fully slashed withdrawal completes with nothing.
		run_to_block(30);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amount: 0,
			}
			.into(),
		);
	});
}

#[test]
fn complete_withdrawal_pays_after_maturity() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, ASSET_VAULT, OPERATOR_A, 400);
		run_to_block(29);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::WithdrawalNotMatured
		);
		run_to_block(30);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: ASSET_VAULT,
				operator: OPERATOR_A,
				amount: 400,
			}
			.into(),
		);
		assert_eq!(asset_balance(ALICE), INITIAL_BALANCE - 600);
		assert_eq!(vault(ASSET_VAULT).total_stake, 600);
		assert!(WithdrawalBuckets::<Test>::get((ASSET_VAULT, OPERATOR_A, 3)).is_none());
		assert!(!PendingWithdrawals::<Test>::contains_key(ALICE));
	});
}

#[test]
fn complete_withdrawal_fails_with_bad_index() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::WithdrawalNotFound
		);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 400);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::WithdrawalNotFound
		);
	});
}

#[test]
fn completion_pays_the_post_slash_rate_and_the_last_share_takes_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 333);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 334);
		run_to_block(5);
		let slashed = Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(10),
			System::block_number(),
			&SlashDestination::Burn,
		)
		.unwrap();
		// Active 1_333 -> 1_200 (133), bucket 667 -> 601 (66).
		assert_eq!(slashed, 133 + 66);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (601, 667));
		run_to_block(30);
		let alice_before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		// floor(333 * 601 / 667) = 300.
		assert_eq!(native_balance(ALICE) - alice_before, 300);
		let bob_before = native_balance(BOB);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(native_balance(BOB) - bob_before, 301);
		assert!(WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).is_none());
	});
}

#[test]
fn queue_withdrawal_settles_rewards_and_queued_stake_earns_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			200,
			System::block_number()
		));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// Settled at queue time; the position stays for the untaken reward.
		let position = Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).unwrap();
		assert_eq!(position.shares, 0);
		assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 100)]);
		assert_eq!(StakerPools::<Test>::get(ALICE).len(), 1);
		// Rewards after queuing go to the active shares only.
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			200,
			System::block_number()
		));
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 100)]
		);
		assert_eq!(
			Restaking::pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 300)]
		);
		// Taking the reward removes the empty position.
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 100)]
		);
		assert!(Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).is_none());
		assert!(!StakerPools::<Test>::contains_key(ALICE));
	});
}
