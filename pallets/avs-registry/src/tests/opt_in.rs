//! Operators joining and leaving AVSs: [`crate::Pallet::opt_in`], approval and rejection by
//! the owner, [`crate::Pallet::opt_out`] and [`crate::Pallet::finalize_opt_out`].

use super::*;

mod opt_in {
	use super::*;

	#[test]
	fn opts_in_directly_without_approval() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			System::assert_last_event(Event::OperatorOptedIn { avs, operator: OPERATOR_A }.into());
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_A), Some(OptInStatus::OptedIn));
			assert_eq!(AvsOperators::<Test>::get(avs).into_inner(), vec![OPERATOR_A]);
			assert_eq!(OperatorAvs::<Test>::get(OPERATOR_A).into_inner(), vec![avs]);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_eq!(AvsRegistry::opted_in_operators(avs).into_inner(), vec![OPERATOR_A]);
		});
	}

	#[test]
	fn is_pending_when_approval_is_required() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.requires_approval = true;
			let avs = register(OWNER, config);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			System::assert_last_event(Event::OptInRequested { avs, operator: OPERATOR_A }.into());
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_A), Some(OptInStatus::Pending));
			assert!(!AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert!(AvsRegistry::opted_in_operators(avs).is_empty());
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(1)),
				Error::<Test>::OptInPending
			);
		});
	}

	#[test]
	fn checks_minimum_stake_on_any_accepted_vault() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.min_operator_stake = 500;
			let avs = register(OWNER, config);
			MockRestaking::set_pool_stake(VAULT_0, OPERATOR_A, 499, 1_000);
			MockRestaking::set_pool_stake(VAULT_1, OPERATOR_A, 499, 0);
			// Withdrawing stake does not count; vault 2 is not accepted.
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::InsufficientOperatorStake
			);
			MockRestaking::set_pool_stake(VAULT_1, OPERATOR_A, 500, 0);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
		});
	}

	#[test]
	fn rejects_unknown_and_deregistering_avs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs + 1),
				Error::<Test>::AvsNotFound
			);
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_noop!(AvsRegistry::opt_in(signed(OPERATOR_A), avs), Error::<Test>::AvsNotActive);
		});
	}

	#[test]
	fn rejects_accounts_that_are_not_active_operators() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_noop!(
				AvsRegistry::opt_in(signed(NOBODY), avs),
				Error::<Test>::NotActiveOperator
			);
			MockRestaking::set_operator(OPERATOR_A, false);
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::NotActiveOperator
			);
		});
	}

	#[test]
	fn rejects_operators_that_already_have_an_opt_in() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::AlreadyOptedIn
			);
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::OperatorOptingOut
			);
			// Also after the delay, until the opt-out is finalised.
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::OperatorOptingOut
			);
			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));

			let mut config = default_config();
			config.requires_approval = true;
			let gated = register(OWNER, config);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), gated));
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_B), gated),
				Error::<Test>::OptInPending
			);
		});
	}

	#[test]
	fn rejects_too_many_operators() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			for operator in 20..20 + u64::from(MAX_OPERATORS) {
				MockRestaking::set_operator(operator, true);
				assert_ok!(AvsRegistry::opt_in(signed(operator), avs));
			}
			assert_noop!(
				AvsRegistry::opt_in(signed(OPERATOR_A), avs),
				Error::<Test>::TooManyOperators
			);
		});
	}

	#[test]
	fn rejects_too_many_avss() {
		ExtBuilder::default().build_and_execute(|| {
			for _ in 0..MAX_AVS_PER_OPERATOR {
				let avs = register(OWNER, default_config());
				assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			}
			let avs = register(OWNER, default_config());
			assert_noop!(AvsRegistry::opt_in(signed(OPERATOR_A), avs), Error::<Test>::TooManyAvss);
		});
	}
}

mod approve_and_reject {
	use super::*;

	#[test]
	fn approve_opts_the_operator_in() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = gated_avs_with_pending_operator();
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			System::assert_last_event(Event::OperatorOptedIn { avs, operator: OPERATOR_A }.into());
			assert_eq!(OptIns::<Test>::get(avs, OPERATOR_A), Some(OptInStatus::OptedIn));
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
		});
	}

	#[test]
	fn approve_rejects_bad_inputs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = gated_avs_with_pending_operator();
			assert_noop!(
				AvsRegistry::approve_operator(signed(OWNER), avs + 1, OPERATOR_A),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::approve_operator(signed(OTHER_OWNER), avs, OPERATOR_A),
				Error::<Test>::NotAvsOwner
			);
			assert_noop!(
				AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_B),
				Error::<Test>::OptInNotFound
			);
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			assert_noop!(
				AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A),
				Error::<Test>::NotPending
			);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_noop!(
				AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_B),
				Error::<Test>::AvsNotActive
			);
		});
	}

	#[test]
	fn reject_removes_the_opt_in() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = gated_avs_with_pending_operator();
			assert_ok!(AvsRegistry::reject_operator(signed(OWNER), avs, OPERATOR_A));
			System::assert_last_event(Event::OptInRejected { avs, operator: OPERATOR_A }.into());
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert!(AvsOperators::<Test>::get(avs).is_empty());
			assert!(OperatorAvs::<Test>::get(OPERATOR_A).is_empty());
			// The operator can ask again.
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
		});
	}

	#[test]
	fn reject_rejects_bad_inputs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = gated_avs_with_pending_operator();
			assert_noop!(
				AvsRegistry::reject_operator(signed(OWNER), avs + 1, OPERATOR_A),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::reject_operator(signed(OTHER_OWNER), avs, OPERATOR_A),
				Error::<Test>::NotAvsOwner
			);
			assert_noop!(
				AvsRegistry::reject_operator(signed(OWNER), avs, OPERATOR_B),
				Error::<Test>::OptInNotFound
			);
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			assert_noop!(
				AvsRegistry::reject_operator(signed(OWNER), avs, OPERATOR_A),
				Error::<Test>::NotPending
			);
		});
	}
}

mod opt_out {
	use super::*;

	#[test]
	fn operator_stays_slashable_for_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(40));
			let now = System::block_number();
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			let until = now + OPT_OUT_DELAY;
			System::assert_last_event(
				Event::OperatorOptingOut { avs, operator: OPERATOR_A, until }.into(),
			);
			assert_eq!(
				OptIns::<Test>::get(avs, OPERATOR_A),
				Some(OptInStatus::OptingOut { until })
			);
			// Slashable, but no longer earning and no longer counted as opted in.
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(40))]);
			assert!(active(avs, OPERATOR_A).is_empty());
			assert!(AvsRegistry::opted_in_operators(avs).is_empty());
			// Allocations are frozen.
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)),
				Error::<Test>::OperatorOptingOut
			);
			run_to_block(until - 1);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			run_to_block(until);
			assert!(!AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert!(slashable(avs, OPERATOR_A).is_empty());
		});
	}

	#[test]
	fn withdraws_a_pending_opt_in_at_once() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.requires_approval = true;
			let avs = register(OWNER, config);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			System::assert_last_event(Event::OptInCancelled { avs, operator: OPERATOR_A }.into());
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert!(AvsOperators::<Test>::get(avs).is_empty());
			assert!(OperatorAvs::<Test>::get(OPERATOR_A).is_empty());
		});
	}

	#[test]
	fn rejects_bad_inputs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::opt_out(signed(OPERATOR_A), avs + 1),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::opt_out(signed(OPERATOR_B), avs),
				Error::<Test>::OptInNotFound
			);
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			assert_noop!(
				AvsRegistry::opt_out(signed(OPERATOR_A), avs),
				Error::<Test>::OperatorOptingOut
			);
		});
	}

	#[test]
	fn works_while_the_avs_deregisters() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
			assert_ok!(AvsRegistry::finalize_deregistration(signed(NOBODY), avs));
			System::assert_last_event(
				Event::AvsRemoved { avs, operators: 0, deposit_released: AVS_DEPOSIT }.into(),
			);
		});
	}
}

mod finalize_opt_out {
	use super::*;

	#[test]
	fn removes_the_operator_and_its_allocations() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(40));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_1, percent(10)));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_ok!(AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A));
			System::assert_last_event(Event::OperatorOptedOut { avs, operator: OPERATOR_A }.into());
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert!(Allocations::<Test>::get(avs, OPERATOR_A).is_empty());
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 0);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_1, OPERATOR_A), 0);
			assert_eq!(VaultAllocationCount::<Test>::get(avs, VAULT_0), 0);
			assert_eq!(AvsOperators::<Test>::get(avs).into_inner(), vec![OPERATOR_B]);
			assert!(OperatorAvs::<Test>::get(OPERATOR_A).is_empty());
		});
	}

	#[test]
	fn rejects_bad_inputs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_B),
				Error::<Test>::OptInNotFound
			);
			assert_noop!(
				AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A),
				Error::<Test>::NotOptingOut
			);
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			run_to_block(System::block_number() + OPT_OUT_DELAY - 1);
			assert_noop!(
				AvsRegistry::finalize_opt_out(signed(NOBODY), avs, OPERATOR_A),
				Error::<Test>::OptOutNotDue
			);
		});
	}
}
