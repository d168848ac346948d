//! Unit tests: slashing.

use super::*;

#[test]
fn slash_hits_active_stake_and_live_buckets_only() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 3, matures at 30
		run_to_block(25);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 5, matures at 50
		run_to_block(30); // bucket 3 matured: no longer slashable
		let issuance = Balances::total_issuance();
		let slashed = Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			&SlashDestination::Burn,
		)
		.unwrap();
		assert_eq!(slashed, 300 + 100);
		System::assert_last_event(
			RestakingEvent::PoolSlashed {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				fraction: Perbill::from_percent(50),
				active: 300,
				withdrawing: 100,
				destination: SlashDestination::Burn,
			}
			.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance - 400);
		assert_eq!(
			WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap().stake,
			200
		);
		assert_eq!(
			WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 5)).unwrap().stake,
			100
		);
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!(pool.active_stake, 300);
		assert_eq!(pool.live_buckets.to_vec(), vec![5]);
		assert_eq!(vault(NATIVE_VAULT).total_stake, 600);
		assert_eq!(
			Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A),
			PoolStake { active: 300, withdrawing: 100 }
		);
	});
}

#[test]
fn slash_to_an_account_moves_the_collateral() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		let issuance = Assets::total_issuance(ASSET_ID);
		let slashed = Restaking::slash_pool(
			ASSET_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(20),
			&SlashDestination::Account(CHARLIE),
		)
		.unwrap();
		assert_eq!(slashed, 200);
		assert_eq!(asset_balance(CHARLIE), INITIAL_BALANCE + 200);
		assert_eq!(Assets::total_issuance(ASSET_ID), issuance);
	});
}

#[test]
fn slash_that_cannot_move_collateral_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		let before = storage_snapshot();
		// 2 units cannot open an asset account (minimum balance 3).
		assert_noop!(
			Restaking::slash_pool(
				ASSET_VAULT,
				&OPERATOR_A,
				Perbill::from_rational(2u32, 1_000u32),
				&SlashDestination::Account(NOBODY),
			),
			TokenError::BelowMinimum
		);
		assert_eq!(changed_keys(&before, &storage_snapshot()), 0);
	});
}

#[test]
fn slash_of_missing_vault_or_pool() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::slash_pool(9, &OPERATOR_A, Perbill::one(), &SlashDestination::Burn),
			Error::<Test>::VaultNotFound
		);
		assert_eq!(
			Restaking::slash_pool(
				NATIVE_VAULT,
				&OPERATOR_A,
				Perbill::one(),
				&SlashDestination::Burn
			),
			Ok(0)
		);
	});
}

#[test]
fn queue_withdrawal_during_a_pending_slash_does_not_escape_it() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		// A slash request is pending (veto window); ALICE tries to run.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		run_to_block(10);
		// The slash executes before the bucket matures: ALICE is hit like BOB.
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(30),
			&SlashDestination::Burn
		));
		run_to_block(30);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(native_balance(ALICE) - before, 700);
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A).active, 700);
	});
}

fn slash_changed_keys(delegators: AccountId) -> usize {
	let mut changed = 0;
	ExtBuilder::default().build_and_execute(|| {
		for i in 0..delegators {
			let staker = 10_000 + i;
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
				&staker, 1_000
			));
			deposit(staker, NATIVE_VAULT, OPERATOR_A, 100);
		}
		// One live bucket in both cases.
		queue(10_000, NATIVE_VAULT, OPERATOR_A, 50);
		System::reset_events();
		let before = storage_snapshot();
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(10),
			&SlashDestination::Burn
		));
		changed = changed_keys(&before, &storage_snapshot());
		// Share counts are untouched: each share is simply worth less.
		assert_eq!(shares_of(10_000, NATIVE_VAULT, OPERATOR_A), 50);
		assert_eq!(pool(NATIVE_VAULT, OPERATOR_A).active_shares, delegators as u128 * 100 - 50);
	});
	changed
}

#[test]
fn slash_touches_the_same_keys_for_1_and_1000_delegators() {
	let one = slash_changed_keys(1);
	let thousand = slash_changed_keys(1_000);
	assert_eq!(one, thousand);
	// Pool, bucket, vault, vault account, total issuance and the event keys.
	assert!(one <= 10, "slash changed {one} keys");
}
