//! Unit tests: request_slash.

use super::*;

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
				pools: vec![
					PoolFraction { vault: NATIVE_VAULT, fraction: Perbill::from_percent(5) },
					PoolFraction { vault: STETH_VAULT, fraction: Perbill::from_percent(10) },
				]
				.try_into()
				.unwrap(),
				deposit: RequestDeposit::get(),
			}
			.into(),
		);
		let pending = PendingSlashes::<Test>::get(slash_id).unwrap();
		assert_eq!(pending.avs, AVS);
		assert_eq!(pending.operator, OPERATOR);
		assert_eq!(pending.requested_at, 1);
		assert_eq!(pending.executable_at, executable_at);
		assert_eq!(pending.evidence.to_vec(), b"evidence".to_vec());
		assert_eq!(incident_status(AVS, 1), Some(IncidentStatus::Pending(slash_id)));
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 1);
		assert!(SlashesDueAt::<Test>::contains_key(executable_at, slash_id));
		// The rules and the basis are snapshotted; the pools are locked; the deposit is held.
		assert_eq!(pending.resolver, Some(RESOLVER));
		assert_eq!(pending.destination, SlashDestination::Account(BENEFICIARY));
		assert_eq!(pending.pools.len(), 2);
		assert_eq!(MockLocks::get((NATIVE_VAULT, OPERATOR)), 1);
		assert_eq!(MockLocks::get((STETH_VAULT, OPERATOR)), 1);
		assert_eq!(held(SLASHER), RequestDeposit::get());
		let record = Incidents::<Test>::get((AVS, OPERATOR, incident(1))).unwrap();
		assert_eq!(record.expires_at, 1 + MaxIncidentAge::get());
		assert_eq!(
			record.deposit,
			Some(IncidentDeposit { depositor: SLASHER, amount: RequestDeposit::get() })
		);
		assert_eq!(
			SlashBudgets::<Test>::get(AVS, OPERATOR),
			Some(SlashBudget {
				since: 1,
				cap: Perbill::from_percent(50),
				used: Perbill::from_percent(10),
				incidents: 1
			})
		);
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
			System::block_number(),
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
				System::block_number(),
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
					System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
			System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
				vec![],
			),
			Error::<Test>::IncidentAlreadyReported
		);
		// After execution.
		run_to_block(1 + VETO_WINDOW);
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(incident_status(AVS, 1), Some(IncidentStatus::Executed));
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				AVS,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				System::block_number(),
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
			System::block_number(),
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
				System::block_number(),
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
				System::block_number(),
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
fn requests_ending_in_the_same_block_are_never_refused() {
	ExtBuilder::build_and_execute(|| {
		// Give AVS 2 the same veto window as AVS 1, so both end in the same block.
		let mut params = MockAvsParams::get(AVS_2).unwrap();
		params.veto_window = VETO_WINDOW;
		MockAvsParams::insert(AVS_2, params);
		request(1);
		request(2);
		request(3);
		for n in 1..=3 {
			assert_ok!(Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER_2),
				AVS_2,
				OPERATOR,
				Perbill::from_percent(10),
				incident(n),
				System::block_number(),
				vec![],
			));
		}
		assert_eq!(SlashesDueAt::<Test>::iter_prefix(1 + VETO_WINDOW).count(), 6);
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
				System::block_number(),
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
				System::block_number(),
				vec![],
			),
			Error::<Test>::SlashIdOverflow
		);
	});
}
