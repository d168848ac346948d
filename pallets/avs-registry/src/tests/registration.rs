//! Registering, updating, deregistering and removing AVSs: [`crate::Pallet::register_avs`],
//! [`crate::Pallet::update_avs`], [`crate::Pallet::deregister_avs`] and
//! [`crate::Pallet::finalize_deregistration`].

use super::*;

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
			System::assert_has_event(Event::AvsUpdated { avs }.into());
			// The riskier rules (cap, destination, resolver, opt-out delay) wait; see
			// `rule_changes`. The rest is in force at once.
			let stored = Avss::<Test>::get(avs).unwrap().config;
			assert_eq!(stored.metadata, config.metadata);
			assert_eq!(stored.accepted_vaults, config.accepted_vaults);
			assert_eq!(stored.min_operator_stake, 10);
			assert_eq!(stored.reward_assets, config.reward_assets);
			assert!(stored.requires_approval);
			assert_eq!(stored.slashing, default_config().slashing);
			let effective_at = crate::ScheduledRuleChanges::<Test>::get(avs).unwrap().effective_at;
			run_to_block(effective_at);
			assert_eq!(AvsRegistry::live_avs(avs).unwrap().config, config);
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
			// A shorter veto window puts more at risk: it waits for its block.
			let effective_at = crate::ScheduledRuleChanges::<Test>::get(avs).unwrap().effective_at;
			run_to_block(effective_at);
			// Now the window in force is 2: a delay of 8 is fine.
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
