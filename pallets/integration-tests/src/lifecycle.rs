//! Full lifecycle against the real `pallet-restaking`, `pallet-avs-registry` and
//! `pallet-slashing` (mock runtime in `mock.rs`): deposit → opt-in → allocate →
//! reward → claim → slash → withdraw, with exact balances, commission and protocol fee.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::NativeOrWithId};
use pallet_avs_registry::traits::AvsInspect;
use pallet_restaking::traits::RestakingInspect;
use pallet_rewards::{Error, Event, OperatorCommission};
use sp_core::H256;
use sp_runtime::Perbill;

const ALICE: AccountId = 20;
const BOB: AccountId = 21;
const CAROL: AccountId = 22;
const NATIVE: AssetKind = NativeOrWithId::Native;

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

#[test]
fn full_lifecycle_with_exact_balances() {
	new_test_ext(0).execute_with(|| {
		for who in [ALICE, BOB, CAROL] {
			assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), who, INITIAL_BALANCE));
		}
		let pot = Rewards::pot_account();
		let treasury = TreasuryAccount::get();

		// Operator (10% commission), native vault, AVS with the operator opted in and 50% of
		// the pool allocated (in force after the allocation delay).
		let avs = setup_slashable_pool(0, 0, 0, Perbill::from_percent(50));

		// Deposits: Alice 3_000, Bob 1_000.
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR, 3_000));
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR, 1_000));
		assert_eq!(free(ALICE), INITIAL_BALANCE - 3_000);

		// Reward 10_000 over REWARD_PERIOD blocks: the only operator gets it all. Protocol fee
		// 10% = 1_000, commission 10% of 9_000 = 900, stakers 8_100 streamed to the pool → Alice
		// 6_075, Bob 2_025 once the period is over. The owner also pays the pot's endowment
		// (ED = 5) once.
		let owner_before = free(AVS_OWNER);
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			NATIVE,
			10_000,
			REWARD_PERIOD,
			None,
		));
		assert_eq!(free(AVS_OWNER), owner_before - 10_005);
		assert_eq!(free(pot), 10_005);
		System::assert_has_event(
			Event::OperatorRewarded {
				submission_id: 0,
				operator: OPERATOR,
				amount: 10_000,
				protocol_fee: 1_000,
				commission: 900,
				to_stakers: 8_100,
			}
			.into(),
		);

		// Nothing is released in the submission's block; half of it half-way.
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		let submitted_at = System::block_number();
		run_to_block(submitted_at + REWARD_PERIOD / 2);
		assert_eq!(Rewards::claimable_rewards(&ALICE).total, vec![(NATIVE, 3_037)],);
		run_to_block(submitted_at + REWARD_PERIOD);

		// A deposit after the period earns none of it.
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(CAROL), NATIVE_VAULT, OPERATOR, 1_000));
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(CAROL)),
			Error::<Test>::NothingToClaim
		);

		// Claims.
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(free(ALICE), INITIAL_BALANCE - 3_000 + 6_075);
		assert_eq!(free(BOB), INITIAL_BALANCE - 1_000 + 2_025);
		let operator_before = free(OPERATOR);
		assert_ok!(Rewards::claim_commission(RuntimeOrigin::signed(OPERATOR), NATIVE));
		assert_eq!(free(OPERATOR), operator_before + 900);
		assert_ok!(Rewards::transfer_protocol_fees(RuntimeOrigin::signed(ANYONE), NATIVE));
		assert_eq!(free(treasury), 1_000);
		assert_eq!(free(pot), 5);
		check_invariants();

		// Bob queues his whole position: queued withdrawals earn nothing.
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(BOB),
			NATIVE_VAULT,
			OPERATOR,
			1_000
		));
		// Reward 5_000 on active stake 4_000 (Alice 3_000, Carol 1_000): fee 500, commission
		// 450, stakers 4_050 → Alice 3_037 (3_037.5 rounded down), Carol 1_012.
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			NATIVE,
			5_000,
			REWARD_PERIOD,
			None,
		));
		run_to_block(System::block_number() + REWARD_PERIOD);
		assert_eq!(OperatorCommission::<Test>::get(OPERATOR, NATIVE), 450);
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NothingToClaim
		);
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		assert_eq!(free(ALICE), INITIAL_BALANCE - 3_000 + 6_075 + 3_037);
		check_invariants();

		// Slash: 20% of the 50% allocation = 10% of the pool, including Bob's queued
		// withdrawal: active 4_000 → 3_600, queued 1_000 → 900; 500 to the beneficiary.
		assert_ok!(pallet_slashing::Pallet::<Test>::request_slash(
			RuntimeOrigin::signed(SLASHER),
			avs,
			OPERATOR,
			Perbill::from_percent(20),
			H256::repeat_byte(9),
			frame_system::Pallet::<Test>::block_number(),
			b"double signing".to_vec(),
		));
		run_to_block(System::block_number() + VETO_WINDOW);
		let stake = Restaking::pool_stake(NATIVE_VAULT, &OPERATOR);
		assert_eq!((stake.active, stake.withdrawing), (3_600, 900));
		assert_eq!(free(BENEFICIARY), INITIAL_BALANCE + 500);
		check_invariants();

		// Withdraw: Bob gets his queued stake at its post-slash value; Alice queues and
		// withdraws her 3_000 shares, worth 2_700 after the slash.
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR,
			3_000
		));
		run_to_block(System::block_number() + WITHDRAWAL_DELAY + 10);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(BOB), 0));
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(free(BOB), INITIAL_BALANCE - 1_000 + 2_025 + 900);
		assert_eq!(free(ALICE), INITIAL_BALANCE - 3_000 + 6_075 + 3_037 + 2_700);

		// Carol still has her second-reward share; the pot holds exactly the endowment plus
		// everything owed (Carol's 1_012, the commission 450, the fee 500) plus the
		// accumulator's rounding dust (4_050 − 3_037 − 1_012 = 1).
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(CAROL)));
		assert_eq!(free(CAROL), INITIAL_BALANCE - 1_000 + 1_012);
		assert_eq!(free(pot), 5 + 450 + 500 + 1);
		check_invariants();
	});
}

#[test]
fn streamed_rewards_follow_shares_times_blocks_and_survive_an_opt_out() {
	new_test_ext(0).execute_with(|| {
		for who in [ALICE, BOB] {
			assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), who, INITIAL_BALANCE));
		}
		let avs = setup_slashable_pool(0, 0, 0, Perbill::from_percent(50));
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR, 1_000));
		// 10% fee, 10% commission: 12_150 of 15_000 to the pool, 1_215 a block for 10 blocks.
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			NATIVE,
			15_000,
			REWARD_PERIOD,
			None,
		));
		let start = System::block_number();
		// A period longer than the opt-out delay (stake could leave unslashable) is refused.
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				NATIVE,
				15_000,
				OPT_OUT_DELAY + 1,
				None,
			),
			Error::<Test>::PeriodTooLong
		);
		// Bob snipes: deposits as much as Alice half-way and leaves one block later.
		run_to_block(start + 5);
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR, 1_000));
		run_to_block(start + 6);
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(BOB),
			NATIVE_VAULT,
			OPERATOR,
			1_000
		));
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		// Half of one block's 1_215.
		assert_eq!(free(BOB), INITIAL_BALANCE - 1_000 + 607);
		// The operator opts out half-way: it stays slashable for the opt-out delay, which
		// covers the rest of the period, and the pool's stream runs to the end.
		assert_ok!(AvsRegistry::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		assert!(pallet_avs_registry::Pallet::<Test>::is_slashable(avs, &OPERATOR));
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				NATIVE,
				15_000,
				REWARD_PERIOD,
				None,
			),
			Error::<Test>::NoRewardWeight
		);
		run_to_block(start + REWARD_PERIOD);
		assert!(pallet_avs_registry::Pallet::<Test>::is_slashable(avs, &OPERATOR));
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		// Alice: everything but Bob's share of block 6 (and the counter's rounding).
		assert_eq!(free(ALICE), INITIAL_BALANCE - 1_000 + 12_150 - 607 - 1);
		assert!(Rewards::claimable_rewards(&ALICE).streaming.is_empty());
		check_invariants();
	});
}

#[test]
fn a_deallocation_mid_period_keeps_the_stream_and_the_stake_slashable() {
	new_test_ext(0).execute_with(|| {
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), ALICE, INITIAL_BALANCE));
		let avs = setup_slashable_pool(0, 0, 0, Perbill::from_percent(50));
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR, 1_000));
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			NATIVE,
			15_000,
			REWARD_PERIOD,
			None,
		));
		let start = System::block_number();
		run_to_block(start + 3);
		// The operator takes its whole allocation back: at once for rewards (a new
		// submission has no weight), but the old fraction stays slashable for the vault's
		// withdrawal delay, longer than the rest of the period.
		assert_ok!(AvsRegistry::set_allocation(
			RuntimeOrigin::signed(OPERATOR),
			avs,
			NATIVE_VAULT,
			Perbill::zero()
		));
		assert_noop!(
			Rewards::submit_rewards(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				NATIVE,
				15_000,
				REWARD_PERIOD,
				None,
			),
			Error::<Test>::NoRewardWeight
		);
		run_to_block(start + REWARD_PERIOD);
		assert_eq!(
			pallet_avs_registry::Pallet::<Test>::slashable_allocations(avs, &OPERATOR).to_vec(),
			vec![(NATIVE_VAULT, Perbill::from_percent(50))]
		);
		// The stream ran to the end: Alice gets all 12_150.
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(ALICE)));
		assert_eq!(free(ALICE), INITIAL_BALANCE - 1_000 + 12_150);
		check_invariants();
	});
}
