//! Unit tests: claims.

use super::*;

#[test]
fn stakers_claim_everything_in_one_call() {
	ExtBuilder::build_and_execute(|| {
		submit(NATIVE, 9_000);
		submit(STETH_ASSET, 900);
		// stETH: A 500 → fee 50, commission 45, stakers 405 (324 + 81); B 400 → fee 40,
		// commission 72, stakers 288.
		let alice_native = balance(NATIVE, ALICE);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		assert_eq!(balance(NATIVE, ALICE), alice_native + 2_430);
		assert_eq!(balance(STETH_ASSET, ALICE), 243);
		System::assert_has_event(
			Event::RewardsClaimed { staker: ALICE, asset: NATIVE, amount: 2_430 }.into(),
		);
		System::assert_has_event(
			Event::RewardsClaimed { staker: ALICE, asset: STETH_ASSET, amount: 243 }.into(),
		);

		// Bob: two pools, two assets, one call.
		let bob_native = balance(NATIVE, BOB);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(balance(NATIVE, BOB), bob_native + 810 + 810);
		assert_eq!(balance(STETH_ASSET, BOB), 81 + 81);

		let carol_native = balance(NATIVE, CAROL);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(CAROL)));
		assert_eq!(balance(NATIVE, CAROL), carol_native + 2_880);
		assert_eq!(balance(STETH_ASSET, CAROL), 288);

		// Nothing more to claim.
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		assert!(!OutstandingStakerRewards::<Test>::contains_key(NATIVE));
		assert!(!OutstandingStakerRewards::<Test>::contains_key(STETH_ASSET));
		// The pot keeps exactly its endowment plus commission and fees.
		assert_eq!(balance(NATIVE, pot()), 5 + 450 + 720 + 900);
		assert_eq!(balance(STETH_ASSET, pot()), 3 + 45 + 72 + 90);
	});
}

#[test]
fn claim_rewards_from_one_pool() {
	ExtBuilder::build_and_execute(|| {
		submit(NATIVE, 9_000);
		let bob_native = balance(NATIVE, BOB);
		assert_ok!(Rewards::claim_rewards_from(RuntimeOrigin::signed(BOB), VAULT_1, OPERATOR_A));
		assert_eq!(balance(NATIVE, BOB), bob_native + 810);
		System::assert_last_event(
			Event::RewardsClaimed { staker: BOB, asset: NATIVE, amount: 810 }.into(),
		);
		assert_noop!(
			Rewards::claim_rewards_from(RuntimeOrigin::signed(BOB), VAULT_1, OPERATOR_A),
			Error::<Test>::NothingToClaim
		);
		// The other pool is still pending.
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(balance(NATIVE, BOB), bob_native + 1_620);
	});
}

#[test]
fn claims_fail_with_nothing_to_claim() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(ANYONE)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Rewards::claim_rewards_from(RuntimeOrigin::signed(ALICE), VAULT_0, OPERATOR_A),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(Rewards::claim_rewards(RuntimeOrigin::root()), DispatchError::BadOrigin);
	});
}

#[test]
fn a_deposit_after_a_reward_earns_none_of_it() {
	ExtBuilder::build_and_execute(|| {
		submit(NATIVE, 9_000);
		const DAVE: AccountId = 33;
		deposit(DAVE, VAULT_0, OPERATOR_A, 400);
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::NothingToClaim
		);
		let alice_native = balance(NATIVE, ALICE);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		assert_eq!(balance(NATIVE, ALICE), alice_native + 2_430);
		// The next reward is shared with Dave: A's pool 0 now has 800 active.
		submit(NATIVE, 1_300);
		// Weights: A = 800 + 100 = 900, B = 400; A gets 900, fee 90, commission 81, stakers 729:
		// pool (0, A) 729 × 800 / 900 = 648 → Dave 400/800 = 324.
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(DAVE)));
		assert_eq!(balance(NATIVE, DAVE), 324);
	});
}

#[test]
fn queued_withdrawals_earn_nothing() {
	ExtBuilder::build_and_execute(|| {
		// Alice queues her whole position in pool (0, A) before the reward.
		queue_withdrawal(ALICE, VAULT_0, OPERATOR_A, 300);
		submit(NATIVE, 6_000);
		// Weights: A = 100 + 100 = 200, B = 400. A: 2_000 → fee 200, commission 180,
		// stakers 1_620 → pool (0, A) 810 (Bob alone), pool (1, A) 810.
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		let bob_native = balance(NATIVE, BOB);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(balance(NATIVE, BOB), bob_native + 1_620);
	});
}

#[test]
fn operators_claim_commission() {
	ExtBuilder::build_and_execute(|| {
		submit(NATIVE, 9_000);
		let before = balance(NATIVE, OPERATOR_A);
		assert_ok!(Rewards::claim_commission(RuntimeOrigin::signed(OPERATOR_A), NATIVE));
		assert_eq!(balance(NATIVE, OPERATOR_A), before + 450);
		System::assert_last_event(
			Event::CommissionClaimed { operator: OPERATOR_A, asset: NATIVE, amount: 450 }.into(),
		);
		assert!(!OperatorCommission::<Test>::contains_key(OPERATOR_A, NATIVE));
		assert_noop!(
			Rewards::claim_commission(RuntimeOrigin::signed(OPERATOR_A), NATIVE),
			Error::<Test>::NoCommission
		);
		assert_noop!(
			Rewards::claim_commission(RuntimeOrigin::signed(OPERATOR_B), STETH_ASSET),
			Error::<Test>::NoCommission
		);
		assert_noop!(
			Rewards::claim_commission(RuntimeOrigin::root(), NATIVE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn protocol_fees_go_to_the_treasury() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::transfer_protocol_fees(RuntimeOrigin::signed(ANYONE), NATIVE),
			Error::<Test>::NoProtocolFees
		);
		submit(NATIVE, 9_000);
		assert_ok!(Rewards::transfer_protocol_fees(RuntimeOrigin::signed(ANYONE), NATIVE));
		assert_eq!(balance(NATIVE, Treasury::get()), 900);
		System::assert_last_event(
			Event::ProtocolFeesTransferred { asset: NATIVE, amount: 900 }.into(),
		);
		assert_noop!(
			Rewards::transfer_protocol_fees(RuntimeOrigin::signed(ANYONE), NATIVE),
			Error::<Test>::NoProtocolFees
		);
	});
}

#[test]
fn root_sets_the_protocol_fee() {
	ExtBuilder::build_and_execute(|| {
		assert_eq!(ProtocolFee::<Test>::get(), Perbill::from_percent(10));
		assert_ok!(Rewards::set_protocol_fee(RuntimeOrigin::root(), Perbill::from_percent(30)));
		System::assert_last_event(Event::ProtocolFeeSet { fee: Perbill::from_percent(30) }.into());
		assert_eq!(ProtocolFee::<Test>::get(), Perbill::from_percent(30));
		assert_noop!(
			Rewards::set_protocol_fee(RuntimeOrigin::root(), Perbill::from_percent(31)),
			Error::<Test>::ProtocolFeeTooHigh
		);
		assert_noop!(
			Rewards::set_protocol_fee(RuntimeOrigin::signed(AVS_OWNER), Perbill::zero()),
			DispatchError::BadOrigin
		);
		// With a zero fee, nothing accrues to the treasury except dust.
		assert_ok!(Rewards::set_protocol_fee(RuntimeOrigin::root(), Perbill::zero()));
		submit(NATIVE, 9_000);
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), 0);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_A, NATIVE), 500);
	});
}

#[test]
fn try_state_detects_a_pot_shortfall() {
	ExtBuilder::build().execute_with(|| {
		submit(NATIVE, 9_000);
		assert!(Rewards::do_try_state().is_ok());
		OperatorCommission::<Test>::insert(OPERATOR_A, NATIVE, 10_000);
		assert!(Rewards::do_try_state().is_err());
	});
}
