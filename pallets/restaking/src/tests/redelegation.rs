//! Unit tests: redelegation.

use super::*;

#[test]
fn redelegate_moves_stake_through_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::redelegate(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR_A,
			OPERATOR_B,
			600
		));
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending[0].redelegate_to, Some(OPERATOR_B));
		// Still slashable in A's bucket.
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A).withdrawing, 600);
		run_to_block(30);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::Redelegated {
				staker: ALICE,
				vault: NATIVE_VAULT,
				from: OPERATOR_A,
				to: OPERATOR_B,
				amount: 600,
				shares: 600,
			}
			.into(),
		);
		assert_eq!(native_balance(ALICE), before);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_B), 600);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 400);
		assert_eq!(vault(NATIVE_VAULT).total_stake, 1_000);
	});
}

#[test]
fn redelegation_is_paid_out_when_the_target_stops_accepting() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::redelegate(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR_A,
			OPERATOR_B,
			600
		));
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_B)));
		run_to_block(30);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_has_event(
			RestakingEvent::RedelegationFailed {
				staker: ALICE,
				vault: NATIVE_VAULT,
				to: OPERATOR_B,
				reason: Error::<Test>::OperatorNotActive.into(),
			}
			.into(),
		);
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amount: 600,
			}
			.into(),
		);
		assert_eq!(native_balance(ALICE), before + 600);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_B), 0);
		assert_eq!(vault(NATIVE_VAULT).total_stake, 400);
	});
}

#[test]
fn redelegate_fails_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_A, 10),
			Error::<Test>::SameOperator
		);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, BOB, 10),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_B)));
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 10),
			Error::<Test>::OperatorNotActive
		);
		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_B)));
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 1_001),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 0),
			Error::<Test>::ZeroAmount
		);
	});
}
