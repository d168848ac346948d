//! Unit tests: incident age, incident records and their pruning with the deposit.

use super::*;

fn request_at(
	n: u8,
	occurred_at: BlockNumber,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Slashing::request_slash(
		RuntimeOrigin::signed(SLASHER),
		AVS,
		OPERATOR,
		Perbill::from_percent(10),
		incident(n),
		occurred_at,
		vec![],
	)
}

#[test]
fn incidents_must_be_recent_and_not_in_the_future() {
	ExtBuilder::build_and_execute(|| {
		run_to_block(150);
		assert_noop!(request_at(1, 151), Error::<Test>::IncidentInFuture);
		// MaxIncidentAge = 100: an incident of block 50 expires at 150.
		assert_noop!(request_at(1, 50), Error::<Test>::IncidentTooOld);
		assert_ok!(request_at(1, 51));
		assert_eq!(Incidents::<Test>::get((AVS, OPERATOR, incident(1))).unwrap().expires_at, 151);
	});
}

#[test]
fn an_expired_incident_is_pruned_and_its_deposit_released() {
	ExtBuilder::build_and_execute(|| {
		let free = balance(NATIVE, SLASHER);
		let slash_id = request(1);
		assert_eq!(balance(NATIVE, SLASHER), free - RequestDeposit::get());
		let prune =
			|| Slashing::prune_incident(RuntimeOrigin::signed(ANYONE), AVS, OPERATOR, incident(1));
		assert_noop!(prune(), Error::<Test>::IncidentPending);
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		// Still reportable until block 101: the record must stay.
		run_to_block(100);
		assert_noop!(prune(), Error::<Test>::IncidentNotExpired);
		run_to_block(101);
		assert_ok!(prune());
		System::assert_last_event(
			Event::IncidentPruned {
				avs: AVS,
				operator: OPERATOR,
				incident: incident(1),
				depositor: Some(SLASHER),
				released: RequestDeposit::get(),
			}
			.into(),
		);
		assert_eq!(balance(NATIVE, SLASHER), free);
		assert_eq!(held(SLASHER), 0);
		assert!(!Incidents::<Test>::contains_key((AVS, OPERATOR, incident(1))));
		// The last record of the pair takes the budget record with it.
		assert!(SlashBudgets::<Test>::get(AVS, OPERATOR).is_none());
		// And the incident can no longer be reported: it is too old.
		assert_noop!(request_at(1, 1), Error::<Test>::IncidentTooOld);
		assert_noop!(prune(), Error::<Test>::IncidentNotFound);
	});
}

#[test]
fn the_last_record_waits_for_the_budget_window() {
	ExtBuilder::build_and_execute(|| {
		// Incident 1 occurred at 1, reported at 60 (a new budget window starts at 60, until 110).
		run_to_block(60);
		assert_ok!(request_at(1, 1));
		run_to_block(101);
		let prune =
			|| Slashing::prune_incident(RuntimeOrigin::signed(ANYONE), AVS, OPERATOR, incident(1));
		assert_noop!(prune(), Error::<Test>::BudgetWindowOpen);
		run_to_block(110);
		assert_ok!(prune());
	});
}

#[test]
fn records_are_pruned_one_by_one_with_the_budget_counting_them() {
	ExtBuilder::build_and_execute(|| {
		request(1);
		request(2);
		assert_eq!(SlashBudgets::<Test>::get(AVS, OPERATOR).unwrap().incidents, 2);
		run_to_block(101);
		assert_ok!(Slashing::prune_incident(
			RuntimeOrigin::signed(ANYONE),
			AVS,
			OPERATOR,
			incident(2)
		));
		assert_eq!(SlashBudgets::<Test>::get(AVS, OPERATOR).unwrap().incidents, 1);
		assert_ok!(Slashing::prune_incident(
			RuntimeOrigin::signed(ANYONE),
			AVS,
			OPERATOR,
			incident(1)
		));
		assert!(SlashBudgets::<Test>::get(AVS, OPERATOR).is_none());
		assert_eq!(held(SLASHER), 0);
	});
}

#[test]
fn a_slasher_that_cannot_pay_the_deposit_cannot_request() {
	ExtBuilder::build_and_execute(|| {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&SLASHER, RequestDeposit::get() - 1);
		assert_noop!(request_at(1, 1), sp_runtime::TokenError::FundsUnavailable);
	});
}
