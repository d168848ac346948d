//! Unit tests: read-only queries (runtime API helpers).

use super::*;

#[test]
fn operator_state_reports_status_and_commission_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(
			Restaking::operator_state(&OPERATOR_A),
			Some((OperatorStatus::Active, COMMISSION))
		);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		assert_eq!(
			Restaking::operator_state(&OPERATOR_A),
			Some((OperatorStatus::Paused, COMMISSION))
		);
		assert_eq!(Restaking::operator_state(&NOBODY), None);
	});
}

#[test]
fn operator_pool_stakes_lists_every_pool_with_active_and_withdrawing_stake() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Restaking::operator_pool_stakes(&OPERATOR_A).is_empty());
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, ASSET_VAULT, OPERATOR_A, 500);
		deposit(BOB, NATIVE_VAULT, OPERATOR_B, 700);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 400);

		let stakes = Restaking::operator_pool_stakes(&OPERATOR_A);
		assert_eq!(
			stakes,
			vec![
				OperatorPoolStake {
					vault: NATIVE_VAULT,
					asset: NativeOrWithId::Native,
					stake: PoolStake { active: 600, withdrawing: 400 },
				},
				OperatorPoolStake {
					vault: ASSET_VAULT,
					asset: NativeOrWithId::WithId(ASSET_ID),
					stake: PoolStake { active: 500, withdrawing: 0 },
				},
			]
		);
		assert_eq!(
			Restaking::operator_pool_stakes(&OPERATOR_B)
				.iter()
				.map(|pool| (pool.vault, pool.stake))
				.collect::<Vec<_>>(),
			vec![(NATIVE_VAULT, PoolStake { active: 700, withdrawing: 0 })]
		);

		// Once the bucket matures it is no longer withdrawing (nor slashable) stake.
		let matures_at = Restaking::pending_withdrawal_values(&ALICE)[0].matures_at;
		run_to_block(matures_at);
		assert_eq!(
			Restaking::operator_pool_stakes(&OPERATOR_A)[0].stake,
			PoolStake { active: 600, withdrawing: 0 }
		);
		assert!(Restaking::operator_pool_stakes(&NOBODY).is_empty());
	});
}

#[test]
fn staker_position_values_follow_the_pool_rate() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Restaking::staker_position_values(&ALICE).is_empty());
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 2_000);
		deposit(ALICE, ASSET_VAULT, OPERATOR_B, 300);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(10),
			System::block_number(),
			&SlashDestination::Burn,
		));

		assert_eq!(
			Restaking::staker_position_values(&ALICE),
			vec![
				PositionValue {
					vault: NATIVE_VAULT,
					operator: OPERATOR_A,
					asset: NativeOrWithId::Native,
					shares: 1_000,
					// 1_000 * 2_700 / 3_000.
					stake: 900,
				},
				PositionValue {
					vault: ASSET_VAULT,
					operator: OPERATOR_B,
					asset: NativeOrWithId::WithId(ASSET_ID),
					shares: 300,
					stake: 300,
				},
			]
		);
		assert_eq!(Restaking::staker_position_values(&BOB)[0].stake, 1_800);
		// The value is what queuing the shares moves.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_eq!(Restaking::pending_withdrawal_values(&ALICE)[0].value, 900);
	});
}

#[test]
fn pending_withdrawal_values_pay_the_post_slash_rate() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Restaking::pending_withdrawal_values(&ALICE).is_empty());
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 333);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 334);
		assert_ok!(Restaking::redelegate(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR_A,
			OPERATOR_B,
			100,
		));
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(10),
			System::block_number(),
			&SlashDestination::Burn,
		));
		let matures_at = vault(NATIVE_VAULT).maturity_of(3);

		let pending = Restaking::pending_withdrawal_values(&ALICE);
		assert_eq!(
			pending,
			vec![
				PendingWithdrawalValue {
					index: 0,
					vault: NATIVE_VAULT,
					operator: OPERATOR_A,
					asset: NativeOrWithId::Native,
					shares: 333,
					// Bucket 767 -> 691 after the slash: floor(333 * 691 / 767).
					value: 300,
					matures_at,
					redelegate_to: None,
				},
				PendingWithdrawalValue {
					index: 1,
					vault: NATIVE_VAULT,
					operator: OPERATOR_A,
					asset: NativeOrWithId::Native,
					shares: 100,
					value: 90,
					matures_at,
					redelegate_to: Some(OPERATOR_B),
				},
			]
		);

		// Completing pays exactly the announced value.
		run_to_block(matures_at);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(native_balance(ALICE) - before, 300);
		let pending = Restaking::pending_withdrawal_values(&ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!((pending[0].index, pending[0].value), (0, 90));
	});
}
