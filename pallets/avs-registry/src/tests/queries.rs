//! The read-only queries behind the runtime API ([`crate::Pallet::operator_avs_stakes`],
//! [`crate::Pallet::avs_operator_stakes`]).

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
		let allocation = AvsRegistry::operator_avs_stakes(&OPERATOR_A)[0].allocations[0].clone();
		assert_eq!(allocation.in_force, percent(20));
		assert_eq!(allocation.slashable_fraction, percent(50));
		assert_eq!(allocation.slashable_until, Some(until));
		assert_eq!((allocation.allocated_stake, allocation.slashable_stake), (200, 600));

		run_to_block(until);
		let allocation = AvsRegistry::operator_avs_stakes(&OPERATOR_A)[0].allocations[0].clone();
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
