//! Unit tests: operators.

use super::*;

#[test]
fn register_operator_works() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(Restaking::register_operator(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(5),
			metadata(b"https://op.a"),
		));
		let info = Operators::<Test>::get(OPERATOR_A).unwrap();
		assert_eq!(info.commission, Perbill::from_percent(5));
		assert_eq!(info.status, OperatorStatus::Active);
		assert_eq!(info.metadata.to_vec(), b"https://op.a".to_vec());
		assert!(Restaking::is_operator(&OPERATOR_A));
		assert!(Restaking::is_active_operator(&OPERATOR_A));
		System::assert_last_event(
			RestakingEvent::OperatorRegistered {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(5),
				deposit: OPERATOR_DEPOSIT,
			}
			.into(),
		);
		// The record's deposit is held.
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::OperatorRegistration.into(), &OPERATOR_A),
			OPERATOR_DEPOSIT
		);
		assert_eq!(crate::OperatorDeposits::<Test>::get(OPERATOR_A), Some(OPERATOR_DEPOSIT));
	});
}

#[test]
fn register_operator_fails_without_funds_for_the_deposit() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(RuntimeOrigin::signed(NOBODY), COMMISSION, metadata(b"")),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn register_operator_fails_with_too_high_commission() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(
				RuntimeOrigin::signed(OPERATOR_A),
				Perbill::from_percent(51),
				metadata(b""),
			),
			Error::<Test>::CommissionTooHigh
		);
	});
}

#[test]
fn register_operator_fails_when_already_registered() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(
				RuntimeOrigin::signed(OPERATOR_A),
				COMMISSION,
				metadata(b""),
			),
			Error::<Test>::AlreadyOperator
		);
	});
}

#[test]
fn register_operator_fails_unsigned() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(RuntimeOrigin::none(), COMMISSION, metadata(b"")),
			BadOrigin
		);
	});
}

#[test]
fn commission_decrease_takes_effect_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(3)
		));
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(Perbill::from_percent(3)));
		System::assert_last_event(
			RestakingEvent::CommissionChanged {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(3),
			}
			.into(),
		);
	});
}

#[test]
fn commission_increase_takes_effect_after_the_delay() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(30)
		));
		System::assert_last_event(
			RestakingEvent::CommissionChangeScheduled {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(30),
				effective_at: 21,
			}
			.into(),
		);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		run_to_block(20);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		run_to_block(21);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(Perbill::from_percent(30)));

		// A later change starts from the commission in force.
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(20)
		));
		let info = Operators::<Test>::get(OPERATOR_A).unwrap();
		assert_eq!(info.commission, Perbill::from_percent(20));
		assert_eq!(info.pending_commission, None);
	});
}

#[test]
fn commission_decrease_cancels_a_scheduled_increase() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(30)
		));
		assert_ok!(Restaking::set_commission(RuntimeOrigin::signed(OPERATOR_A), COMMISSION));
		run_to_block(100);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		assert_eq!(Operators::<Test>::get(OPERATOR_A).unwrap().pending_commission, None);
	});
}

#[test]
fn set_commission_fails_for_non_operator_and_too_high() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::set_commission(RuntimeOrigin::signed(ALICE), COMMISSION),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Restaking::set_commission(RuntimeOrigin::signed(OPERATOR_A), Perbill::from_percent(60)),
			Error::<Test>::CommissionTooHigh
		);
	});
}

#[test]
fn pause_and_resume_operator_work() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorPaused { operator: OPERATOR_A }.into());
		assert!(!Restaking::is_active_operator(&OPERATOR_A));
		assert!(Restaking::is_operator(&OPERATOR_A));
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::OperatorNotActive
		);

		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorResumed { operator: OPERATOR_A }.into());
		assert!(Restaking::is_active_operator(&OPERATOR_A));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
	});
}

#[test]
fn pause_operator_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotActive
		);
	});
}

#[test]
fn resume_operator_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotPaused
		);
	});
}

#[test]
fn leave_operators_works_and_is_final() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		assert_ok!(Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorLeaving { operator: OPERATOR_A }.into());
		assert_eq!(Operators::<Test>::get(OPERATOR_A).unwrap().status, OperatorStatus::Leaving);
		assert!(!Restaking::is_active_operator(&OPERATOR_A));
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotPaused
		);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::OperatorNotActive
		);
		// Existing stake stays slashable and can leave.
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A).active, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
	});
}

#[test]
fn leave_operators_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::leave_operators(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)));
		assert_noop!(
			Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorAlreadyLeaving
		);
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotActive
		);
	});
}
