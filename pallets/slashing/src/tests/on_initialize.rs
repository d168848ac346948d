//! Unit tests: on_initialize.

use super::*;

#[test]
fn on_initialize_executes_due_slashes_up_to_the_limit() {
	ExtBuilder::build_and_execute(|| {
		request(1);
		request(2);
		request(3);
		let due_block = 1 + VETO_WINDOW;
		run_to_block(due_block);
		// MaxAutoExecutionsPerBlock = 2: two ran, one is left over.
		let left: Vec<SlashId> = PendingSlashes::<Test>::iter_keys().collect();
		assert_eq!(left.len(), 1);
		let left = left[0];
		assert_eq!(
			SlashesDueAt::<Test>::iter_key_prefix(due_block).collect::<Vec<_>>(),
			vec![left]
		);
		let executed = slashing_events()
			.into_iter()
			.filter(|event| matches!(event, Event::SlashExecuted { .. }))
			.count();
		assert_eq!(executed, 2);
		// Later blocks do not pick it up; anyone can execute it.
		run_to_block(due_block + 3);
		assert!(PendingSlashes::<Test>::get(left).is_some());
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), left));
		assert_eq!(SlashesDueAt::<Test>::iter_prefix(due_block).count(), 0);
		// Three successive 5% cuts of the native pool (rounded down): 1000 → 950 → 903 → 858.
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 858);
	});
}

#[test]
fn on_initialize_keeps_failed_slashes_pending() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		MockSlashPoolFails::put(true);
		run_to_block(1 + VETO_WINDOW);
		// (The message of `DispatchError::Other` is not kept in stored events.)
		assert!(slashing_events().iter().any(|event| matches!(
			event,
			Event::AutoExecutionFailed { slash_id: 0, error: DispatchError::Other(_) }
		)));
		assert!(PendingSlashes::<Test>::get(slash_id).is_some());
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
		MockSlashPoolFails::put(false);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
	});
}

#[test]
fn on_initialize_weight_accounts_for_executions() {
	ExtBuilder::build_and_execute(|| {
		use crate::weights::WeightInfo;
		assert_eq!(Slashing::on_initialize(2), <() as WeightInfo>::on_initialize_idle());
		request(1);
		System::set_block_number(1 + VETO_WINDOW);
		assert_eq!(
			Slashing::on_initialize(1 + VETO_WINDOW),
			<() as WeightInfo>::on_initialize(1, MaxVaultsPerAvs::get())
		);
	});
}

#[test]
fn zero_veto_window_is_executable_in_the_same_block() {
	ExtBuilder::build_and_execute(|| {
		let mut params = MockAvsParams::get(AVS).unwrap();
		params.veto_window = 0;
		params.destination = SlashDestination::Burn;
		MockAvsParams::insert(AVS, params);
		let slash_id = request(1);
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), slash_id),
			Error::<Test>::VetoWindowClosed
		);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
	});
}

#[test]
fn try_state_detects_inconsistencies() {
	ExtBuilder::build().execute_with(|| {
		let slash_id = request(1);
		assert!(Slashing::do_try_state().is_ok());
		SlashesDueAt::<Test>::remove(1 + VETO_WINDOW, slash_id);
		assert!(Slashing::do_try_state().is_err());
		SlashesDueAt::<Test>::insert(1 + VETO_WINDOW, slash_id, ());
		PendingSlashCount::<Test>::insert(AVS, 2);
		assert!(Slashing::do_try_state().is_err());
		PendingSlashCount::<Test>::insert(AVS, 1);
		assert!(Slashing::do_try_state().is_ok());
		MockLocks::remove((NATIVE_VAULT, OPERATOR));
		assert!(Slashing::do_try_state().is_err());
		MockLocks::insert((NATIVE_VAULT, OPERATOR), 1);
		SlashBudgets::<Test>::mutate(AVS, OPERATOR, |budget| {
			budget.as_mut().unwrap().incidents = 2
		});
		assert!(Slashing::do_try_state().is_err());
		SlashBudgets::<Test>::mutate(AVS, OPERATOR, |budget| {
			budget.as_mut().unwrap().incidents = 1
		});
		Incidents::<Test>::mutate((AVS, OPERATOR, incident(1)), |record| {
			record.as_mut().unwrap().status = IncidentStatus::Executed
		});
		assert!(Slashing::do_try_state().is_err());
	});
}
