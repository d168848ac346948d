//! Unit tests: deposits.

use super::*;

#[test]
fn first_deposit_mints_one_to_one() {
	ExtBuilder::default().build_and_execute(|| {
		let account = Restaking::vault_account(NATIVE_VAULT);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		System::assert_last_event(
			RestakingEvent::Deposited {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amount: 1_000,
				shares: 1_000,
			}
			.into(),
		);
		assert_eq!(native_balance(ALICE), INITIAL_BALANCE - 1_000);
		assert_eq!(native_balance(account), ED + 1_000);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 1_000);
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (1_000, 1_000));
		assert_eq!(vault(NATIVE_VAULT).total_stake, 1_000);
		assert_eq!(StakerPools::<Test>::get(ALICE).to_vec(), vec![(NATIVE_VAULT, OPERATOR_A)]);
		assert_eq!(Restaking::staker_pools(&ALICE).to_vec(), vec![(NATIVE_VAULT, OPERATOR_A)]);

		// A second deposit adds to the position.
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 500);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 1_500);
		assert_eq!(StakerPools::<Test>::get(ALICE).len(), 1);
	});
}

#[test]
fn deposit_into_asset_vault_works() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(BOB, ASSET_VAULT, OPERATOR_B, 700);
		assert_eq!(asset_balance(BOB), INITIAL_BALANCE - 700);
		assert_eq!(asset_balance(Restaking::vault_account(ASSET_VAULT)), ASSET_MIN_BALANCE + 700);
		assert_eq!(shares_of(BOB, ASSET_VAULT, OPERATOR_B), 700);
		// Native balance untouched.
		assert_eq!(native_balance(BOB), INITIAL_BALANCE);
	});
}

#[test]
fn deposit_after_a_slash_mints_at_the_pool_rate() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			System::block_number(),
			&SlashDestination::Burn
		));
		// 500 stake for 1_000 shares: 300 buys 600 shares.
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 300);
		assert_eq!(shares_of(BOB, NATIVE_VAULT, OPERATOR_A), 600);
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (800, 1_600));
	});
}

#[test]
fn deposit_into_an_existing_position_is_charged_the_top_up_weight() {
	ExtBuilder::default().build_and_execute(|| {
		let first =
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 1_000)
				.unwrap();
		assert_eq!(first.actual_weight, None, "a new position pays the full weight");
		let top_up =
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 1_000)
				.unwrap();
		assert_eq!(
			top_up.actual_weight,
			Some(<() as crate::weights::WeightInfo>::deposit_top_up())
		);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 2_000);
	});
}

#[test]
fn deposit_beyond_the_callers_balance_fails_with_insufficient_collateral() {
	ExtBuilder::default().build_and_execute(|| {
		for vault in [NATIVE_VAULT, ASSET_VAULT] {
			assert_ok!(Restaking::set_vault_limits(
				RuntimeOrigin::root(),
				vault,
				Balance::MAX,
				MIN_DEPOSIT
			));
		}
		// Native: more than the free balance, and all of it (the account must stay alive).
		let native = Balances::free_balance(ALICE);
		for amount in [native + 1, native] {
			assert_noop!(
				Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, amount),
				Error::<Test>::InsufficientCollateral
			);
		}
		// A pallet-assets token: more than the holder has, and more than the whole supply
		// (which pallet-assets itself reports as an arithmetic underflow).
		let held = asset_balance(ALICE);
		let supply =
			<Assets as frame_support::traits::fungibles::Inspect<_>>::total_issuance(ASSET_ID);
		for amount in [held + 1, supply + 1, Balance::MAX / 2] {
			assert_noop!(
				Restaking::deposit(RuntimeOrigin::signed(ALICE), ASSET_VAULT, OPERATOR_A, amount),
				Error::<Test>::InsufficientCollateral
			);
		}
	});
}

#[test]
fn deposit_fails_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::deposit(origin(), NATIVE_VAULT, OPERATOR_A, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Restaking::deposit(origin(), 9, OPERATOR_A, 100),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::deposit(origin(), NATIVE_VAULT, OPERATOR_A, MIN_DEPOSIT - 1),
			Error::<Test>::BelowMinDeposit
		);
		assert_noop!(
			Restaking::deposit(origin(), NATIVE_VAULT, OPERATOR_A, CAP + 1),
			Error::<Test>::DepositCapExceeded
		);
		assert_noop!(
			Restaking::deposit(origin(), NATIVE_VAULT, BOB, 100),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(NOBODY), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::InsufficientCollateral
		);
	});
}

#[test]
fn deposit_cap_counts_the_whole_vault() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_vault_limits(RuntimeOrigin::root(), NATIVE_VAULT, 1_500, 10));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_B, 500);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(CHARLIE), NATIVE_VAULT, OPERATOR_A, 10),
			Error::<Test>::DepositCapExceeded
		);
	});
}

#[test]
fn deposit_into_a_pool_slashed_to_zero_fails() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::one(),
			System::block_number(),
			&SlashDestination::Burn
		));
		assert_eq!(pool(NATIVE_VAULT, OPERATOR_A).active_stake, 0);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::PoolSlashedToZero
		);
		// Once the worthless shares are gone the pool takes deposits again, 1:1.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		System::assert_last_event(
			RestakingEvent::WorthlessSharesBurned {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				shares: 1_000,
			}
			.into(),
		);
		assert!(PendingWithdrawals::<Test>::get(ALICE).is_empty());
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 100);
		assert_eq!(shares_of(BOB, NATIVE_VAULT, OPERATOR_A), 100);
	});
}

#[test]
fn deposit_fails_when_staker_is_in_too_many_pools() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_B, 100);
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 100);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(ALICE), ASSET_VAULT, OPERATOR_B, 100),
			Error::<Test>::TooManyStakerPools
		);
		// Adding to an existing position is fine.
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 100);
	});
}

#[test]
fn deposit_too_small_for_one_share_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_vault_limits(RuntimeOrigin::root(), NATIVE_VAULT, CAP, 1));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// Cannot happen through the calls (slashes only lower the stake per share); make one
		// share worth 100 directly, consistently for try_state.
		Pools::<Test>::mutate(NATIVE_VAULT, OPERATOR_A, |pool| {
			pool.as_mut().unwrap().active_shares = 10
		});
		Positions::<Test>::mutate(ALICE, (NATIVE_VAULT, OPERATOR_A), |position| {
			position.as_mut().unwrap().shares = 10
		});
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 50),
			Error::<Test>::DepositTooSmall
		);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 250);
		assert_eq!(shares_of(BOB, NATIVE_VAULT, OPERATOR_A), 2);
	});
}
