//! Unit tests: execute_slash.

use super::*;

#[test]
fn execute_slash_cuts_every_allocated_pool_and_pays_the_beneficiary() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		let beneficiary_native = balance(NATIVE, BENEFICIARY);
		let issuance = NativeAndAssets::total_issuance(NATIVE);
		// Past the window, without on_initialize, anyone executes.
		System::set_block_number(1 + VETO_WINDOW);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));

		// Native pool: 10% × 50% allocation = 5% of 1_000 active and 200 withdrawing.
		// stETH pool: 10% × 100% = 10% of 500 active.
		let pools: PoolSlashesOf = vec![
			PoolSlash { vault: NATIVE_VAULT, fraction: Perbill::from_percent(5), amount: 60 },
			PoolSlash { vault: STETH_VAULT, fraction: Perbill::from_percent(10), amount: 50 },
		]
		.try_into()
		.unwrap();
		System::assert_last_event(
			Event::SlashExecuted {
				slash_id,
				avs: AVS,
				operator: OPERATOR,
				fraction: Perbill::from_percent(10),
				total_slashed: 110,
				pools,
			}
			.into(),
		);
		assert_eq!(
			MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap(),
			PoolStake { active: 950, withdrawing: 190 }
		);
		assert_eq!(
			MockPools::get((STETH_VAULT, OPERATOR)).unwrap(),
			PoolStake { active: 450, withdrawing: 0 }
		);
		assert_eq!(balance(NATIVE, BENEFICIARY), beneficiary_native + 60);
		assert_eq!(balance(STETH_ASSET, BENEFICIARY), 50);
		assert_eq!(balance(NATIVE, vault_account(NATIVE_VAULT)), 1_140);
		assert_eq!(balance(STETH_ASSET, vault_account(STETH_VAULT)), 450);
		// Sent to the beneficiary, not burned.
		assert_eq!(NativeAndAssets::total_issuance(NATIVE), issuance);
		assert_eq!(incident_status(AVS, 1), Some(IncidentStatus::Executed));
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 0);
		assert_eq!(SlashesDueAt::<Test>::iter_prefix(1 + VETO_WINDOW).count(), 0);
	});
}

type PoolSlashesOf = crate::PoolSlashesOf<Test>;

#[test]
fn execute_slash_burns_when_the_destination_is_burn() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(100),
			incident(1),
			System::block_number(),
			vec![],
		));
		let issuance = NativeAndAssets::total_issuance(NATIVE);
		System::set_block_number(6);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), 0));
		// 100% of the native pool (allocation 100%): 1_000 active + 200 withdrawing.
		assert_eq!(NativeAndAssets::total_issuance(NATIVE), issuance - 1_200);
		assert_eq!(
			MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap(),
			PoolStake { active: 0, withdrawing: 0 }
		);
		// The stETH pool is not allocated to AVS 2.
		assert_eq!(MockPools::get((STETH_VAULT, OPERATOR)).unwrap().active, 500);
	});
}

#[test]
fn execute_slash_skips_zero_allocations() {
	ExtBuilder::build_and_execute(|| {
		opt_in(
			AVS,
			OPERATOR,
			vec![(NATIVE_VAULT, Perbill::zero()), (STETH_VAULT, Perbill::from_percent(20))],
		);
		let slash_id = request(1);
		System::set_block_number(1 + VETO_WINDOW);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
		// 10% × 20% = 2% of 500.
		assert_eq!(MockPools::get((STETH_VAULT, OPERATOR)).unwrap().active, 490);
	});
}

#[test]
fn execute_slash_fails_inside_the_window() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		System::set_block_number(VETO_WINDOW);
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id),
			Error::<Test>::VetoWindowOpen
		);
	});
}

#[test]
fn execute_slash_fails_for_unknown_slash() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), 7),
			Error::<Test>::SlashNotFound
		);
		assert_noop!(Slashing::execute_slash(RuntimeOrigin::root(), 7), DispatchError::BadOrigin);
	});
}

#[test]
fn execute_slash_propagates_ledger_errors_and_changes_nothing() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		System::set_block_number(1 + VETO_WINDOW);
		MockSlashPoolFails::put(true);
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id),
			DispatchError::Other("mock slash_pool failure")
		);
		MockSlashPoolFails::put(false);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
	});
}

#[test]
fn slash_executes_after_the_operator_stopped_being_slashable() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// The operator opted out; its delay ends before the veto window does. The request was
		// made while it was slashable, so it keeps its basis.
		opt_out(AVS, OPERATOR, 5);
		run_to_block(1 + VETO_WINDOW);
		assert_eq!(incident_status(AVS, 1), Some(IncidentStatus::Executed));
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
		assert_eq!(MockLocks::get((NATIVE_VAULT, OPERATOR)), 0);
	});
}

#[test]
fn slash_executes_with_the_snapshot_after_the_avs_is_gone_or_changed() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		let beneficiary = balance(NATIVE, BENEFICIARY);
		// The owner rewrites the rules: burn, no resolver, and zero allocations; then the AVS
		// disappears altogether. None of it changes the pending request.
		MockAvsParams::mutate(AVS, |params| {
			let params = params.as_mut().unwrap();
			params.destination = SlashDestination::Burn;
			params.resolver = None;
		});
		MockAllocations::remove((AVS, OPERATOR));
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(ANYONE), slash_id),
			Error::<Test>::NotResolver
		);
		MockAvsParams::remove(AVS);
		System::set_block_number(1 + VETO_WINDOW);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
		assert_eq!(balance(NATIVE, BENEFICIARY), beneficiary + 60);
	});
}

#[test]
fn operator_inside_its_opt_out_delay_is_slashed_at_execution() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// Opted out, but slashable past the veto window.
		opt_out(AVS, OPERATOR, 100);
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
	});
}
