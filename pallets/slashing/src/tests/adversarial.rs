//! Unit tests: a pending request keeps its rules and basis, and the budget of an incident
//! family bounds what fresh incident ids can take. (The attacks against the real restaking and
//! AVS registry pallets are in `pallets/integration-tests/src/adversarial.rs`.)

use super::*;
use frame_support::BoundedVec;

#[test]
fn the_resolver_named_at_the_request_keeps_its_veto() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// The owner names itself resolver after the request: it cannot veto, the old one can.
		MockAvsParams::mutate(AVS, |params| params.as_mut().unwrap().resolver = Some(AVS_OWNER));
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(AVS_OWNER), slash_id),
			Error::<Test>::NotResolver
		);
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), slash_id));
	});
}

#[test]
fn the_basis_is_the_allocation_slashable_at_the_request() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// After the request the operator's allocation to the native vault goes to 100%.
		MockAllocations::insert(
			(AVS, OPERATOR),
			BoundedVec::truncate_from(vec![(NATIVE_VAULT, Perbill::one())]),
		);
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		// 10% × the 50% of the request: 5%, not 10%; and the stETH pool is still cut.
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
		assert_eq!(MockPools::get((STETH_VAULT, OPERATOR)).unwrap().active, 450);
	});
}

#[test]
fn fresh_incident_ids_cannot_exceed_max_slash_in_one_window() {
	ExtBuilder::build_and_execute(|| {
		// AVS 1: max_slash 50%. Five 10% requests use the whole budget.
		for n in 1..=3 {
			request(n);
		}
		run_to_block(1 + VETO_WINDOW);
		// Two were executed automatically; the third by hand (MaxPendingSlashesPerAvs = 3).
		let left = PendingSlashes::<Test>::iter_keys().next().unwrap();
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), left));
		for n in 4..=5 {
			request(n);
		}
		let sixth = || {
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				MinSlashFraction::get(),
				incident(6),
				System::block_number(),
				vec![],
			)
		};
		assert_noop!(sixth(), Error::<Test>::SlashBudgetExceeded);
		// A veto gives its fraction back.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 3));
		assert_ok!(sixth());
		// The window (50 blocks from block 1) ends: a new family starts.
		run_to_block(51);
		request(7);
		assert_eq!(
			SlashBudgets::<Test>::get(AVS, OPERATOR).map(|budget| (budget.since, budget.used)),
			Some((51, Perbill::from_percent(10)))
		);
	});
}

#[test]
fn the_budget_is_per_avs_and_operator() {
	ExtBuilder::build_and_execute(|| {
		let slash = |slasher, avs, fraction, n| {
			Slashing::request_slash(
				RuntimeOrigin::signed(slasher),
				avs,
				OPERATOR,
				fraction,
				incident(n),
				System::block_number(),
				vec![],
			)
		};
		assert_ok!(slash(SLASHER, AVS, Perbill::from_percent(25), 1));
		assert_ok!(slash(SLASHER, AVS, Perbill::from_percent(25), 2));
		assert_noop!(
			slash(SLASHER, AVS, MinSlashFraction::get(), 3),
			Error::<Test>::SlashBudgetExceeded
		);
		// AVS 2 has its own budget against the same operator.
		assert_ok!(slash(SLASHER_2, AVS_2, Perbill::one(), 1));
	});
}

#[test]
fn a_request_below_the_minimum_fraction_is_refused() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_parts(MinSlashFraction::get().deconstruct() - 1),
				incident(1),
				System::block_number(),
				vec![],
			),
			Error::<Test>::FractionBelowMin
		);
	});
}

#[test]
fn raising_max_slash_waits_for_the_next_budget_window() {
	ExtBuilder::build_and_execute(|| {
		let slash = |fraction, n| {
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				fraction,
				incident(n),
				System::block_number(),
				vec![],
			)
		};
		assert_ok!(slash(Perbill::from_percent(50), 1));
		// The owner lifts the cap to 100% mid-window: the window keeps its 50%.
		MockAvsParams::mutate(AVS, |params| params.as_mut().unwrap().max_slash = Perbill::one());
		assert_noop!(slash(Perbill::from_percent(10), 2), Error::<Test>::SlashBudgetExceeded);
		// Lowering applies at once.
		MockAvsParams::mutate(AVS, |params| {
			params.as_mut().unwrap().max_slash = Perbill::from_percent(20)
		});
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 0));
		assert_ok!(slash(Perbill::from_percent(20), 3));
		assert_noop!(slash(Perbill::from_percent(1), 4), Error::<Test>::SlashBudgetExceeded);
		// The next window has the cap in force when it starts.
		MockAvsParams::mutate(AVS, |params| params.as_mut().unwrap().max_slash = Perbill::one());
		run_to_block(51);
		assert_ok!(slash(Perbill::from_percent(90), 5));
	});
}
