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
			System::block_number(),
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
			System::block_number(),
			&SlashDestination::Account(CHARLIE),
		)
		.unwrap();
		assert_eq!(slashed, 200);
		assert_eq!(asset_balance(CHARLIE), INITIAL_BALANCE + 200);
		assert_eq!(Assets::total_issuance(ASSET_ID), issuance);
	});
}

#[test]
fn slash_that_cannot_move_collateral_is_kept_as_unpaid() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		let issuance = Assets::total_issuance(ASSET_ID);
		// 2 units cannot open an asset account (minimum balance 3): the pool is still cut.
		let nobody = SlashDestination::Account(NOBODY);
		assert_eq!(
			Restaking::slash_pool(
				ASSET_VAULT,
				&OPERATOR_A,
				Perbill::from_rational(2u32, 1_000u32),
				System::block_number(),
				&nobody,
			),
			Ok(2)
		);
		System::assert_has_event(
			RestakingEvent::SlashPayoutDeferred {
				vault: ASSET_VAULT,
				destination: nobody.clone(),
				amount: 2,
				reason: TokenError::BelowMinimum.into(),
			}
			.into(),
		);
		assert_eq!(pool(ASSET_VAULT, OPERATOR_A).active_stake, 998);
		assert_eq!(vault(ASSET_VAULT).total_stake, 998);
		assert_eq!(UnpaidSlashes::<Test>::get(ASSET_VAULT, &nobody), 2);
		// The collateral has not left the vault account.
		assert_eq!(asset_balance(Restaking::vault_account(ASSET_VAULT)), ASSET_MIN_BALANCE + 1_000);
		// A second slash to the same beneficiary adds up (1% of 998 = 9), above the minimum
		// balance: now it can be paid.
		assert_ok!(Restaking::slash_pool(
			ASSET_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(1),
			System::block_number(),
			&nobody,
		));
		assert_eq!(UnpaidSlashes::<Test>::get(ASSET_VAULT, &nobody), 2 + 9);
		// NOBODY has no account to hold a non-sufficient asset yet: paying fails, nothing
		// changes; once it has one, anyone can pay.
		assert_noop!(
			Restaking::pay_unpaid_slash(
				RuntimeOrigin::signed(CHARLIE),
				ASSET_VAULT,
				nobody.clone()
			),
			TokenError::CannotCreate
		);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
			&NOBODY, 100
		));
		assert_ok!(Restaking::pay_unpaid_slash(
			RuntimeOrigin::signed(CHARLIE),
			ASSET_VAULT,
			nobody.clone()
		));
		System::assert_last_event(
			RestakingEvent::UnpaidSlashPaid {
				vault: ASSET_VAULT,
				destination: nobody.clone(),
				amount: 11,
			}
			.into(),
		);
		assert_eq!(asset_balance(NOBODY), 11);
		assert_eq!(Assets::total_issuance(ASSET_ID), issuance);
		assert!(!UnpaidSlashes::<Test>::contains_key(ASSET_VAULT, &nobody));
	});
}

#[test]
fn pay_unpaid_slash_errors_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		let nobody = SlashDestination::Account(NOBODY);
		assert_noop!(
			Restaking::pay_unpaid_slash(RuntimeOrigin::signed(CHARLIE), 9, nobody.clone()),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::pay_unpaid_slash(
				RuntimeOrigin::signed(CHARLIE),
				ASSET_VAULT,
				nobody.clone()
			),
			Error::<Test>::NoUnpaidSlash
		);
		assert_ok!(Restaking::slash_pool(
			ASSET_VAULT,
			&OPERATOR_A,
			Perbill::from_rational(2u32, 1_000u32),
			System::block_number(),
			&nobody,
		));
		assert_noop!(
			Restaking::pay_unpaid_slash(RuntimeOrigin::signed(CHARLIE), ASSET_VAULT, nobody),
			TokenError::BelowMinimum
		);
	});
}

#[test]
fn a_slash_lock_freezes_the_pool_shares() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 3, matures at 30
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		assert_eq!(Restaking::pending_slashes(NATIVE_VAULT, &OPERATOR_A), 2);
		let before = storage_snapshot();
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::PoolSlashPending
		);
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 1),
			Error::<Test>::PoolSlashPending
		);
		assert_noop!(
			Restaking::redelegate(
				RuntimeOrigin::signed(ALICE),
				NATIVE_VAULT,
				OPERATOR_A,
				OPERATOR_B,
				1
			),
			Error::<Test>::PoolSlashPending
		);
		assert_eq!(changed_keys(&before, &storage_snapshot()), 0);
		run_to_block(30);
		// The bucket has matured, but the pending slash may still take it.
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::PoolSlashPending
		);
		// Other pools of the vault are not affected.
		deposit(BOB, NATIVE_VAULT, OPERATOR_B, 100);

		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
		assert!(Restaking::is_slash_locked(NATIVE_VAULT, &OPERATOR_A));
		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
		assert!(!Restaking::is_slash_locked(NATIVE_VAULT, &OPERATOR_A));
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 100);
	});
}

#[test]
fn a_bucket_live_at_the_request_is_slashed_after_it_matured() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 3, matures at 30
		run_to_block(25);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 5, matures at 50
											   // Requested at 28: both buckets are live.
		run_to_block(28);
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		// Executed at 40: bucket 3 matured in the veto window, it is still cut.
		run_to_block(40);
		assert_eq!(
			Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A),
			PoolStake { active: 600, withdrawing: 400 }
		);
		let slashed = Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			28,
			&SlashDestination::Burn,
		)
		.unwrap();
		assert_eq!(slashed, 300 + 100 + 100);
		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(native_balance(ALICE) - before, 100);
	});
}

#[test]
fn a_bucket_matured_before_the_request_is_not_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 3, matures at 30
		run_to_block(20);
		// A first request at 20 freezes the live list with bucket 3 in it.
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		run_to_block(35);
		// A second request at 35: bucket 3 had matured, it is not this request's to take.
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		run_to_block(40);
		assert_eq!(
			Restaking::slash_pool(
				NATIVE_VAULT,
				&OPERATOR_A,
				Perbill::from_percent(50),
				35,
				&SlashDestination::Burn,
			),
			Ok(400)
		);
		assert_eq!(
			WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap().stake,
			200
		);
		// The first request (made at 20) still takes it.
		assert_eq!(
			Restaking::slash_pool(
				NATIVE_VAULT,
				&OPERATOR_A,
				Perbill::from_percent(50),
				20,
				&SlashDestination::Burn,
			),
			Ok(200 + 100)
		);
		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
	});
}

#[test]
fn slash_of_missing_vault_or_pool() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::slash_pool(
				9,
				&OPERATOR_A,
				Perbill::one(),
				System::block_number(),
				&SlashDestination::Burn
			),
			Error::<Test>::VaultNotFound
		);
		assert_eq!(
			Restaking::slash_pool(
				NATIVE_VAULT,
				&OPERATOR_A,
				Perbill::one(),
				System::block_number(),
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
			System::block_number(),
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
			System::block_number(),
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

#[test]
fn a_bucket_matured_before_the_lock_completes_while_the_pool_is_locked() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 200); // bucket 3, matures at 30
		run_to_block(25);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100); // bucket 5, matures at 50
		run_to_block(35);
		// Locked at 35: bucket 3 had matured (no pending request can take it), bucket 5 is live.
		assert_ok!(Restaking::lock_for_slash(NATIVE_VAULT, &OPERATOR_A));
		run_to_block(50);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::PoolSlashPending
		);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(native_balance(ALICE) - before, 200);
		Restaking::unlock_after_slash(NATIVE_VAULT, &OPERATOR_A);
	});
}
