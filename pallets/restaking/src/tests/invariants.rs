//! Unit tests: inspection, invariants.

use super::*;

#[test]
fn inspect_trait_reports_vaults_and_operators() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Restaking::vault_asset(NATIVE_VAULT), Some(NativeOrWithId::Native));
		assert_eq!(Restaking::vault_asset(9), None);
		assert!(Restaking::vault_is_active(NATIVE_VAULT));
		assert!(!Restaking::vault_is_active(9));
		assert_eq!(Restaking::vault_withdrawal_delay(NATIVE_VAULT), Some(DELAY));
		assert_eq!(Restaking::vault_withdrawal_delay(9), None);
		assert!(!Restaking::is_operator(&ALICE));
		assert_eq!(Restaking::operator_commission(&ALICE), None);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A), PoolStake::default());
	});
}

#[test]
fn bucket_index_rounds_up_to_the_epoch_end() {
	ExtBuilder::default().build_and_execute(|| {
		let info = vault(NATIVE_VAULT);
		// Delay 20 in 2 epochs: 10-block buckets.
		assert_eq!(info.bucket_length, 10);
		assert_eq!(info.bucket_at(1), Some(3));
		assert_eq!(info.bucket_at(10), Some(3));
		assert_eq!(info.bucket_at(11), Some(4));
		assert_eq!(info.maturity_of(3), 30);
	});
}

/// The wait of a withdrawal queued now, as the AVS registry reads it to time rule changes: the
/// delay plus the rounding up to the end of the bucket, exactly when a withdrawal queued now
/// matures.
#[test]
fn longest_withdrawal_wait_is_the_delay_plus_the_bucket_rounding() {
	ExtBuilder::default().build_and_execute(|| {
		// Delay 20, 10-block buckets: queued at 1, a withdrawal matures at 30.
		System::set_block_number(1);
		assert_eq!(Restaking::longest_withdrawal_wait(NATIVE_VAULT), Some(29));
		System::set_block_number(10);
		assert_eq!(Restaking::longest_withdrawal_wait(NATIVE_VAULT), Some(20));
		System::set_block_number(11);
		assert_eq!(Restaking::longest_withdrawal_wait(NATIVE_VAULT), Some(29));
		let info = vault(NATIVE_VAULT);
		let queued_now = info.bucket_at(11).map(|bucket| info.maturity_of(bucket));
		assert_eq!(queued_now, Some(11 + 29));
		assert_eq!(Restaking::longest_withdrawal_wait(9), None);
	});
}

#[test]
fn bucket_length_scales_with_the_delay() {
	ExtBuilder::default().build_and_execute(|| {
		// max(1, ceil(delay / WithdrawalEpochs)) with WithdrawalEpochs = 2.
		assert_eq!(Restaking::bucket_length_for(0), 1);
		assert_eq!(Restaking::bucket_length_for(1), 1);
		assert_eq!(Restaking::bucket_length_for(5), 3);
		assert_eq!(Restaking::bucket_length_for(100), 50);
		// A 5-block delay (3-block buckets): queued at block 1, due at 6, bucket 2 matures at 6.
		assert_ok!(Restaking::create_vault(
			RuntimeOrigin::signed(ALICE),
			NativeOrWithId::Native,
			CAP,
			MIN_DEPOSIT,
			5
		));
		let short = NextVaultId::<Test>::get() - 1;
		deposit(BOB, short, OPERATOR_A, 100);
		queue(BOB, short, OPERATOR_A, 100);
		assert_eq!(PendingWithdrawals::<Test>::get(BOB)[0].bucket, 2);
		run_to_block(5);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::WithdrawalNotMatured
		);
		run_to_block(6);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(BOB), 0));
	});
}

#[test]
fn live_buckets_stay_within_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		// One withdrawal per block over many epochs: never more than WithdrawalEpochs + 1
		// buckets live, matured ones pruned.
		for block in 1..=60u64 {
			run_to_block(block);
			let staker = if block % 2 == 0 { ALICE } else { BOB };
			if PendingWithdrawals::<Test>::get(staker).is_full() {
				assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(staker), 0)
					.or_else(|_| Ok::<(), DispatchError>(())));
			}
			let _ = Restaking::queue_withdrawal(
				RuntimeOrigin::signed(staker),
				NATIVE_VAULT,
				OPERATOR_A,
				1,
			);
			assert!(pool(NATIVE_VAULT, OPERATOR_A).live_buckets.len() <= 3);
		}
		assert_ok!(Restaking::do_try_state());
	});
}

#[test]
fn try_state_detects_broken_accounting() {
	ExtBuilder::default().build().execute_with(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::do_try_state());
		Pools::<Test>::mutate(NATIVE_VAULT, OPERATOR_A, |pool| {
			pool.as_mut().unwrap().active_shares += 1
		});
		assert!(Restaking::do_try_state().is_err());
	});
	ExtBuilder::default().build().execute_with(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		Vaults::<Test>::mutate(NATIVE_VAULT, |vault| vault.as_mut().unwrap().total_stake += 1);
		assert!(Restaking::do_try_state().is_err());
	});
}

#[test]
fn donations_to_a_vault_account_keep_try_state_green() {
	ExtBuilder::default().build().execute_with(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(BOB),
			Restaking::vault_account(NATIVE_VAULT),
			77
		));
		assert_ok!(Restaking::do_try_state());
	});
}
