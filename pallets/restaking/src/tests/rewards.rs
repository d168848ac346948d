//! Unit tests: rewards.

use super::*;

#[test]
fn rewards_are_split_by_shares_and_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 3_000);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10));
		System::assert_last_event(
			RestakingEvent::PoolRewarded {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				asset: REWARD_ASSET,
				amount: 10,
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
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 800));
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
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 100));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			50
		));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000); // settles
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			System::block_number(),
			&SlashDestination::Burn
		));
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 100));
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
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10),
			Error::<Test>::PoolNotFound
		);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10),
			Error::<Test>::NoActiveShares
		);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 10);
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, u128::MAX),
			Error::<Test>::RewardCounterOverflow
		);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			10
		));
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, NativeOrWithId::WithId(8), 10),
			Error::<Test>::TooManyRewardAssets
		);
		// Zero is a no-op.
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::WithId(8),
			0
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
