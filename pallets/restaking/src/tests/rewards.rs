//! Unit tests: rewards.

use super::*;

#[test]
fn rewards_are_split_by_shares_and_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 3_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			10,
			System::block_number()
		));
		System::assert_last_event(
			RestakingEvent::PoolRewarded {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				asset: REWARD_ASSET,
				amount: 10,
				ends_at: 1,
			}
			.into(),
		);
		// 2.5 and 7.5 rounded down: 9 of 10 paid, the pot keeps 1.
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 2)]
		);
		assert_eq!(
			Restaking::take_pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 7)]
		);
		System::assert_last_event(
			RestakingEvent::RewardsTaken {
				staker: BOB,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				rewards: BoundedVec::truncate_from(vec![(REWARD_ASSET, 7)]),
			}
			.into(),
		);
		// Taken: nothing left.
		assert!(Restaking::take_pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A)
			.unwrap()
			.is_empty());
		// A late joiner earns only from later credits.
		deposit(CHARLIE, NATIVE_VAULT, OPERATOR_A, 4_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			800,
			System::block_number()
		));
		assert_eq!(
			Restaking::pending_rewards(&CHARLIE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 400)]
		);
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 102)]
		);
	});
}

#[test]
fn rewards_survive_deposits_and_slashes() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			100,
			System::block_number()
		));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			50,
			System::block_number()
		));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000); // settles
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			System::block_number(),
			&SlashDestination::Burn
		));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			100,
			System::block_number()
		));
		let mut rewards = Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
			.unwrap()
			.to_vec();
		rewards.sort();
		let mut expected = vec![(REWARD_ASSET, 200), (NativeOrWithId::Native, 50)];
		expected.sort();
		assert_eq!(rewards, expected);
	});
}

#[test]
fn credit_pool_reward_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::credit_pool_reward(
				NATIVE_VAULT,
				&OPERATOR_A,
				REWARD_ASSET,
				10,
				System::block_number()
			),
			Error::<Test>::PoolNotFound
		);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_noop!(
			Restaking::credit_pool_reward(
				NATIVE_VAULT,
				&OPERATOR_A,
				REWARD_ASSET,
				10,
				System::block_number()
			),
			Error::<Test>::NoActiveShares
		);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 10);
		assert_noop!(
			Restaking::credit_pool_reward(
				NATIVE_VAULT,
				&OPERATOR_A,
				REWARD_ASSET,
				u128::MAX,
				System::block_number()
			),
			Error::<Test>::RewardCounterOverflow
		);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			10,
			System::block_number()
		));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			10,
			System::block_number()
		));
		assert_noop!(
			Restaking::credit_pool_reward(
				NATIVE_VAULT,
				&OPERATOR_A,
				NativeOrWithId::WithId(8),
				10,
				System::block_number()
			),
			Error::<Test>::TooManyRewardAssets
		);
		// Zero is a no-op.
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::WithId(8),
			0,
			System::block_number()
		));
	});
}

#[test]
fn take_pending_rewards_fails_without_position() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A),
			Err(DispatchError::from(Error::<Test>::NoPosition))
		);
		assert!(Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).is_empty());
	});
}

#[test]
fn streamed_rewards_follow_shares_times_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// 10,000 released over blocks 1..1001, ten per block.
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			10_000,
			1_001
		));
		System::assert_last_event(
			RestakingEvent::PoolRewarded {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				asset: REWARD_ASSET,
				amount: 10_000,
				ends_at: 1_001,
			}
			.into(),
		);
		assert!(Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).is_empty());
		assert_eq!(
			Restaking::streaming_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 10_000, 1_001)]
		);
		// Bob deposits as much at block 501 and takes his rewards and leaves at block 502.
		run_to_block(501);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_eq!(
			Restaking::streaming_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 2_500, 1_001)]
		);
		run_to_block(502);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		let bob = Restaking::take_pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A).unwrap();
		run_to_block(1_001);
		let alice = Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).unwrap();
		// Bob: half of the ten released in his one block; Alice: all the rest.
		assert_eq!(bob.to_vec(), vec![(REWARD_ASSET, 5)]);
		assert_eq!(alice.to_vec(), vec![(REWARD_ASSET, 9_995)]);
		assert!(Restaking::streaming_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).is_empty());
	});
}

#[test]
fn a_stream_into_an_emptied_pool_is_undistributed_until_taken() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			100,
			101
		));
		run_to_block(41);
		// Alice leaves after 40 blocks: 60 are released to nobody.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		run_to_block(200);
		assert_eq!(
			Restaking::take_undistributed(NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 60)]
		);
		System::assert_last_event(
			RestakingEvent::UndistributedTaken {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amounts: BoundedVec::truncate_from(vec![(REWARD_ASSET, 60)]),
			}
			.into(),
		);
		// Taken once.
		assert!(Restaking::take_undistributed(NATIVE_VAULT, &OPERATOR_A).is_empty());
		assert!(Restaking::take_undistributed(NATIVE_VAULT, &OPERATOR_B).is_empty());
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 40)]
		);
	});
}

#[test]
fn a_slash_mid_stream_keeps_the_rate_per_share() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			REWARD_ASSET,
			100,
			101
		));
		run_to_block(51);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			System::block_number(),
			&SlashDestination::Burn
		));
		run_to_block(101);
		// The shares did not change: the stream goes on to them.
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 100)]
		);
	});
}
