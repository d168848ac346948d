//! Unit tests: vaults.

use super::*;

#[test]
fn create_vault_holds_deposit_and_funds_the_reserve() {
	ExtBuilder::empty().build_and_execute(|| {
		let before = native_balance(ALICE);
		assert_ok!(Restaking::create_vault(
			RuntimeOrigin::signed(ALICE),
			NativeOrWithId::Native,
			1_000,
			10,
			DELAY,
		));
		let info = vault(0);
		assert_eq!(info.owner, ALICE);
		assert_eq!(info.asset, NativeOrWithId::Native);
		assert_eq!((info.deposit_cap, info.min_deposit, info.withdrawal_delay), (1_000, 10, DELAY));
		assert_eq!(info.deposit, VAULT_DEPOSIT);
		assert_eq!(info.existential_reserve, ED);
		assert_eq!(info.total_stake, 0);
		assert!(!info.paused);
		assert_eq!(NextVaultId::<Test>::get(), 1);
		assert_eq!(held_vault_deposit(ALICE), VAULT_DEPOSIT);
		assert_eq!(native_balance(ALICE), before - VAULT_DEPOSIT - ED);
		let account = Restaking::vault_account(0);
		assert_eq!(native_balance(account), ED);
		assert!(System::providers(&account) >= 1);
		System::assert_last_event(
			RestakingEvent::VaultCreated {
				vault: 0,
				owner: ALICE,
				asset: NativeOrWithId::Native,
				deposit_cap: 1_000,
				min_deposit: 10,
				withdrawal_delay: DELAY,
				deposit: VAULT_DEPOSIT,
				existential_reserve: ED,
			}
			.into(),
		);
	});
}

#[test]
fn create_vault_with_asset_collateral_works() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(Restaking::create_vault(
			RuntimeOrigin::signed(ALICE),
			NativeOrWithId::WithId(ASSET_ID),
			1_000,
			10,
			DELAY,
		));
		let account = Restaking::vault_account(0);
		assert_eq!(vault(0).existential_reserve, ASSET_MIN_BALANCE);
		assert_eq!(asset_balance(account), ASSET_MIN_BALANCE);
		assert_eq!(asset_balance(ALICE), INITIAL_BALANCE - ASSET_MIN_BALANCE);
		assert_eq!(Restaking::vault_asset(0), Some(NativeOrWithId::WithId(ASSET_ID)));
	});
}

#[test]
fn create_vault_fails_with_bad_parameters() {
	ExtBuilder::empty().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::create_vault(origin(), NativeOrWithId::Native, 1_000, 10, 4),
			Error::<Test>::WithdrawalDelayTooShort
		);
		assert_noop!(
			Restaking::create_vault(origin(), NativeOrWithId::Native, 1_000, 10, 101),
			Error::<Test>::WithdrawalDelayTooLong
		);
		assert_noop!(
			Restaking::create_vault(origin(), NativeOrWithId::Native, 10, 11, DELAY),
			Error::<Test>::MinDepositAboveCap
		);
		assert_noop!(
			Restaking::create_vault(origin(), NativeOrWithId::WithId(42), 1_000, 10, DELAY),
			Error::<Test>::AssetNotFound
		);
		assert_noop!(
			Restaking::create_vault(
				RuntimeOrigin::root(),
				NativeOrWithId::Native,
				1_000,
				10,
				DELAY
			),
			BadOrigin
		);
	});
}

#[test]
fn create_vault_fails_without_funds_for_the_deposit() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::create_vault(
				RuntimeOrigin::signed(NOBODY),
				NativeOrWithId::Native,
				1_000,
				10,
				DELAY
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn create_vault_fails_when_ids_run_out() {
	ExtBuilder::empty().build_and_execute(|| {
		NextVaultId::<Test>::put(u32::MAX);
		assert_noop!(
			Restaking::create_vault(
				RuntimeOrigin::signed(ALICE),
				NativeOrWithId::Native,
				1_000,
				10,
				DELAY
			),
			Error::<Test>::VaultIdOverflow
		);
	});
}

#[test]
fn force_create_vault_works_without_deposit() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(Restaking::force_create_vault(
			RuntimeOrigin::root(),
			BOB,
			NativeOrWithId::WithId(ASSET_ID),
			1_000,
			10,
			DELAY,
		));
		let info = vault(0);
		assert_eq!(info.owner, BOB);
		assert_eq!(info.deposit, 0);
		assert_eq!(held_vault_deposit(BOB), 0);
		assert_eq!(asset_balance(BOB), INITIAL_BALANCE - ASSET_MIN_BALANCE);
		System::assert_last_event(
			RestakingEvent::VaultCreated {
				vault: 0,
				owner: BOB,
				asset: NativeOrWithId::WithId(ASSET_ID),
				deposit_cap: 1_000,
				min_deposit: 10,
				withdrawal_delay: DELAY,
				deposit: 0,
				existential_reserve: ASSET_MIN_BALANCE,
			}
			.into(),
		);
	});
}

#[test]
fn force_create_vault_fails() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::force_create_vault(
				RuntimeOrigin::signed(ALICE),
				ALICE,
				NativeOrWithId::Native,
				1_000,
				10,
				DELAY
			),
			BadOrigin
		);
		assert_noop!(
			Restaking::force_create_vault(
				RuntimeOrigin::root(),
				ALICE,
				NativeOrWithId::Native,
				1_000,
				10,
				1
			),
			Error::<Test>::WithdrawalDelayTooShort
		);
		// The owner pays the existential reserve.
		assert_noop!(
			Restaking::force_create_vault(
				RuntimeOrigin::root(),
				NOBODY,
				NativeOrWithId::WithId(ASSET_ID),
				1_000,
				10,
				DELAY
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn set_vault_limits_works_for_owner_and_root() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_vault_limits(
			RuntimeOrigin::signed(VAULT_OWNER),
			NATIVE_VAULT,
			2_000,
			50
		));
		assert_eq!((vault(NATIVE_VAULT).deposit_cap, vault(NATIVE_VAULT).min_deposit), (2_000, 50));
		System::assert_last_event(
			RestakingEvent::VaultLimitsSet {
				vault: NATIVE_VAULT,
				deposit_cap: 2_000,
				min_deposit: 50,
			}
			.into(),
		);
		assert_ok!(Restaking::set_vault_limits(RuntimeOrigin::root(), NATIVE_VAULT, 3_000, 0));
		assert_eq!(vault(NATIVE_VAULT).deposit_cap, 3_000);
		// The limits apply to deposits.
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 3_001),
			Error::<Test>::DepositCapExceeded
		);
	});
}

#[test]
fn set_vault_limits_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::set_vault_limits(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, 2_000, 50),
			Error::<Test>::NotVaultOwner
		);
		assert_noop!(
			Restaking::set_vault_limits(RuntimeOrigin::signed(VAULT_OWNER), 9, 2_000, 50),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::set_vault_limits(RuntimeOrigin::signed(VAULT_OWNER), NATIVE_VAULT, 10, 50),
			Error::<Test>::MinDepositAboveCap
		);
		assert_noop!(
			Restaking::set_vault_limits(RuntimeOrigin::none(), NATIVE_VAULT, 2_000, 50),
			BadOrigin
		);
	});
}

#[test]
fn pause_and_resume_vault_work() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::pause_vault(RuntimeOrigin::signed(VAULT_OWNER), NATIVE_VAULT));
		System::assert_last_event(RestakingEvent::VaultPaused { vault: NATIVE_VAULT }.into());
		assert!(!Restaking::vault_is_active(NATIVE_VAULT));
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::VaultPaused
		);
		// Withdrawals go on.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);

		assert_ok!(Restaking::resume_vault(RuntimeOrigin::root(), NATIVE_VAULT));
		System::assert_last_event(RestakingEvent::VaultResumed { vault: NATIVE_VAULT }.into());
		assert!(Restaking::vault_is_active(NATIVE_VAULT));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
	});
}

#[test]
fn pause_and_resume_vault_fail() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::pause_vault(RuntimeOrigin::signed(ALICE), NATIVE_VAULT),
			Error::<Test>::NotVaultOwner
		);
		assert_noop!(
			Restaking::pause_vault(RuntimeOrigin::root(), 9),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::resume_vault(RuntimeOrigin::root(), NATIVE_VAULT),
			Error::<Test>::VaultNotPaused
		);
		assert_ok!(Restaking::pause_vault(RuntimeOrigin::root(), NATIVE_VAULT));
		assert_noop!(
			Restaking::pause_vault(RuntimeOrigin::signed(VAULT_OWNER), NATIVE_VAULT),
			Error::<Test>::VaultPaused
		);
		assert_noop!(
			Restaking::resume_vault(RuntimeOrigin::signed(ALICE), NATIVE_VAULT),
			Error::<Test>::NotVaultOwner
		);
		assert_noop!(
			Restaking::resume_vault(RuntimeOrigin::root(), 9),
			Error::<Test>::VaultNotFound
		);
	});
}
