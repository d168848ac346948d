//! Unit tests: submit_rewards.

use super::*;
use pallet_restaking::traits::RestakingRewards as _;

#[test]
fn submit_rewards_splits_by_allocated_active_stake() {
	ExtBuilder::build_and_execute(|| {
		let owner_before = balance(NATIVE, AVS_OWNER);
		submit(NATIVE, 9_000);
		// Weights: A = 100% × 400 + 50% × 200 = 500, B = 100% × 400 = 400, idle = 0.
		// A: 5_000 → fee 500, commission 10% of 4_500 = 450, stakers 4_050 (3_240 + 810).
		// B: 4_000 → fee 400, commission 20% of 3_600 = 720, stakers 2_880.
		System::assert_has_event(
			Event::OperatorRewarded {
				submission_id: 0,
				operator: OPERATOR_A,
				amount: 5_000,
				protocol_fee: 500,
				commission: 450,
				to_stakers: 4_050,
			}
			.into(),
		);
		System::assert_has_event(
			Event::OperatorRewarded {
				submission_id: 0,
				operator: OPERATOR_B,
				amount: 4_000,
				protocol_fee: 400,
				commission: 720,
				to_stakers: 2_880,
			}
			.into(),
		);
		System::assert_last_event(
			Event::RewardsSubmitted {
				submission_id: 0,
				avs: AVS,
				asset: NATIVE,
				amount: 9_000,
				period: RewardPeriod { start: 1, ends_at: 1 + PERIOD },
				split: SplitSummary {
					operators: 2,
					to_stakers: 6_930,
					to_commission: 1_170,
					to_treasury: 900,
					pot_endowment: 5,
				},
			}
			.into(),
		);
		// The owner paid the amount plus the pot's endowment (the native ED, 5).
		assert_eq!(balance(NATIVE, AVS_OWNER), owner_before - 9_005);
		assert_eq!(balance(NATIVE, pot()), 9_005);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_A, NATIVE), 450);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_B, NATIVE), 720);
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), 900);
		assert_eq!(OutstandingStakerRewards::<Test>::get(NATIVE), 6_930);
		assert_eq!(NextSubmissionId::<Test>::get(), 1);
		// Pending rewards in the ledger.
		use pallet_restaking::traits::RestakingRewards;
		assert_eq!(
			MockLedger::pending_rewards(&ALICE, VAULT_0, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 2_430)]
		);
		assert_eq!(
			MockLedger::pending_rewards(&BOB, VAULT_0, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 810)]
		);
		assert_eq!(
			MockLedger::pending_rewards(&BOB, VAULT_1, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 810)]
		);
		assert_eq!(
			MockLedger::pending_rewards(&CAROL, VAULT_0, &OPERATOR_B).to_vec(),
			vec![(NATIVE, 2_880)]
		);
	});
}

#[test]
fn submit_rewards_with_weights_given_by_the_avs() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			AVS,
			NATIVE,
			1_000,
			PERIOD,
			Some(vec![(OPERATOR_A, 1), (OPERATOR_B, 3)]),
		));
		// A: 250 → fee 25, commission 22 (10% of 225, rounded down), stakers 203:
		//   pool (0, A) 203 × 400 / 500 = 162, pool (1, A) 203 × 100 / 500 = 40, dust 1.
		// B: 750 → fee 75, commission 135, stakers 540.
		System::assert_has_event(
			Event::OperatorRewarded {
				submission_id: 0,
				operator: OPERATOR_A,
				amount: 250,
				protocol_fee: 25,
				commission: 22,
				to_stakers: 202,
			}
			.into(),
		);
		System::assert_last_event(
			Event::RewardsSubmitted {
				submission_id: 0,
				avs: AVS,
				asset: NATIVE,
				amount: 1_000,
				period: RewardPeriod { start: 1, ends_at: 1 + PERIOD },
				split: SplitSummary {
					operators: 2,
					to_stakers: 742,
					to_commission: 157,
					to_treasury: 101,
					pot_endowment: 5,
				},
			}
			.into(),
		);
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), 101);
	});
}

#[test]
fn rounding_dust_goes_to_the_treasury() {
	ExtBuilder::build_and_execute(|| {
		submit(NATIVE, 1_001);
		// A: 1_001 × 500 / 900 = 556 → fee 55, commission 50, stakers 451 → 360 + 90, dust 1.
		// B: 1_001 × 400 / 900 = 444 → fee 44, commission 80, stakers 320.
		// Unassigned: 1_001 − 556 − 444 = 1.
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), 55 + 1 + 44 + 1);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_A, NATIVE), 50);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_B, NATIVE), 80);
		assert_eq!(OutstandingStakerRewards::<Test>::get(NATIVE), 450 + 320);
		// Everything is accounted for: pot = endowment + owed.
		assert_eq!(balance(NATIVE, pot()), 5 + 1_001);
	});
}

#[test]
fn share_of_an_operator_without_stake_goes_to_the_treasury() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			AVS,
			NATIVE,
			1_000,
			PERIOD,
			Some(vec![(OPERATOR_IDLE, 1), (OPERATOR_B, 1)]),
		));
		// The idle operator's 500 goes to the treasury; B: fee 50, commission 90, stakers 360.
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), 500 + 50);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_IDLE, NATIVE), 0);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR_B, NATIVE), 90);
		assert_eq!(OutstandingStakerRewards::<Test>::get(NATIVE), 360);
	});
}

#[test]
fn pot_endowment_is_paid_once_per_asset() {
	ExtBuilder::build_and_execute(|| {
		let owner_before = balance(STETH_ASSET, AVS_OWNER);
		submit(STETH_ASSET, 900);
		// stETH's minimum balance is 3.
		assert_eq!(balance(STETH_ASSET, AVS_OWNER), owner_before - 903);
		submit(STETH_ASSET, 900);
		assert_eq!(balance(STETH_ASSET, AVS_OWNER), owner_before - 1_803);
		assert_eq!(balance(STETH_ASSET, pot()), 1_803);
	});
}

#[test]
fn submit_rewards_fails_for_unknown_avs() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::signed(AVS_OWNER), 9, NATIVE, 100, PERIOD, None),
			Error::<Test>::AvsNotFound
		);
	});
}

#[test]
fn submit_rewards_fails_for_non_owner() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::signed(ANYONE), AVS, NATIVE, 100, PERIOD, None),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::root(), AVS, NATIVE, 100, PERIOD, None),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn submit_rewards_fails_for_zero_amount() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::signed(AVS_OWNER), AVS, NATIVE, 0, PERIOD, None),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn submit_rewards_fails_for_an_asset_the_avs_does_not_accept() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NativeOrWithId::WithId(OTHER_ASSET),
				100,
				PERIOD,
				None
			),
			Error::<Test>::AssetNotAccepted
		);
	});
}

#[test]
fn submit_rewards_fails_for_bad_operator_weights() {
	ExtBuilder::build_and_execute(|| {
		let submit_weights = |weights: Vec<(AccountId, u32)>| {
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NATIVE,
				100,
				PERIOD,
				Some(weights),
			)
		};
		assert_noop!(
			submit_weights(vec![(OPERATOR_A, 1); 5]),
			Error::<Test>::TooManyOperatorWeights
		);
		assert_noop!(
			submit_weights(vec![(OPERATOR_A, 1), (OPERATOR_OUTSIDE, 1)]),
			Error::<Test>::OperatorNotOptedIn
		);
		assert_noop!(
			submit_weights(vec![(OPERATOR_A, 1), (OPERATOR_A, 1)]),
			Error::<Test>::DuplicateOperator
		);
		assert_noop!(
			submit_weights(vec![(OPERATOR_A, 0), (OPERATOR_B, 0)]),
			Error::<Test>::NoRewardWeight
		);
		assert_noop!(submit_weights(vec![]), Error::<Test>::NoRewardWeight);
	});
}

#[test]
fn submit_rewards_fails_without_active_allocated_stake() {
	ExtBuilder::build_and_execute(|| {
		// AVS 2 has only the idle operator.
		register_rewarding_avs(2, AVS_OWNER, vec![NATIVE]);
		opt_in(2, OPERATOR_IDLE, vec![]);
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::signed(AVS_OWNER), 2, NATIVE, 100, PERIOD, None),
			Error::<Test>::NoRewardWeight
		);
		// An allocation to a pool whose stake is all queued for withdrawal has no weight either.
		opt_in(2, OPERATOR_B, vec![(VAULT_0, Perbill::one())]);
		queue_withdrawal(CAROL, VAULT_0, OPERATOR_B, 400);
		assert_noop!(
			Rewards::submit_rewards(RuntimeOrigin::signed(AVS_OWNER), 2, NATIVE, 100, PERIOD, None),
			Error::<Test>::NoRewardWeight
		);
	});
}

#[test]
fn submit_rewards_fails_when_the_owner_cannot_pay() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NATIVE,
				2_000_000,
				PERIOD,
				None
			),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn submit_rewards_fails_when_amount_plus_endowment_overflows() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NATIVE,
				Balance::MAX,
				PERIOD,
				None
			),
			Error::<Test>::AmountOverflow
		);
	});
}

#[test]
fn submit_rewards_fails_when_the_submission_id_overflows() {
	ExtBuilder::build_and_execute(|| {
		NextSubmissionId::<Test>::put(u64::MAX);
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NATIVE,
				100,
				PERIOD,
				None
			),
			Error::<Test>::SubmissionIdOverflow
		);
	});
}

#[test]
fn nobody_can_fill_a_pools_reward_asset_list() {
	ExtBuilder::build_and_execute(|| {
		// The AVS accepts a third asset, but only root's reward assets can be paid: the pools'
		// lists (two assets in the mock) never hold anything else.
		set_reward_assets(AVS, vec![NATIVE, STETH_ASSET, NativeOrWithId::WithId(OTHER_ASSET)]);
		submit(NATIVE, 900);
		submit(STETH_ASSET, 900);
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NativeOrWithId::WithId(OTHER_ASSET),
				900,
				PERIOD,
				None
			),
			Error::<Test>::AssetNotApproved
		);
		// Root cannot add a third asset either: every slot is taken.
		assert_noop!(
			Rewards::set_reward_asset(
				RuntimeOrigin::root(),
				NativeOrWithId::WithId(OTHER_ASSET),
				true
			),
			Error::<Test>::TooManyRewardAssets
		);
	});
}

#[test]
fn root_enables_and_disables_reward_assets() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Rewards::set_reward_asset(RuntimeOrigin::signed(AVS_OWNER), STETH_ASSET, false),
			DispatchError::BadOrigin
		);
		assert_ok!(Rewards::set_reward_asset(RuntimeOrigin::root(), STETH_ASSET, false));
		System::assert_last_event(
			Event::RewardAssetSet { asset: STETH_ASSET, status: RewardAssetStatus::Disabled }
				.into(),
		);
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				STETH_ASSET,
				900,
				PERIOD,
				None
			),
			Error::<Test>::AssetNotApproved
		);
		// A disabled asset keeps its slot.
		assert_eq!(RewardAssets::<Test>::count(), 2);
		assert_noop!(
			Rewards::set_reward_asset(
				RuntimeOrigin::root(),
				NativeOrWithId::WithId(OTHER_ASSET),
				true
			),
			Error::<Test>::TooManyRewardAssets
		);
		assert_ok!(Rewards::set_reward_asset(RuntimeOrigin::root(), STETH_ASSET, true));
		submit(STETH_ASSET, 900);
	});
}

#[test]
fn the_period_is_bounded_below_and_by_the_slashable_tail() {
	ExtBuilder::build_and_execute(|| {
		let submit_for = |duration: BlockNumber| {
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				AVS,
				NATIVE,
				900,
				duration,
				None,
			)
		};
		assert_noop!(submit_for(PERIOD - 1), Error::<Test>::PeriodTooShort);
		assert_noop!(submit_for(0), Error::<Test>::PeriodTooShort);
		// The mock's vaults have a withdrawal delay of 10 and the AVS an opt-out delay of 20:
		// stake leaving vault 0 or 1 during a longer period would not be slashable for all of it.
		assert_noop!(submit_for(11), Error::<Test>::PeriodTooLong);
		assert_ok!(submit_for(10));
	});
}

#[test]
fn a_pool_is_paid_at_a_rate_over_the_period() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			AVS,
			NATIVE,
			9_000,
			PERIOD,
			None
		));
		// Pool (0, A) gets 3_240 (see above) for Alice (300) and Bob (100), ten blocks long.
		assert!(MockLedger::pending_rewards(&ALICE, VAULT_0, &OPERATOR_A).is_empty());
		System::set_block_number(1 + PERIOD / 2);
		assert_eq!(
			MockLedger::pending_rewards(&ALICE, VAULT_0, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 1_215)]
		);
		assert_eq!(
			MockLedger::streaming_rewards(&ALICE, VAULT_0, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 1_215, 1 + PERIOD)]
		);
		System::set_block_number(1 + PERIOD);
		assert_eq!(
			MockLedger::pending_rewards(&ALICE, VAULT_0, &OPERATOR_A).to_vec(),
			vec![(NATIVE, 2_430)]
		);
		assert!(MockLedger::streaming_rewards(&ALICE, VAULT_0, &OPERATOR_A).is_empty());
	});
}

#[test]
fn what_an_emptied_pool_releases_returns_to_the_treasury() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			AVS,
			NATIVE,
			9_000,
			PERIOD,
			None
		));
		// Carol, alone in pool (0, B), leaves after 4 of the 10 blocks of its 2_880.
		System::set_block_number(5);
		queue_withdrawal(CAROL, VAULT_0, OPERATOR_B, 400);
		assert_noop!(
			Rewards::return_undistributed(RuntimeOrigin::signed(ANYONE), VAULT_0, OPERATOR_B),
			Error::<Test>::NothingUndistributed
		);
		pass_period();
		let fees_before = AccruedProtocolFees::<Test>::get(NATIVE);
		let outstanding_before = OutstandingStakerRewards::<Test>::get(NATIVE);
		assert_ok!(Rewards::return_undistributed(
			RuntimeOrigin::signed(ANYONE),
			VAULT_0,
			OPERATOR_B
		));
		System::assert_last_event(
			Event::UndistributedReturned {
				vault: VAULT_0,
				operator: OPERATOR_B,
				asset: NATIVE,
				amount: 1_728,
			}
			.into(),
		);
		assert_eq!(AccruedProtocolFees::<Test>::get(NATIVE), fees_before + 1_728);
		assert_eq!(OutstandingStakerRewards::<Test>::get(NATIVE), outstanding_before - 1_728);
		assert_eq!(
			MockLedger::pending_rewards(&CAROL, VAULT_0, &OPERATOR_B).to_vec(),
			vec![(NATIVE, 1_152)]
		);
		assert_noop!(
			Rewards::return_undistributed(RuntimeOrigin::signed(ANYONE), VAULT_0, OPERATOR_B),
			Error::<Test>::NothingUndistributed
		);
	});
}
