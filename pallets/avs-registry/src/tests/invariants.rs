//! `integrity_test` and the `try_state` checks themselves.

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

#[test]
fn try_state_detects_broken_opt_in_deposits() {
	use frame_support::traits::{fungible::MutateHold, tokens::Precision};
	ExtBuilder::default().build_and_execute(|| {
		let avs = avs_with_operator();
		assert_ok!(AvsRegistry::do_try_state());
		// A deposit without an opt-in (even though the funds are on hold).
		let reason = HoldReason::OptIn.into();
		assert_ok!(Balances::hold(&reason, &OPERATOR_B, OPT_IN_DEPOSIT));
		OptInDeposits::<Test>::insert(avs, OPERATOR_B, OPT_IN_DEPOSIT);
		assert!(AvsRegistry::do_try_state().is_err());
		OptInDeposits::<Test>::remove(avs, OPERATOR_B);
		assert_ok!(Balances::release(&reason, &OPERATOR_B, OPT_IN_DEPOSIT, Precision::Exact));
		assert_ok!(AvsRegistry::do_try_state());
		// A zero deposit is not recorded.
		OptInDeposits::<Test>::insert(avs, OPERATOR_A, 0);
		assert!(AvsRegistry::do_try_state().is_err());
		// More recorded than on hold.
		OptInDeposits::<Test>::insert(avs, OPERATOR_A, OPT_IN_DEPOSIT + 1);
		assert!(AvsRegistry::do_try_state().is_err());
		OptInDeposits::<Test>::insert(avs, OPERATOR_A, OPT_IN_DEPOSIT);
		assert_ok!(AvsRegistry::do_try_state());
	});
}
