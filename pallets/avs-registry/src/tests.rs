//! Unit tests: every call's success and error paths, the lazy allocation rules and the
//! `AvsInspect` view. Every test runs through `ExtBuilder::build_and_execute`, which checks
//! `try_state` at the end.

use crate::{
	mock::*,
	traits::AvsInspect,
	types::{AvsId, SlashDestination, VaultId},
	Allocations, AvsOperators, AvsStatus, Avss, Error, Event, HoldReason, NextAvsId, OperatorAvs,
	OptInStatus, OptIns, PendingIncrease, PoolAllocationTotal, SlashableDecrease, VaultAllocation,
	VaultAllocationCount,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, tokens::fungible::NativeOrWithId, Hooks},
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill, TokenError};

fn percent(value: u32) -> Perbill {
	Perbill::from_percent(value)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AvsRegistration.into(), &who)
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// `OPERATOR_A` opted in to a fresh default AVS with `fraction` of vault 0 in force.
fn allocated_avs(fraction: Perbill) -> AvsId {
	let avs = avs_with_operator();
	assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, fraction));
	run_to_block(System::block_number() + ALLOCATION_DELAY);
	avs
}

fn record(avs: AvsId, operator: AccountId, vault: VaultId) -> Option<VaultAllocation<u64>> {
	Allocations::<Test>::get(avs, operator)
		.into_iter()
		.find(|record| record.vault == vault)
}

fn slashable(avs: AvsId, operator: AccountId) -> Vec<(VaultId, Perbill)> {
	AvsRegistry::slashable_allocations(avs, &operator).into_inner()
}

fn active(avs: AvsId, operator: AccountId) -> Vec<(VaultId, Perbill)> {
	AvsRegistry::active_allocations(avs, &operator).into_inner()
}

mod register_avs {
	use super::*;

	#[test]
	fn registers_and_holds_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(AvsRegistry::register_avs(signed(OWNER), default_config()));
			System::assert_last_event(
				Event::AvsRegistered { avs: 0, owner: OWNER, deposit: AVS_DEPOSIT }.into(),
			);
			let info = Avss::<Test>::get(0).unwrap();
			assert_eq!(info.owner, OWNER);
			assert_eq!(info.config, default_config());
			assert_eq!(info.status, AvsStatus::Active);
			assert_eq!(info.deposit, AVS_DEPOSIT);
			assert_eq!(held(OWNER), AVS_DEPOSIT);
			assert_eq!(NextAvsId::<Test>::get(), 1);

			assert_eq!(register(OTHER_OWNER, default_config()), 1);
			assert_eq!(NextAvsId::<Test>::get(), 2);
		});
	}

	#[test]
	fn accepts_boundary_values() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.slashing.veto_window = MIN_VETO_WINDOW;
			config.opt_out_delay = MAX_OPT_OUT_DELAY;
			config.accepted_vaults = BoundedVec::new();
			config.reward_assets = BoundedVec::new();
			register(OWNER, config);
			let mut config = default_config();
			config.slashing.veto_window = MAX_VETO_WINDOW;
			config.opt_out_delay = MAX_VETO_WINDOW + 1;
			register(OWNER, config);
			assert_eq!(held(OWNER), 2 * AVS_DEPOSIT);
		});
	}

	#[test]
	fn rejects_unsigned_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				AvsRegistry::register_avs(RuntimeOrigin::none(), default_config()),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn rejects_veto_window_out_of_bounds() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.slashing.veto_window = MIN_VETO_WINDOW - 1;
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config.clone()),
				Error::<Test>::VetoWindowTooShort
			);
			config.slashing.veto_window = MAX_VETO_WINDOW + 1;
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config),
				Error::<Test>::VetoWindowTooLong
			);
		});
	}

	#[test]
	fn rejects_opt_out_delay_out_of_bounds() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.opt_out_delay = MIN_OPT_OUT_DELAY - 1;
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config.clone()),
				Error::<Test>::OptOutDelayTooShort
			);
			config.opt_out_delay = MAX_OPT_OUT_DELAY + 1;
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config),
				Error::<Test>::OptOutDelayTooLong
			);
		});
	}

	#[test]
	fn rejects_opt_out_delay_not_above_veto_window() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.slashing.veto_window = MAX_VETO_WINDOW;
			config.opt_out_delay = MAX_VETO_WINDOW;
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config.clone()),
				Error::<Test>::OptOutDelayNotAboveVetoWindow
			);
			config.opt_out_delay = MAX_VETO_WINDOW + 1;
			assert_ok!(AvsRegistry::register_avs(signed(OWNER), config));
		});
	}

	#[test]
	fn rejects_unknown_and_duplicate_vaults() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.accepted_vaults = BoundedVec::truncate_from(vec![VAULT_0, MISSING_VAULT]);
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config.clone()),
				Error::<Test>::VaultNotFound
			);
			config.accepted_vaults = BoundedVec::truncate_from(vec![VAULT_0, VAULT_1, VAULT_0]);
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config),
				Error::<Test>::DuplicateVault
			);
		});
	}

	#[test]
	fn rejects_duplicate_reward_assets() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.reward_assets =
				BoundedVec::truncate_from(vec![NativeOrWithId::Native, NativeOrWithId::Native]);
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), config),
				Error::<Test>::DuplicateRewardAsset
			);
		});
	}

	#[test]
	fn rejects_id_overflow() {
		ExtBuilder::default().build_and_execute(|| {
			NextAvsId::<Test>::put(AvsId::MAX);
			assert_noop!(
				AvsRegistry::register_avs(signed(OWNER), default_config()),
				Error::<Test>::AvsIdOverflow
			);
		});
	}

	#[test]
	fn rejects_owner_without_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				AvsRegistry::register_avs(signed(NOBODY), default_config()),
				TokenError::FundsUnavailable
			);
		});
	}
}

mod update_avs {
	use super::*;

	#[test]
	fn replaces_configuration() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			let mut config = default_config();
			config.metadata = BoundedVec::truncate_from(b"bridge".to_vec());
			config.accepted_vaults = BoundedVec::truncate_from(vec![VAULT_0, VAULT_2]);
			config.min_operator_stake = 10;
			config.slashing.max_slash = percent(50);
			config.slashing.destination = SlashDestination::Account(OWNER);
			config.slashing.resolver = None;
			config.reward_assets = BoundedVec::truncate_from(vec![NativeOrWithId::WithId(1)]);
			config.requires_approval = true;
			config.opt_out_delay = 30;
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));
			System::assert_last_event(Event::AvsUpdated { avs }.into());
			assert_eq!(Avss::<Test>::get(avs).unwrap().config, config);
			assert_eq!(held(OWNER), AVS_DEPOSIT);
		});
	}

	#[test]
	fn rejects_unknown_avs_and_other_callers() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs + 1, default_config()),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::update_avs(signed(OTHER_OWNER), avs, default_config()),
				Error::<Test>::NotAvsOwner
			);
		});
	}

	#[test]
	fn rejects_deregistering_avs() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, default_config()),
				Error::<Test>::AvsNotActive
			);
		});
	}

	#[test]
	fn validates_the_new_configuration() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			let mut config = default_config();
			config.slashing.veto_window = MAX_VETO_WINDOW + 1;
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, config),
				Error::<Test>::VetoWindowTooLong
			);
			let mut config = default_config();
			config.accepted_vaults = BoundedVec::truncate_from(vec![MISSING_VAULT]);
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, config),
				Error::<Test>::VaultNotFound
			);
		});
	}

	#[test]
	fn opt_out_delay_must_exceed_the_old_veto_window() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.slashing.veto_window = MAX_VETO_WINDOW;
			config.opt_out_delay = MAX_VETO_WINDOW + 1;
			let avs = register(OWNER, config);
			// A slash requested under the old 8-block window must stay executable against an
			// operator that opts out after the update: a delay of 8 is refused even though
			// the new window is 2.
			let mut config = default_config();
			config.slashing.veto_window = MIN_VETO_WINDOW;
			config.opt_out_delay = MAX_VETO_WINDOW;
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, config.clone()),
				Error::<Test>::OptOutDelayNotAboveVetoWindow
			);
			config.opt_out_delay = MAX_VETO_WINDOW + 1;
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));
			// Now the old window is 2: a delay of 8 is fine.
			config.opt_out_delay = MAX_VETO_WINDOW;
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config));
		});
	}

	#[test]
	fn cannot_remove_a_vault_with_allocations_until_pruned() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(10));
			let mut without_vault_0 = default_config();
			without_vault_0.accepted_vaults = BoundedVec::truncate_from(vec![VAULT_1]);
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, without_vault_0.clone()),
				Error::<Test>::VaultHasAllocations
			);
			// Deallocating keeps the record while the old fraction is slashable.
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)));
			assert_noop!(
				AvsRegistry::update_avs(signed(OWNER), avs, without_vault_0.clone()),
				Error::<Test>::VaultHasAllocations
			);
			run_to_block(System::block_number() + WITHDRAWAL_DELAY);
			assert_ok!(AvsRegistry::prune_allocation(signed(OWNER), avs, OPERATOR_A, VAULT_0));
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, without_vault_0));
			assert_eq!(VaultAllocationCount::<Test>::get(avs, VAULT_0), 0);
		});
	}
}

mod deregister_avs {
	use super::*;

	#[test]
	fn deregisters_and_keeps_operators_slashable_for_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(10));
			let now = System::block_number();
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			let until = now + OPT_OUT_DELAY;
			System::assert_last_event(Event::AvsDeregistering { avs, until }.into());
			assert_eq!(Avss::<Test>::get(avs).unwrap().status, AvsStatus::Deregistering { until });
			// No new opt-ins or allocation changes.
			assert_noop!(AvsRegistry::opt_in(signed(OPERATOR_B), avs), Error::<Test>::AvsNotActive);
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)),
				Error::<Test>::AvsNotActive
			);
			// Slashable until the delay ends, gone after it.
			run_to_block(until - 1);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(10))]);
			assert_eq!(AvsRegistry::avs_owner(avs), Some(OWNER));
			run_to_block(until);
			assert!(!AvsRegistry::is_slashable(avs, &OPERATOR_A));
			assert!(slashable(avs, OPERATOR_A).is_empty());
			assert!(active(avs, OPERATOR_A).is_empty());
			assert!(AvsRegistry::opted_in_operators(avs).is_empty());
			assert_eq!(AvsRegistry::avs_owner(avs), None);
			assert_eq!(AvsRegistry::slashing_params(avs), None);
			assert!(!AvsRegistry::accepts_reward_asset(avs, &NativeOrWithId::Native));
		});
	}

	#[test]
	fn rejects_unknown_avs_other_callers_and_second_deregistration() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_noop!(
				AvsRegistry::deregister_avs(signed(OWNER), avs + 1),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::deregister_avs(signed(OTHER_OWNER), avs),
				Error::<Test>::NotAvsOwner
			);
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_noop!(
				AvsRegistry::deregister_avs(signed(OWNER), avs),
				Error::<Test>::AvsNotActive
			);
		});
	}
}

mod finalize_deregistration {
	use super::*;

	#[test]
	fn removes_everything_and_releases_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(30));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_1, percent(5)));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_B), avs, VAULT_0, percent(7)));
			// Another AVS of operator A survives.
			let other = register(OTHER_OWNER, default_config());
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), other));
			assert_ok!(AvsRegistry::set_allocation(
				signed(OPERATOR_A),
				other,
				VAULT_0,
				percent(20)
			));

			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			run_to_block(System::block_number() + OPT_OUT_DELAY);
			assert_ok!(AvsRegistry::finalize_deregistration(signed(NOBODY), avs));
			System::assert_last_event(
				Event::AvsRemoved { avs, operators: 2, deposit_released: AVS_DEPOSIT }.into(),
			);
			assert!(Avss::<Test>::get(avs).is_none());
			assert!(AvsOperators::<Test>::get(avs).is_empty());
			assert!(OptIns::<Test>::get(avs, OPERATOR_A).is_none());
			assert!(OptIns::<Test>::get(avs, OPERATOR_B).is_none());
			assert!(Allocations::<Test>::get(avs, OPERATOR_A).is_empty());
			assert_eq!(OperatorAvs::<Test>::get(OPERATOR_A).into_inner(), vec![other]);
			assert!(OperatorAvs::<Test>::get(OPERATOR_B).is_empty());
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 200_000_000);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_B), 0);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_1, OPERATOR_A), 0);
			assert_eq!(VaultAllocationCount::<Test>::get(avs, VAULT_0), 0);
			assert_eq!(held(OWNER), 0);
			assert_eq!(Balances::free_balance(OWNER), INITIAL_BALANCE);
		});
	}

	#[test]
	fn rejects_unknown_active_and_early() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_noop!(
				AvsRegistry::finalize_deregistration(signed(NOBODY), avs + 1),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::finalize_deregistration(signed(NOBODY), avs),
				Error::<Test>::AvsNotDeregistering
			);
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			run_to_block(System::block_number() + OPT_OUT_DELAY - 1);
			assert_noop!(
				AvsRegistry::finalize_deregistration(signed(NOBODY), avs),
				Error::<Test>::DeregistrationNotDue
			);
		});
	}
}

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

	fn gated_avs_with_pending_operator() -> AvsId {
		let mut config = default_config();
		config.requires_approval = true;
		let avs = register(OWNER, config);
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
		avs
	}

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

mod set_allocation {
	use super::*;

	#[test]
	fn increase_takes_effect_after_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			let effective_at = System::block_number() + ALLOCATION_DELAY;
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(25)));
			System::assert_last_event(
				Event::AllocationIncreaseScheduled {
					avs,
					operator: OPERATOR_A,
					vault: VAULT_0,
					fraction: percent(25),
					effective_at,
				}
				.into(),
			);
			assert_eq!(
				record(avs, OPERATOR_A, VAULT_0),
				Some(VaultAllocation {
					vault: VAULT_0,
					current: percent(0),
					pending: Some(PendingIncrease { fraction: percent(25), effective_at }),
					slashable: None,
				})
			);
			// The footprint counts at once against the leverage bound.
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 250_000_000);
			assert_eq!(VaultAllocationCount::<Test>::get(avs, VAULT_0), 1);
			// Neither slashable nor earning before it is in force.
			run_to_block(effective_at - 1);
			assert!(slashable(avs, OPERATOR_A).is_empty());
			assert!(active(avs, OPERATOR_A).is_empty());
			run_to_block(effective_at);
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(25))]);
			assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(25))]);
		});
	}

	#[test]
	fn lowering_a_pending_increase_keeps_its_block_raising_restarts_it() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			let first = System::block_number() + ALLOCATION_DELAY;
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(30)));
			run_to_block(3);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(20)));
			assert_eq!(
				record(avs, OPERATOR_A, VAULT_0).unwrap().pending,
				Some(PendingIncrease { fraction: percent(20), effective_at: first })
			);
			// The footprint follows the pending value down.
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 200_000_000);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(35)));
			assert_eq!(
				record(avs, OPERATOR_A, VAULT_0).unwrap().pending,
				Some(PendingIncrease { fraction: percent(35), effective_at: 3 + ALLOCATION_DELAY })
			);
		});
	}

	#[test]
	fn decrease_is_in_force_at_once_and_old_value_stays_slashable() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(40));
			let now = System::block_number();
			let until = now + WITHDRAWAL_DELAY;
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			System::assert_last_event(
				Event::AllocationDecreased {
					avs,
					operator: OPERATOR_A,
					vault: VAULT_0,
					fraction: percent(10),
					slashable: percent(40),
					slashable_until: until,
				}
				.into(),
			);
			assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(10))]);
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(40))]);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 400_000_000);
			run_to_block(until - 1);
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(40))]);
			run_to_block(until);
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(10))]);
			// The stale footprint is written down when the record is touched.
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 400_000_000);
			assert_ok!(AvsRegistry::prune_allocation(signed(NOBODY), avs, OPERATOR_A, VAULT_0));
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 100_000_000);
		});
	}

	#[test]
	fn repeated_decreases_keep_the_largest_fraction_until_the_latest_block() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(40));
			let first_until = System::block_number() + WITHDRAWAL_DELAY;
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(30)));
			run_to_block(System::block_number() + 3);
			let second_until = System::block_number() + WITHDRAWAL_DELAY;
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(5)));
			assert!(second_until > first_until);
			assert_eq!(
				record(avs, OPERATOR_A, VAULT_0).unwrap().slashable,
				Some(SlashableDecrease { fraction: percent(40), until: second_until })
			);
			assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(5))]);
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(40))]);
		});
	}

	#[test]
	fn decrease_drops_a_pending_increase() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(20));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(50)));
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 500_000_000);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			let allocation = record(avs, OPERATOR_A, VAULT_0).unwrap();
			assert_eq!(allocation.pending, None);
			assert_eq!(allocation.slashable.unwrap().fraction, percent(20));
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 200_000_000);
		});
	}

	#[test]
	fn setting_the_fraction_in_force_cancels_a_pending_increase() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(20));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(50)));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(20)));
			System::assert_last_event(
				Event::AllocationIncreaseCancelled {
					avs,
					operator: OPERATOR_A,
					vault: VAULT_0,
					fraction: percent(20),
				}
				.into(),
			);
			assert_eq!(record(avs, OPERATOR_A, VAULT_0).unwrap().pending, None);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 200_000_000);
		});
	}

	#[test]
	fn setting_the_fraction_in_force_writes_expired_changes() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(20));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			run_to_block(System::block_number() + WITHDRAWAL_DELAY);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			System::assert_last_event(
				Event::AllocationPruned {
					avs,
					operator: OPERATOR_A,
					vault: VAULT_0,
					removed: false,
				}
				.into(),
			);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 100_000_000);
		});
	}

	#[test]
	fn leverage_bound_covers_all_avss_of_a_pool() {
		ExtBuilder::default().build_and_execute(|| {
			let first = allocated_avs(percent(100));
			let second = register(OTHER_OWNER, default_config());
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), second));
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), second, VAULT_0, percent(51)),
				Error::<Test>::TotalAllocationExceeded
			);
			assert_ok!(AvsRegistry::set_allocation(
				signed(OPERATOR_A),
				second,
				VAULT_0,
				percent(50)
			));
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 1_500_000_000);
			// Another pool of the same operator, and the same vault for another operator, are
			// separate.
			assert_ok!(AvsRegistry::set_allocation(
				signed(OPERATOR_A),
				second,
				VAULT_1,
				percent(100)
			));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), second));
			assert_ok!(AvsRegistry::set_allocation(
				signed(OPERATOR_B),
				second,
				VAULT_0,
				percent(100)
			));
			// A decrease keeps its footprint while slashable: no room is freed early.
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), first, VAULT_0, percent(0)));
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), second, VAULT_0, percent(60)),
				Error::<Test>::TotalAllocationExceeded
			);
			run_to_block(System::block_number() + WITHDRAWAL_DELAY);
			assert_ok!(AvsRegistry::prune_allocation(signed(NOBODY), first, OPERATOR_A, VAULT_0));
			assert_ok!(AvsRegistry::set_allocation(
				signed(OPERATOR_A),
				second,
				VAULT_0,
				percent(100)
			));
		});
	}

	#[test]
	fn checks_allocated_stake_against_the_minimum() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.min_operator_stake = 100;
			let avs = register(OWNER, config);
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			// 9% of 1000 = 90 < 100.
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(9)),
				Error::<Test>::AllocatedStakeBelowMinimum
			);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			// Lowering a pending increase is still an increase over the 0% in force.
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(1)),
				Error::<Test>::AllocatedStakeBelowMinimum
			);
			// Decreases are never blocked by the minimum.
			run_to_block(System::block_number() + ALLOCATION_DELAY);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(1)));
		});
	}

	#[test]
	fn increases_need_an_active_operator_and_vault_decreases_do_not() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(20));
			MockRestaking::set_operator(OPERATOR_A, false);
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(30)),
				Error::<Test>::NotActiveOperator
			);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(15)));
			MockRestaking::set_operator(OPERATOR_A, true);
			MockRestaking::set_vault_active(VAULT_0, false);
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(30)),
				Error::<Test>::VaultNotActive
			);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
		});
	}

	#[test]
	fn rejects_unknown_avs_inactive_avs_and_unaccepted_vault() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs + 1, VAULT_0, percent(1)),
				Error::<Test>::AvsNotFound
			);
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_2, percent(1)),
				Error::<Test>::VaultNotAccepted
			);
			assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(1)),
				Error::<Test>::AvsNotActive
			);
		});
	}

	#[test]
	fn rejects_operators_that_are_not_opted_in() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_B), avs, VAULT_0, percent(1)),
				Error::<Test>::OptInNotFound
			);
			// Pending and opting-out operators are covered in the opt-in and opt-out tests.
		});
	}

	#[test]
	fn rejects_unchanged_allocation() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)),
				Error::<Test>::AllocationUnchanged
			);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			run_to_block(System::block_number() + ALLOCATION_DELAY);
			// The increase is in force but not yet written: writing it counts as a change.
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)),
				Error::<Test>::AllocationUnchanged
			);
		});
	}

	#[test]
	fn decrease_of_a_vanished_vault_is_refused() {
		// The restaking pallet never deletes vaults; this covers the defensive error.
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(10));
			let mut vaults = MockVaults::get();
			let saved = vaults.remove(&VAULT_0).unwrap();
			MockVaults::set(&vaults);
			assert_noop!(
				AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(5)),
				Error::<Test>::VaultNotFound
			);
			MockRestaking::set_vault(VAULT_0, saved.0, saved.1, saved.2);
		});
	}
}

mod prune_allocation {
	use super::*;

	#[test]
	fn removes_an_empty_record() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(10));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(0)));
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(10))]);
			assert!(active(avs, OPERATOR_A).is_empty());
			run_to_block(System::block_number() + WITHDRAWAL_DELAY);
			assert_ok!(AvsRegistry::prune_allocation(signed(NOBODY), avs, OPERATOR_A, VAULT_0));
			System::assert_last_event(
				Event::AllocationPruned {
					avs,
					operator: OPERATOR_A,
					vault: VAULT_0,
					removed: true,
				}
				.into(),
			);
			assert!(Allocations::<Test>::get(avs, OPERATOR_A).is_empty());
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 0);
			assert_eq!(VaultAllocationCount::<Test>::get(avs, VAULT_0), 0);
		});
	}

	#[test]
	fn writes_an_effective_increase() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(10));
			let allocation = record(avs, OPERATOR_A, VAULT_0).unwrap();
			assert_eq!(allocation.current, percent(0));
			assert_ok!(AvsRegistry::prune_allocation(signed(NOBODY), avs, OPERATOR_A, VAULT_0));
			assert_eq!(
				record(avs, OPERATOR_A, VAULT_0),
				Some(VaultAllocation {
					vault: VAULT_0,
					current: percent(10),
					pending: None,
					slashable: None
				})
			);
			assert_eq!(PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A), 100_000_000);
		});
	}

	#[test]
	fn rejects_missing_record_and_nothing_to_prune() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			assert_noop!(
				AvsRegistry::prune_allocation(signed(NOBODY), avs, OPERATOR_A, VAULT_0),
				Error::<Test>::AllocationNotFound
			);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(10)));
			assert_noop!(
				AvsRegistry::prune_allocation(signed(NOBODY), avs, OPERATOR_A, VAULT_0),
				Error::<Test>::NothingToPrune
			);
		});
	}
}

mod inspect {
	use super::*;

	#[test]
	fn reports_owner_params_and_reward_assets() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			assert_eq!(AvsRegistry::avs_owner(avs), Some(OWNER));
			assert_eq!(AvsRegistry::avs_owner(avs + 1), None);
			assert_eq!(AvsRegistry::slashing_params(avs), Some(default_config().slashing));
			assert_eq!(AvsRegistry::slashing_params(avs + 1), None);
			assert!(AvsRegistry::accepts_reward_asset(avs, &NativeOrWithId::Native));
			assert!(!AvsRegistry::accepts_reward_asset(avs, &NativeOrWithId::WithId(1)));
			assert!(!AvsRegistry::accepts_reward_asset(avs + 1, &NativeOrWithId::Native));
		});
	}

	#[test]
	fn lists_only_opted_in_operators() {
		ExtBuilder::default().build_and_execute(|| {
			let mut config = default_config();
			config.requires_approval = true;
			let avs = register(OWNER, config);
			for operator in [OPERATOR_A, OPERATOR_B, 12] {
				MockRestaking::set_operator(operator, true);
				assert_ok!(AvsRegistry::opt_in(signed(operator), avs));
			}
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_B));
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_B), avs));
			assert_eq!(AvsRegistry::opted_in_operators(avs).into_inner(), vec![OPERATOR_A]);
			assert!(AvsRegistry::is_slashable(avs, &OPERATOR_B));
			assert!(!AvsRegistry::is_slashable(avs, &12));
			assert!(!AvsRegistry::is_slashable(avs, &NOBODY));
		});
	}

	#[test]
	fn allocations_cover_several_vaults_and_omit_zeros() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = allocated_avs(percent(30));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_1, percent(60)));
			// Vault 1 pending: slashable and active show vault 0 only.
			assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(30))]);
			assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(30))]);
			run_to_block(System::block_number() + ALLOCATION_DELAY);
			assert_eq!(
				slashable(avs, OPERATOR_A),
				vec![(VAULT_0, percent(30)), (VAULT_1, percent(60))]
			);
			assert_eq!(
				active(avs, OPERATOR_A),
				vec![(VAULT_0, percent(30)), (VAULT_1, percent(60))]
			);
			assert!(slashable(avs, OPERATOR_B).is_empty());
		});
	}
}

mod invariants {
	use super::*;

	#[test]
	fn integrity_test_passes() {
		ExtBuilder::default().build_and_execute(|| {
			<AvsRegistry as Hooks<u64>>::integrity_test();
		});
	}

	#[test]
	fn try_state_detects_a_wrong_pool_total() {
		ExtBuilder::default().build_and_execute(|| {
			allocated_avs(percent(10));
			let right = PoolAllocationTotal::<Test>::get(VAULT_0, OPERATOR_A);
			PoolAllocationTotal::<Test>::insert(VAULT_0, OPERATOR_A, right + 1);
			assert!(AvsRegistry::do_try_state().is_err());
			PoolAllocationTotal::<Test>::insert(VAULT_0, OPERATOR_A, right);
			assert_ok!(AvsRegistry::do_try_state());
		});
	}

	#[test]
	fn try_state_detects_broken_indices() {
		ExtBuilder::default().build_and_execute(|| {
			let avs = avs_with_operator();
			OperatorAvs::<Test>::remove(OPERATOR_A);
			assert!(AvsRegistry::do_try_state().is_err());
			OperatorAvs::<Test>::insert(OPERATOR_A, BoundedVec::truncate_from(vec![avs]));
			OptIns::<Test>::remove(avs, OPERATOR_A);
			assert!(AvsRegistry::do_try_state().is_err());
			OptIns::<Test>::insert(avs, OPERATOR_A, OptInStatus::OptedIn);
			assert_ok!(AvsRegistry::do_try_state());
		});
	}
}

mod queries {
	use super::*;
	use crate::{AllocationStake, OperatorAvsStake};

	#[test]
	fn operator_avs_stakes_show_pending_in_force_and_still_slashable_fractions() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(AvsRegistry::operator_avs_stakes(&OPERATOR_A).is_empty());
			let avs = avs_with_operator();
			MockRestaking::set_pool_stake(VAULT_0, OPERATOR_A, 1_000, 200);
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(50)));

			// The increase is not in force yet: nothing allocated, nothing slashable.
			let effective_at = 1 + ALLOCATION_DELAY;
			assert_eq!(
				AvsRegistry::operator_avs_stakes(&OPERATOR_A),
				vec![OperatorAvsStake::<Test> {
					avs,
					operator: OPERATOR_A,
					status: OptInStatus::OptedIn,
					slashable: true,
					allocations: vec![AllocationStake {
						vault: VAULT_0,
						in_force: Perbill::zero(),
						pending: Some(PendingIncrease { fraction: percent(50), effective_at }),
						slashable_fraction: Perbill::zero(),
						slashable_until: None,
						allocated_stake: 0,
						slashable_stake: 0,
					}],
				}]
			);

			// In force: half the active stake earns, half of active + withdrawing is at risk.
			run_to_block(effective_at);
			let allocation = &AvsRegistry::operator_avs_stakes(&OPERATOR_A)[0].allocations[0];
			assert_eq!(allocation.in_force, percent(50));
			assert_eq!(allocation.pending, None);
			assert_eq!((allocation.allocated_stake, allocation.slashable_stake), (500, 600));

			// Decreased: 20% earns, 50% stays slashable for the withdrawal delay.
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, percent(20)));
			let until = effective_at + WITHDRAWAL_DELAY;
			let allocation =
				AvsRegistry::operator_avs_stakes(&OPERATOR_A)[0].allocations[0].clone();
			assert_eq!(allocation.in_force, percent(20));
			assert_eq!(allocation.slashable_fraction, percent(50));
			assert_eq!(allocation.slashable_until, Some(until));
			assert_eq!((allocation.allocated_stake, allocation.slashable_stake), (200, 600));

			run_to_block(until);
			let allocation =
				AvsRegistry::operator_avs_stakes(&OPERATOR_A)[0].allocations[0].clone();
			assert_eq!(allocation.slashable_fraction, percent(20));
			assert_eq!(allocation.slashable_until, None);
			assert_eq!(allocation.slashable_stake, 240);
		});
	}

	#[test]
	fn avs_operator_stakes_list_pending_opted_in_and_opting_out_operators() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(AvsRegistry::avs_operator_stakes(0), None);
			let mut config = default_config();
			config.requires_approval = true;
			let avs = register(OWNER, config);
			assert_eq!(AvsRegistry::avs_operator_stakes(avs), Some(vec![]));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
			assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
			assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_B), avs));
			assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_1, percent(10)));
			run_to_block(1 + ALLOCATION_DELAY);

			let operators = AvsRegistry::avs_operator_stakes(avs).unwrap();
			assert_eq!(
				operators
					.iter()
					.map(|entry| (
						entry.operator,
						entry.status,
						entry.slashable,
						entry.allocations.len()
					))
					.collect::<Vec<_>>(),
				vec![
					(OPERATOR_A, OptInStatus::OptedIn, true, 1),
					(OPERATOR_B, OptInStatus::Pending, false, 0),
				]
			);
			assert_eq!(operators[0].allocations[0].allocated_stake, 100);

			// Opting out: still slashable until the delay ends, then not any more.
			assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
			let until = System::block_number() + OPT_OUT_DELAY;
			let entry = AvsRegistry::avs_operator_stakes(avs).unwrap()[0].clone();
			assert_eq!((entry.status, entry.slashable), (OptInStatus::OptingOut { until }, true));
			assert_eq!(entry.allocations[0].slashable_fraction, percent(10));
			run_to_block(until);
			let entry = AvsRegistry::avs_operator_stakes(avs).unwrap()[0].clone();
			assert!(!entry.slashable);
			assert_eq!(entry.allocations[0].slashable_fraction, Perbill::zero());
			assert_eq!(entry.allocations[0].slashable_stake, 0);
			// The operator's own view agrees.
			assert_eq!(AvsRegistry::operator_avs_stakes(&OPERATOR_A), vec![entry]);
		});
	}
}
