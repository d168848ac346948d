//! The opt-in deposit ([`crate::Config::OptInDeposit`]): held at [`crate::Pallet::opt_in`]
//! and recorded in [`crate::OptInDeposits`], released on every path that removes an opt-in
//! (the owner's removal is in `removal.rs`).

use super::*;

/// `OPERATOR_A` holds the deposit for its opt-in to `avs`, recorded in `OptInDeposits`.
fn assert_deposit_held(avs: AvsId) {
	assert_eq!(OptInDeposits::<Test>::get(avs, OPERATOR_A), Some(OPT_IN_DEPOSIT));
	assert_eq!(opt_in_held(OPERATOR_A), OPT_IN_DEPOSIT);
	assert_eq!(Balances::free_balance(OPERATOR_A), INITIAL_BALANCE - OPT_IN_DEPOSIT);
}

/// `OPERATOR_A`'s deposit for `avs` was released, once, and nothing of it is left.
fn assert_deposit_released(avs: AvsId) {
	assert!(OptInDeposits::<Test>::get(avs, OPERATOR_A).is_none());
	assert_eq!(opt_in_held(OPERATOR_A), 0);
	assert_eq!(Balances::free_balance(OPERATOR_A), INITIAL_BALANCE);
	assert_eq!(deposits_released(), vec![(avs, OPERATOR_A, OPT_IN_DEPOSIT)]);
}

#[test]
fn held_at_a_direct_opt_in() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = avs_with_operator();
		assert_deposit_held(avs);
		// One deposit per opt-in.
		let other = register(OTHER_OWNER, default_config());
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), other));
		assert_eq!(OptInDeposits::<Test>::get(other, OPERATOR_A), Some(OPT_IN_DEPOSIT));
		assert_eq!(opt_in_held(OPERATOR_A), 2 * OPT_IN_DEPOSIT);
	});
}

#[test]
fn held_while_pending_and_kept_at_approval() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = gated_avs_with_pending_operator();
		assert_deposit_held(avs);
		assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
		assert_deposit_held(avs);
	});
}

#[test]
fn released_when_a_pending_opt_in_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = gated_avs_with_pending_operator();
		assert_ok!(AvsRegistry::reject_operator(signed(OWNER), avs, OPERATOR_A));
		System::assert_last_event(Event::OptInRejected { avs, operator: OPERATOR_A }.into());
		assert_deposit_released(avs);
	});
}

#[test]
fn released_when_a_pending_opt_in_is_withdrawn() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = gated_avs_with_pending_operator();
		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
		System::assert_last_event(Event::OptInCancelled { avs, operator: OPERATOR_A }.into());
		assert_deposit_released(avs);
	});
}

#[test]
fn kept_while_opting_out_and_released_by_finalize_opt_out() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = avs_with_operator();
		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
		assert_deposit_held(avs);
		run_to_block(System::block_number() + OPT_OUT_DELAY);
		assert_deposit_held(avs);
		assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
		System::assert_last_event(Event::OperatorOptedOut { avs, operator: OPERATOR_A }.into());
		assert_deposit_released(avs);
	});
}

#[test]
fn released_for_every_operator_by_finalize_deregistration() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = avs_with_operator();
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_B), avs));
		// Operator A's deposit with another AVS stays held.
		let other = register(OTHER_OWNER, default_config());
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), other));

		assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
		run_to_block(System::block_number() + OPT_OUT_DELAY);
		assert_ok!(AvsRegistry::finalize_deregistration(signed(NOBODY), avs));
		System::assert_last_event(
			Event::AvsRemoved { avs, operators: 2, deposit_released: AVS_DEPOSIT }.into(),
		);
		assert!(OptInDeposits::<Test>::get(avs, OPERATOR_A).is_none());
		assert!(OptInDeposits::<Test>::get(avs, OPERATOR_B).is_none());
		assert_eq!(OptInDeposits::<Test>::get(other, OPERATOR_A), Some(OPT_IN_DEPOSIT));
		assert_eq!(opt_in_held(OPERATOR_A), OPT_IN_DEPOSIT);
		assert_eq!(opt_in_held(OPERATOR_B), 0);
		assert_eq!(Balances::free_balance(OPERATOR_B), INITIAL_BALANCE);
		assert_eq!(
			deposits_released(),
			vec![(avs, OPERATOR_A, OPT_IN_DEPOSIT), (avs, OPERATOR_B, OPT_IN_DEPOSIT)]
		);
	});
}

#[test]
fn opt_in_fails_and_changes_nothing_if_the_deposit_cannot_be_held() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		// Not funded by the builder; the existential deposit must stay free.
		let poor: AccountId = 50;
		assert!(!SPARE_ACCOUNTS.contains(&poor));
		MockRestaking::set_operator(poor, true);
		assert_noop!(AvsRegistry::opt_in(signed(poor), avs), TokenError::FundsUnavailable);
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), poor, OPT_IN_DEPOSIT));
		assert_noop!(AvsRegistry::opt_in(signed(poor), avs), TokenError::FundsUnavailable);
		assert!(OptIns::<Test>::get(avs, poor).is_none());
		assert!(AvsOperators::<Test>::get(avs).is_empty());
		assert!(OperatorAvs::<Test>::get(poor).is_empty());
		assert!(OptInDeposits::<Test>::get(avs, poor).is_none());
		assert_eq!(opt_in_held(poor), 0);

		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), poor, OPT_IN_DEPOSIT + ED));
		assert_ok!(AvsRegistry::opt_in(signed(poor), avs));
		assert_eq!(opt_in_held(poor), OPT_IN_DEPOSIT);
		assert_eq!(Balances::free_balance(poor), ED);
	});
}

#[test]
fn releases_what_was_held_after_the_constant_changes() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = avs_with_operator();
		OptInDeposit::set(&(OPT_IN_DEPOSIT + 3));
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
		assert_eq!(OptInDeposits::<Test>::get(avs, OPERATOR_B), Some(OPT_IN_DEPOSIT + 3));
		assert_eq!(opt_in_held(OPERATOR_B), OPT_IN_DEPOSIT + 3);

		// Lowered below both: each operator gets back exactly what was held from it.
		OptInDeposit::set(&1);
		for operator in [OPERATOR_A, OPERATOR_B] {
			assert_ok!(AvsRegistry::opt_out(signed(operator), avs));
		}
		run_to_block(System::block_number() + OPT_OUT_DELAY);
		for operator in [OPERATOR_A, OPERATOR_B] {
			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, operator));
			assert_eq!(opt_in_held(operator), 0);
			assert_eq!(Balances::free_balance(operator), INITIAL_BALANCE);
		}
		assert_eq!(
			deposits_released(),
			vec![(avs, OPERATOR_A, OPT_IN_DEPOSIT), (avs, OPERATOR_B, OPT_IN_DEPOSIT + 3)]
		);
	});
}

#[test]
fn a_zero_deposit_is_neither_held_nor_recorded() {
	ExtBuilder::default().build_and_execute(|| {
		OptInDeposit::set(&0);
		let avs = avs_with_operator();
		assert!(OptInDeposits::<Test>::get(avs, OPERATOR_A).is_none());
		assert_eq!(opt_in_held(OPERATOR_A), 0);
		assert_eq!(Balances::free_balance(OPERATOR_A), INITIAL_BALANCE);
		assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A));
		run_to_block(System::block_number() + OPT_OUT_DELAY);
		assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
		assert!(deposits_released().is_empty());
	});
}
