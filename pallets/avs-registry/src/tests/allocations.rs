//! The lazy allocation rules: [`crate::Pallet::set_allocation`] (delayed increases,
//! decreases that stay slashable, the leverage bound) and
//! [`crate::Pallet::prune_allocation`].

use super::*;

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
