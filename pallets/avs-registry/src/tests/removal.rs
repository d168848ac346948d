//! The owner removing operators ([`crate::Pallet::remove_operator`]) and the Sybil fill it
//! answers: zero-stake operators filling an open AVS up to `MaxOperatorsPerAvs`.

use super::*;

mod remove_operator {
	use super::*;

	#[test]
	fn opted_in_operator_opts_out_and_stays_slashable_for_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(40));
			let now = System::block_number();
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A));
			let until = now + OPT_OUT_DELAY;
			System::assert_last_event(
				Event::OperatorRemoved { avs, operator: OPERATOR_A, until: Some(until) }.into(),
			);
			assert_eq!(
				OptIns::<Test>::get(avs, OPERATOR_A),
				Some(OptInStatus::OptingOut { until })
			);
			// Exactly as after its own opt-out: slashable, not earning, allocations frozen,
			// still in the indices and still paying its deposit.
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(40))]);
			assert!(active(avs, OPERATOR_A).is_empty());
			assert!(AvsRegistry::opted_in_operators(avs).is_empty());
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)),
				Error::<Test>::OperatorOptingOut
			);
			assert_eq!(AvsOperators::<Test>::get(avs).into_inner(), vec![OPERATOR_A]);
			assert_eq!(opt_in_held(OPERATOR_A), OPT_IN_DEPOSIT);
			assert!(deposits_released().is_empty());

			run_to_block(until - 1);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_noop!(
				AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A),
				Error::<Test>::OptOutNotDue
			);
			run_to_block(until);
			assert!(!AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert!(slashable(avs, OPERATOR_A).is_empty());

			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
			System::assert_last_event(Event::OperatorOptedOut { avs, operator: OPERATOR_A }.into());
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert!(Allocations::<Test>::get(avs, OPERATOR_A).is_empty());
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 0);
			assert!(AvsOperators::<Test>::get(avs).is_empty());
			assert!(OperatorAvs::<Test>::get(OPERATOR_A).is_empty());
			assert!(OptInDeposits::<Test>::get(avs, OPERATOR_A).is_none());
			assert_eq!(opt_in_held(OPERATOR_A), 0);
			assert_eq!(Balances::free_balance(OPERATOR_A), INITIAL_BALANCE);
			assert_eq!(deposits_released(), vec![(avs, OPERATOR_A, OPT_IN_DEPOSIT)]);
		});
	}

	#[test]
	fn pending_operator_is_removed_at_once() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = gated_avs_with_pending_operator();
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A));
			System::assert_last_event(
				Event::OperatorRemoved { avs, operator: OPERATOR_A, until: None }.into(),
			);
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert_eq!(AvsOperators::<Test>::get(avs).into_inner(), vec![OPERATOR_B]);
			assert!(OperatorAvs::<Test>::get(OPERATOR_A).is_empty());
			assert!(OptInDeposits::<Test>::get(avs, OPERATOR_A).is_none());
			assert_eq!(opt_in_held(OPERATOR_A), 0);
			assert_eq!(deposits_released(), vec![(avs, OPERATOR_A, OPT_IN_DEPOSIT)]);
			// The other pending operator is untouched, and the removed one can ask again.
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_B), Some(OptInStatus::Pending));
			assert_eq!(opt_in_held(OPERATOR_B), OPT_IN_DEPOSIT);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
		});
	}

	#[test]
	fn only_the_owner_may_remove() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			for caller in [OTHER_OWNER, OPERATOR_A, OPERATOR_B, NOBODY] {
				assert_noop!(
					AvsRegistry::remove_operator(signed(caller), avs, OPERATOR_A),
					Error::<Test>::NotAvsOwner
				);
			}
			assert_noop!(
				AvsRegistry::remove_operator(RuntimeOrigin::none(), avs, OPERATOR_A),
				DispatchError::BadOrigin
			);
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_A), Some(OptInStatus::OptedIn));
			assert_eq!(opt_in_held(OPERATOR_A), OPT_IN_DEPOSIT);
		});
	}

	#[test]
	fn rejects_unknown_avs_and_operator_and_operators_already_opting_out() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs + 1, OPERATOR_A),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs, NOBODY),
				Error::<Test>::OptInNotFound
			);
			// Removed by the owner: a second removal cannot restart (or shorten) the delay.
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A));
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A),
				Error::<Test>::OperatorOptingOut
			);
			// Opted out by itself: the same.
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_B), avs));
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_B),
				Error::<Test>::OperatorOptingOut
			);
			// Also once the delay has passed, until the opt-out is finalised.
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A),
				Error::<Test>::OperatorOptingOut
			);
			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
			assert_noop!(
				AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A),
				Error::<Test>::OptInNotFound
			);
		});
	}

	#[test]
	fn works_while_the_avs_deregisters() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.requires_approval = true;
			let avs = register(OWNER, config);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			run_to_block(System::block_number() + 3);

			let until = System::block_number() + OPT_OUT_DELAY;
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_A));
			System::assert_last_event(
				Event::OperatorRemoved { avs, operator: OPERATOR_A, until: Some(until) }.into(),
			);
			assert_eq!(
				OptIns::<Test>::get(avs, OPERATOR_A),
				Some(OptInStatus::OptingOut { until })
			);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_B));
			System::assert_last_event(
				Event::OperatorRemoved { avs, operator: OPERATOR_B, until: None }.into(),
			);
			assert!(OptIns::<Test>::get(avs, OPERATOR_B).is_none());
			assert_eq!(opt_in_held(OPERATOR_B), 0);

			// The AVS is removed before the opt-out is finalised: the deposit is released with it.
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_ok!(AvsRegistry::finalize_deregistration(signed(NOBODY), avs));
			System::assert_last_event(
				Event::AvsRemoved { avs, operators: 1, deposit_released: AVS_DEPOSIT }.into(),
			);
			assert_eq!(opt_in_held(OPERATOR_A), 0);
			assert_eq!(
				deposits_released(),
				vec![(avs, OPERATOR_B, OPT_IN_DEPOSIT), (avs, OPERATOR_A, OPT_IN_DEPOSIT)]
			);
		});
	}
}

mod sybil_fill {
	use super::*;

	/// Operators with no stake in any vault: they can opt in to an AVS without a minimum
	/// operator stake, paying only the opt-in deposit.
	const SYBILS: [AccountId; MAX_OPERATORS as usize] = [20, 21, 22];

	#[test]
	fn owner_removal_frees_a_slot_for_a_real_operator_after_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			for sybil in SYBILS {
				assert!(SPARE_ACCOUNTS.contains(&sybil));
				MockRestaking::set_operator(sybil, true);
				assert_ok!(AvsRegistry::opt_in(signed(sybil), avs));
				assert_eq!(opt_in_held(sybil), OPT_IN_DEPOSIT);
			}
			assert_eq!(AvsOperators::<Test>::get(avs).len() as u32, MAX_OPERATORS);
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::TooManyOperators
			);

			let until = System::block_number() + OPT_OUT_DELAY;
			assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, SYBILS[0]));
			// The removed operator keeps its slot, and stays slashable, for the delay.
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::TooManyOperators
			);
			run_to_block(until - 1);
			assert!(AvsRegistry::is_slashable(avs, &SYBILS[0]));
			assert_noop!(
				AvsRegistry::finalize_opt_out(signed(OPERATOR_A), avs, SYBILS[0]),
				Error::<Test>::OptOutNotDue
			);

			run_to_block(until);
			assert_ok!(AvsRegistry::finalize_opt_out(signed(OPERATOR_A), avs, SYBILS[0]));
			assert_eq!(opt_in_held(SYBILS[0]), 0);
			assert_eq!(Balances::free_balance(SYBILS[0]), INITIAL_BALANCE);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_A), Some(OptInStatus::OptedIn));
			assert_eq!(
				AvsOperators::<Test>::get(avs).into_inner(),
				vec![SYBILS[1], SYBILS[2], OPERATOR_A]
			);
			assert_eq!(opt_in_held(OPERATOR_A), OPT_IN_DEPOSIT);
			// The remaining Sybils still pay their deposits.
			assert_eq!(opt_in_held(SYBILS[1]), OPT_IN_DEPOSIT);
			assert_eq!(opt_in_held(SYBILS[2]), OPT_IN_DEPOSIT);
		});
	}
}
