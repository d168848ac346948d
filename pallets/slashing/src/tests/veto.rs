//! Unit tests: veto_slash.

use super::*;

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
		assert_eq!(incident_status(AVS, 1), Some(IncidentStatus::Vetoed));
		assert_eq!(PendingSlashCount::<Test>::get(AVS), 0);
		assert_eq!(SlashesDueAt::<Test>::iter_prefix(1 + VETO_WINDOW).count(), 0);
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
			System::block_number(),
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
fn resolver_veto_fails_after_the_window_but_root_is_the_backstop() {
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
		// An execution that keeps failing would keep the pools locked: root can end it.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::root(), slash_id));
		assert!(PendingSlashes::<Test>::get(slash_id).is_none());
		assert_eq!(MockLocks::get((NATIVE_VAULT, OPERATOR)), 0);
		MockSlashPoolFails::put(false);
	});
}
