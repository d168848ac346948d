//! Unit tests of the slashing pallet against the mock ledger and registry (see `mock.rs`).

use crate::{
	mock::*, types::*, Error, Event, Incidents, NextSlashId, PendingSlashCount, PendingSlashes,
	SlashesDueAt,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect, Hooks},
};
use pallet_restaking::types::{PoolStake, SlashDestination};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};

fn incident(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn balance(asset: AssetKind, who: AccountId) -> Balance {
	NativeAndAssets::balance(asset, &who)
}

const NATIVE: AssetKind = NativeOrWithId::Native;
const STETH_ASSET: AssetKind = NativeOrWithId::WithId(STETH);

/// Request a 10% slash of `OPERATOR` by AVS 1 for incident `n`.
fn request(n: u8) -> SlashId {
	let slash_id = NextSlashId::<Test>::get();
	assert_ok!(Slashing::request_slash(
		RuntimeOrigin::signed(SLASHER),
		AVS,
		OPERATOR,
		Perbill::from_percent(10),
		incident(n),
		b"evidence".to_vec(),
	));
	slash_id
}

// ---------------------------------------------------------------------------------------------
// request_slash
// ---------------------------------------------------------------------------------------------

#[test]
fn request_slash_records_a_pending_request() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		assert_eq!(slash_id, 0);
		let executable_at = 1 + VETO_WINDOW;
		System::assert_last_event(
			Event::SlashRequested {
				slash_id,
				avs: AVS,
				operator: OPERATOR,
				fraction: Perbill::from_percent(10),
				incident: incident(1),
				executable_at,
			}
			.into(),
		);
		let pending = PendingSlashes::<Test>::get(slash_id).unwrap();
		assert_eq!(pending.avs, AVS);
		assert_eq!(pending.operator, OPERATOR);
		assert_eq!(pending.requested_at, 1);
		assert_eq!(pending.executable_at, executable_at);
		assert_eq!(pending.evidence.to_vec(), b"evidence".to_vec());
		assert_eq!(
			Incidents::<Test>::get((AVS, OPERATOR, incident(1))),
			Some(IncidentStatus::Pending(slash_id))
		);
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 1);
		assert_eq!(SlashesDueAt::<Test>::get(executable_at).to_vec(), vec![slash_id]);
		assert_eq!(NextSlashId::<Test>::get(), 1);
		// Nothing is slashed yet.
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
	});
}

#[test]
fn request_slash_accepts_the_max_fraction_and_max_evidence() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			AVS,
			OPERATOR,
			Perbill::from_percent(50),
			incident(1),
			vec![7u8; 16],
		));
	});
}

#[test]
fn request_slash_fails_for_unknown_avs() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				42,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::AvsNotFound
		);
	});
}

#[test]
fn request_slash_fails_for_non_slasher() {
	ExtBuilder::build_and_execute(|| {
		for caller in [AVS_OWNER, RESOLVER, SLASHER_2, ANYONE] {
			assert_noop!(
				Slashing::request_slash(
					RuntimeOrigin::signed(caller),
					AVS,
					OPERATOR,
					Perbill::from_percent(10),
					incident(1),
					vec![],
				),
				Error::<Test>::NotSlasher
			);
		}
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::root(),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn request_slash_fails_for_zero_fraction() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::zero(),
				incident(1),
				vec![],
			),
			Error::<Test>::ZeroFraction
		);
	});
}

#[test]
fn request_slash_fails_above_max_slash() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_parts(500_000_001),
				incident(1),
				vec![],
			),
			Error::<Test>::FractionAboveMax
		);
	});
}

#[test]
fn request_slash_fails_for_too_long_evidence() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![0u8; 17],
			),
			Error::<Test>::EvidenceTooLong
		);
	});
}

#[test]
fn request_slash_fails_for_operator_not_opted_in() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR_NOT_OPTED_IN,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::OperatorNotSlashable
		);
	});
}

#[test]
fn opted_out_operator_is_slashable_until_its_delay_ends() {
	ExtBuilder::build_and_execute(|| {
		// Opted out in block 1, slashable until block 5 (exclusive).
		opt_out(AVS, OPERATOR, 5);
		run_to_block(4);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			AVS,
			OPERATOR,
			Perbill::from_percent(10),
			incident(1),
			vec![],
		));
		run_to_block(5);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(2),
				vec![],
			),
			Error::<Test>::OperatorNotSlashable
		);
	});
}

#[test]
fn request_slash_fails_without_slashable_allocation() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR_NO_ALLOCATION,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::NoSlashableAllocation
		);
		// Allocations that are all zero do not count either.
		opt_in(AVS, OPERATOR_NO_ALLOCATION, vec![(NATIVE_VAULT, Perbill::zero())]);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR_NO_ALLOCATION,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::NoSlashableAllocation
		);
	});
}

#[test]
fn same_incident_cannot_be_requested_twice() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// While pending.
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(20),
				incident(1),
				vec![],
			),
			Error::<Test>::IncidentAlreadyReported
		);
		// After execution.
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(
			Incidents::<Test>::get((AVS, OPERATOR, incident(1))),
			Some(IncidentStatus::Executed)
		);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::IncidentAlreadyReported
		);
		// Another incident, or the same incident id from another AVS, is fine.
		request(2);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(10),
			incident(1),
			vec![],
		));
	});
}

#[test]
fn vetoed_incident_cannot_be_requested_again() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), slash_id));
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::IncidentAlreadyReported
		);
	});
}

#[test]
fn request_slash_fails_with_too_many_pending_slashes() {
	ExtBuilder::build_and_execute(|| {
		request(1);
		request(2);
		request(3);
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 3);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(4),
				vec![],
			),
			Error::<Test>::TooManyPendingSlashes
		);
		// Vetoing one frees a slot.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::root(), 0));
		request(4);
	});
}

#[test]
fn request_slash_fails_when_the_due_block_is_full() {
	ExtBuilder::build_and_execute(|| {
		// Give AVS 2 the same veto window as AVS 1, so both fill the same due block.
		let mut params = MockAvsParams::get(AVS_2).unwrap();
		params.veto_window = VETO_WINDOW;
		MockAvsParams::insert(AVS_2, params);
		request(1);
		request(2);
		request(3);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(10),
			incident(1),
			vec![],
		));
		assert_eq!(SlashesDueAt::<Test>::get(1 + VETO_WINDOW).len(), 4);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER_2),
				AVS_2,
				OPERATOR,
				Perbill::from_percent(10),
				incident(2),
				vec![],
			),
			Error::<Test>::TooManySlashesDueInBlock
		);
		// One block later the due block is a different one.
		run_to_block(2);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(10),
			incident(2),
			vec![],
		));
	});
}

#[test]
fn request_slash_fails_when_the_veto_window_overflows() {
	ExtBuilder::build_and_execute(|| {
		let mut params = MockAvsParams::get(AVS).unwrap();
		params.veto_window = BlockNumber::MAX;
		MockAvsParams::insert(AVS, params);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::VetoWindowOverflow
		);
	});
}

#[test]
fn request_slash_fails_when_the_slash_id_overflows() {
	ExtBuilder::build_and_execute(|| {
		NextSlashId::<Test>::put(SlashId::MAX);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				vec![],
			),
			Error::<Test>::SlashIdOverflow
		);
	});
}

// ---------------------------------------------------------------------------------------------
// veto_slash
// ---------------------------------------------------------------------------------------------

#[test]
fn resolver_vetoes_inside_the_window() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		run_to_block(VETO_WINDOW); // last block of the window
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), slash_id));
		System::assert_last_event(
			Event::SlashVetoed { slash_id, vetoed_by: Some(RESOLVER) }.into(),
		);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(
			Incidents::<Test>::get((AVS, OPERATOR, incident(1))),
			Some(IncidentStatus::Vetoed)
		);
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 0);
		assert!(!SlashesDueAt::<Test>::contains_key(1 + VETO_WINDOW));
		// Nothing is slashed when the block comes.
		run_to_block(1 + VETO_WINDOW);
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id),
			Error::<Test>::SlashNotFound
		);
	});
}

#[test]
fn root_vetoes_even_without_a_resolver() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(10),
			incident(1),
			vec![],
		));
		// AVS 2 has no resolver: no signed account may veto.
		for caller in [RESOLVER, SLASHER_2, AVS_OWNER] {
			assert_noop!(
				Slashing::veto_slash(RuntimeOrigin::signed(caller), 0),
				Error::<Test>::NotResolver
			);
		}
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::root(), 0));
		System::assert_last_event(Event::SlashVetoed { slash_id: 0, vetoed_by: None }.into());
	});
}

#[test]
fn veto_fails_for_non_resolver() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		for caller in [SLASHER, AVS_OWNER, OPERATOR, ANYONE] {
			assert_noop!(
				Slashing::veto_slash(RuntimeOrigin::signed(caller), slash_id),
				Error::<Test>::NotResolver
			);
		}
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::none(), slash_id),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn veto_fails_for_unknown_slash() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(Slashing::veto_slash(RuntimeOrigin::root(), 0), Error::<Test>::SlashNotFound);
	});
}

#[test]
fn veto_fails_after_the_window() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// Make the automatic execution fail so the request stays pending past its window.
		MockSlashPoolFails::put(true);
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_some());
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), slash_id),
			Error::<Test>::VetoWindowClosed
		);
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::root(), slash_id),
			Error::<Test>::VetoWindowClosed
		);
		MockSlashPoolFails::put(false);
	});
}

// ---------------------------------------------------------------------------------------------
// execute_slash
// ---------------------------------------------------------------------------------------------

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
		assert_eq!(
			Incidents::<Test>::get((AVS, OPERATOR, incident(1))),
			Some(IncidentStatus::Executed)
		);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 0);
		assert!(!SlashesDueAt::<Test>::contains_key(1 + VETO_WINDOW));
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
fn slash_is_cancelled_when_the_operator_is_no_longer_slashable() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		// The operator opted out; its delay ends before the veto window does.
		opt_out(AVS, OPERATOR, 5);
		run_to_block(1 + VETO_WINDOW);
		System::assert_has_event(
			Event::SlashCancelled { slash_id, reason: CancelReason::OperatorNoLongerSlashable }
				.into(),
		);
		assert_eq!(
			Incidents::<Test>::get((AVS, OPERATOR, incident(1))),
			Some(IncidentStatus::Cancelled)
		);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
	});
}

#[test]
fn slash_is_cancelled_when_the_avs_is_gone() {
	ExtBuilder::build_and_execute(|| {
		let slash_id = request(1);
		MockAvsParams::remove(AVS);
		System::set_block_number(1 + VETO_WINDOW);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), slash_id));
		System::assert_last_event(
			Event::SlashCancelled { slash_id, reason: CancelReason::AvsNotFound }.into(),
		);
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 1_000);
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

// ---------------------------------------------------------------------------------------------
// on_initialize
// ---------------------------------------------------------------------------------------------

#[test]
fn on_initialize_executes_due_slashes_up_to_the_limit() {
	ExtBuilder::build_and_execute(|| {
		request(1);
		request(2);
		request(3);
		let due_block = 1 + VETO_WINDOW;
		run_to_block(due_block);
		// MaxAutoExecutionsPerBlock = 2: the first two ran, the third is left over.
		assert!(PendingSlashes::<Test>::get(0).is_none());
		assert!(PendingSlashes::<Test>::get(1).is_none());
		assert!(PendingSlashes::<Test>::get(2).is_some());
		assert_eq!(SlashesDueAt::<Test>::get(due_block).to_vec(), vec![2]);
		let executed = slashing_events()
			.into_iter()
			.filter(|event| matches!(event, Event::SlashExecuted { .. }))
			.count();
		assert_eq!(executed, 2);
		// Later blocks do not pick it up; anyone can execute it.
		run_to_block(due_block + 3);
		assert!(PendingSlashes::<Test>::get(2).is_some());
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), 2));
		assert!(!SlashesDueAt::<Test>::contains_key(due_block));
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
			Slashing::veto_slash(RuntimeOrigin::root(), slash_id),
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
		SlashesDueAt::<Test>::remove(1 + VETO_WINDOW);
		assert!(Slashing::do_try_state().is_err());
		SlashesDueAt::<Test>::insert(
			1 + VETO_WINDOW,
			frame_support::BoundedVec::truncate_from(vec![slash_id]),
		);
		PendingSlashCount::<Test>::insert(AVS, 2);
		assert!(Slashing::do_try_state().is_err());
		PendingSlashCount::<Test>::insert(AVS, 1);
		Incidents::<Test>::insert((AVS, OPERATOR, incident(1)), IncidentStatus::Executed);
		assert!(Slashing::do_try_state().is_err());
	});
}

// ---------------------------------------------------------------------------------------------
// pending_slashes_of (read-only query for the runtime API)
// ---------------------------------------------------------------------------------------------

fn pending_ids(
	avs: Option<pallet_avs_registry::types::AvsId>,
	operator: Option<AccountId>,
) -> Vec<(SlashId, PendingSlashStatus)> {
	Slashing::pending_slashes_of(avs, operator.as_ref())
		.into_iter()
		.map(|(slash_id, _, status)| (slash_id, status))
		.collect()
}

#[test]
fn pending_slashes_of_filters_by_avs_and_operator_and_reports_the_status() {
	use PendingSlashStatus::*;
	ExtBuilder::build_and_execute(|| {
		assert!(Slashing::pending_slashes_of(None, None).is_empty());
		let first = request(1);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(30),
			incident(9),
			vec![],
		));
		let third = request(2);

		assert_eq!(
			pending_ids(None, None),
			vec![(0, VetoWindowOpen), (1, VetoWindowOpen), (2, VetoWindowOpen)]
		);
		assert_eq!(
			pending_ids(Some(AVS), None),
			vec![(first, VetoWindowOpen), (third, VetoWindowOpen)]
		);
		assert_eq!(pending_ids(Some(AVS_2), Some(OPERATOR)), vec![(1, VetoWindowOpen)]);
		assert!(pending_ids(None, Some(ANYONE)).is_empty());
		assert!(pending_ids(Some(u32::MAX), None).is_empty());
		let (_, slash, _) = Slashing::pending_slashes_of(Some(AVS_2), None).remove(0);
		assert_eq!(
			(slash.avs, slash.operator, slash.fraction, slash.requested_at, slash.executable_at),
			(AVS_2, OPERATOR, Perbill::from_percent(30), 1, 6)
		);

		// A veto removes the request.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), third));
		assert_eq!(pending_ids(Some(AVS), None), vec![(first, VetoWindowOpen)]);

		// After the window (without the automatic execution): executable, unless the operator
		// is no longer slashable, in which case execution would cancel it.
		System::set_block_number(1 + VETO_WINDOW);
		assert_eq!(pending_ids(None, None), vec![(first, Executable), (1, Executable)]);
		opt_out(AVS, OPERATOR, 1 + VETO_WINDOW);
		assert_eq!(pending_ids(None, None), vec![(first, WillBeCancelled), (1, Executable)]);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), first));
		assert_eq!(pending_ids(None, None), vec![(1, Executable)]);
	});
}
