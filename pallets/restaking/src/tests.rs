//! Unit tests of the restaking pallet. Every test runs through
//! [`ExtBuilder::build_and_execute`], which runs `do_try_state` (and the exact vault-balance
//! check) after the test body.

use crate::{
	mock::*,
	traits::{RestakingInspect, RestakingRewards, RestakingSlash},
	types::*,
	Error, Event, HoldReason, NextVaultId, Operators, PendingWithdrawals, Pools, Positions,
	StakerPools, Vaults, WithdrawalBuckets,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, fungibles::Inspect as _, tokens::fungible::NativeOrWithId},
	BoundedVec,
};
use sp_runtime::{traits::BadOrigin, DispatchError, Perbill, TokenError};

type RestakingEvent = Event<Test>;

const REWARD_ASSET: AssetKind = NativeOrWithId::WithId(7);

fn native_balance(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn asset_balance(who: AccountId) -> Balance {
	Assets::balance(ASSET_ID, who)
}

fn vault(id: VaultId) -> VaultInfo<Test> {
	Vaults::<Test>::get(id).expect("vault exists")
}

fn pool(vault: VaultId, operator: AccountId) -> PoolInfo<Test> {
	Pools::<Test>::get(vault, operator).expect("pool exists")
}

fn shares_of(staker: AccountId, vault: VaultId, operator: AccountId) -> Balance {
	Positions::<Test>::get(staker, (vault, operator))
		.map(|p| p.shares)
		.unwrap_or_default()
}

fn deposit(staker: AccountId, vault: VaultId, operator: AccountId, amount: Balance) {
	assert_ok!(Restaking::deposit(RuntimeOrigin::signed(staker), vault, operator, amount));
}

fn queue(staker: AccountId, vault: VaultId, operator: AccountId, shares: Balance) {
	assert_ok!(Restaking::queue_withdrawal(RuntimeOrigin::signed(staker), vault, operator, shares));
}

fn held_vault_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Restaking(HoldReason::VaultDeposit), &who)
}

fn metadata(bytes: &[u8]) -> BoundedVec<u8, <Test as crate::Config>::MaxMetadataLen> {
	BoundedVec::try_from(bytes.to_vec()).unwrap()
}

/// Every key/value of the state.
fn storage_snapshot() -> std::collections::BTreeMap<Vec<u8>, Vec<u8>> {
	let mut snapshot = std::collections::BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
		snapshot.insert(next.clone(), value);
		key = next;
	}
	snapshot
}

/// Number of keys added, removed or changed between two snapshots.
fn changed_keys(
	before: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
	after: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
) -> usize {
	let changed = before.iter().filter(|(k, v)| after.get(*k) != Some(*v)).count();
	let added = after.keys().filter(|k| !before.contains_key(*k)).count();
	changed + added
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

#[test]
fn register_operator_works() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(Restaking::register_operator(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(5),
			metadata(b"https://op.a"),
		));
		let info = Operators::<Test>::get(OPERATOR_A).unwrap();
		assert_eq!(info.commission, Perbill::from_percent(5));
		assert_eq!(info.status, OperatorStatus::Active);
		assert_eq!(info.metadata.to_vec(), b"https://op.a".to_vec());
		assert!(Restaking::is_operator(&OPERATOR_A));
		assert!(Restaking::is_active_operator(&OPERATOR_A));
		System::assert_last_event(
			RestakingEvent::OperatorRegistered {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(5),
			}
			.into(),
		);
	});
}

#[test]
fn register_operator_fails_with_too_high_commission() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(
				RuntimeOrigin::signed(OPERATOR_A),
				Perbill::from_percent(51),
				metadata(b""),
			),
			Error::<Test>::CommissionTooHigh
		);
	});
}

#[test]
fn register_operator_fails_when_already_registered() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(
				RuntimeOrigin::signed(OPERATOR_A),
				COMMISSION,
				metadata(b""),
			),
			Error::<Test>::AlreadyOperator
		);
	});
}

#[test]
fn register_operator_fails_unsigned() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_noop!(
			Restaking::register_operator(RuntimeOrigin::none(), COMMISSION, metadata(b"")),
			BadOrigin
		);
	});
}

#[test]
fn commission_decrease_takes_effect_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(3)
		));
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(Perbill::from_percent(3)));
		System::assert_last_event(
			RestakingEvent::CommissionChanged {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(3),
			}
			.into(),
		);
	});
}

#[test]
fn commission_increase_takes_effect_after_the_delay() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(30)
		));
		System::assert_last_event(
			RestakingEvent::CommissionChangeScheduled {
				operator: OPERATOR_A,
				commission: Perbill::from_percent(30),
				effective_at: 21,
			}
			.into(),
		);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		run_to_block(20);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		run_to_block(21);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(Perbill::from_percent(30)));

		// A later change starts from the commission in force.
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(20)
		));
		let info = Operators::<Test>::get(OPERATOR_A).unwrap();
		assert_eq!(info.commission, Perbill::from_percent(20));
		assert_eq!(info.pending_commission, None);
	});
}

#[test]
fn commission_decrease_cancels_a_scheduled_increase() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::set_commission(
			RuntimeOrigin::signed(OPERATOR_A),
			Perbill::from_percent(30)
		));
		assert_ok!(Restaking::set_commission(RuntimeOrigin::signed(OPERATOR_A), COMMISSION));
		run_to_block(100);
		assert_eq!(Restaking::operator_commission(&OPERATOR_A), Some(COMMISSION));
		assert_eq!(Operators::<Test>::get(OPERATOR_A).unwrap().pending_commission, None);
	});
}

#[test]
fn set_commission_fails_for_non_operator_and_too_high() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::set_commission(RuntimeOrigin::signed(ALICE), COMMISSION),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Restaking::set_commission(RuntimeOrigin::signed(OPERATOR_A), Perbill::from_percent(60)),
			Error::<Test>::CommissionTooHigh
		);
	});
}

#[test]
fn pause_and_resume_operator_work() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorPaused { operator: OPERATOR_A }.into());
		assert!(!Restaking::is_active_operator(&OPERATOR_A));
		assert!(Restaking::is_operator(&OPERATOR_A));
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::OperatorNotActive
		);

		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorResumed { operator: OPERATOR_A }.into());
		assert!(Restaking::is_active_operator(&OPERATOR_A));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
	});
}

#[test]
fn pause_operator_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotActive
		);
	});
}

#[test]
fn resume_operator_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotPaused
		);
	});
}

#[test]
fn leave_operators_works_and_is_final() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)));
		assert_ok!(Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)));
		System::assert_last_event(RestakingEvent::OperatorLeaving { operator: OPERATOR_A }.into());
		assert_eq!(Operators::<Test>::get(OPERATOR_A).unwrap().status, OperatorStatus::Leaving);
		assert!(!Restaking::is_active_operator(&OPERATOR_A));
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotPaused
		);
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 100),
			Error::<Test>::OperatorNotActive
		);
		// Existing stake stays slashable and can leave.
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A).active, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
	});
}

#[test]
fn leave_operators_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::leave_operators(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)));
		assert_noop!(
			Restaking::leave_operators(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorAlreadyLeaving
		);
		assert_noop!(
			Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_A)),
			Error::<Test>::OperatorNotActive
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Vaults
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Deposits
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Withdrawal queue
// ---------------------------------------------------------------------------------------------

#[test]
fn queue_withdrawal_moves_stake_into_the_epoch_bucket() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// Block 1 + delay 20 = 21 -> bucket ceil(21 / 10) = 3, maturing at block 30.
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 400);
		System::assert_last_event(
			RestakingEvent::WithdrawalQueued {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				shares: 400,
				stake: 400,
				bucket: 3,
				matures_at: 30,
				redelegate_to: None,
			}
			.into(),
		);
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (600, 600));
		assert_eq!(pool.live_buckets.to_vec(), vec![3]);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (400, 400));
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 600);
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!((pending[0].bucket, pending[0].shares), (3, 400));
		// Still in the vault and slashable.
		assert_eq!(vault(NATIVE_VAULT).total_stake, 1_000);
		assert_eq!(
			Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A),
			PoolStake { active: 600, withdrawing: 400 }
		);
	});
}

#[test]
fn withdrawals_of_one_epoch_share_a_bucket() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		run_to_block(5);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 300);
		// Blocks 1 and 5 both land in bucket 3; ALICE's entries merge.
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!(pending[0].shares, 200);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (500, 500));
		// Block 11 lands in the next bucket.
		run_to_block(11);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 100);
		assert_eq!(pool(NATIVE_VAULT, OPERATOR_A).live_buckets.to_vec(), vec![3, 4]);
		assert_eq!(PendingWithdrawals::<Test>::get(ALICE).len(), 2);
	});
}

#[test]
fn full_withdrawal_removes_the_position() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert!(Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).is_none());
		assert!(StakerPools::<Test>::get(ALICE).is_empty());
		let pool = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!((pool.active_stake, pool.active_shares), (0, 0));
	});
}

#[test]
fn queue_withdrawal_fails_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_A, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), 9, OPERATOR_A, 10),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_B, 10),
			Error::<Test>::NoPosition
		);
		assert_noop!(
			Restaking::queue_withdrawal(origin(), NATIVE_VAULT, OPERATOR_A, 1_001),
			Error::<Test>::InsufficientShares
		);
	});
}

#[test]
fn queue_withdrawal_fails_with_too_many_pending() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		for block in [1, 11, 21, 31] {
			run_to_block(block);
			queue(ALICE, NATIVE_VAULT, OPERATOR_A, 10);
		}
		run_to_block(41);
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(ALICE), NATIVE_VAULT, OPERATOR_A, 10),
			Error::<Test>::TooManyPendingWithdrawals
		);
		// Completing one frees a slot.
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 10);
	});
}

#[test]
fn queue_withdrawal_fails_into_a_bucket_slashed_to_zero() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 500);
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::one(),
			&SlashDestination::Burn
		));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 500); // worthless: burned
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 100);
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(BOB), NATIVE_VAULT, OPERATOR_A, 50),
			Error::<Test>::BucketSlashedToZero
		);
		// The next epoch has a fresh bucket.
		run_to_block(11);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 50);
		// ALICE's fully slashed withdrawal completes with nothing.
		run_to_block(30);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amount: 0,
			}
			.into(),
		);
	});
}

#[test]
fn complete_withdrawal_pays_after_maturity() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, ASSET_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, ASSET_VAULT, OPERATOR_A, 400);
		run_to_block(29);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::WithdrawalNotMatured
		);
		run_to_block(30);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: ASSET_VAULT,
				operator: OPERATOR_A,
				amount: 400,
			}
			.into(),
		);
		assert_eq!(asset_balance(ALICE), INITIAL_BALANCE - 600);
		assert_eq!(vault(ASSET_VAULT).total_stake, 600);
		assert!(WithdrawalBuckets::<Test>::get((ASSET_VAULT, OPERATOR_A, 3)).is_none());
		assert!(!PendingWithdrawals::<Test>::contains_key(ALICE));
	});
}

#[test]
fn complete_withdrawal_fails_with_bad_index() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::WithdrawalNotFound
		);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 400);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::WithdrawalNotFound
		);
	});
}

#[test]
fn completion_pays_the_post_slash_rate_and_the_last_share_takes_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 333);
		queue(BOB, NATIVE_VAULT, OPERATOR_A, 334);
		run_to_block(5);
		let slashed = Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(10),
			&SlashDestination::Burn,
		)
		.unwrap();
		// Active 1_333 -> 1_200 (133), bucket 667 -> 601 (66).
		assert_eq!(slashed, 133 + 66);
		let bucket = WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).unwrap();
		assert_eq!((bucket.stake, bucket.shares), (601, 667));
		run_to_block(30);
		let alice_before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		// floor(333 * 601 / 667) = 300.
		assert_eq!(native_balance(ALICE) - alice_before, 300);
		let bob_before = native_balance(BOB);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(native_balance(BOB) - bob_before, 301);
		assert!(WithdrawalBuckets::<Test>::get((NATIVE_VAULT, OPERATOR_A, 3)).is_none());
	});
}

#[test]
fn queue_withdrawal_settles_rewards_and_queued_stake_earns_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 200));
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		// Settled at queue time; the position stays for the untaken reward.
		let position = Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).unwrap();
		assert_eq!(position.shares, 0);
		assert_eq!(position.unclaimed.to_vec(), vec![(REWARD_ASSET, 100)]);
		assert_eq!(StakerPools::<Test>::get(ALICE).len(), 1);
		// Rewards after queuing go to the active shares only.
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 200));
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 100)]
		);
		assert_eq!(
			Restaking::pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 300)]
		);
		// Taking the reward removes the empty position.
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 100)]
		);
		assert!(Positions::<Test>::get(ALICE, (NATIVE_VAULT, OPERATOR_A)).is_none());
		assert!(!StakerPools::<Test>::contains_key(ALICE));
	});
}

// ---------------------------------------------------------------------------------------------
// Redelegation
// ---------------------------------------------------------------------------------------------

#[test]
fn redelegate_moves_stake_through_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::redelegate(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR_A,
			OPERATOR_B,
			600
		));
		let pending = PendingWithdrawals::<Test>::get(ALICE);
		assert_eq!(pending[0].redelegate_to, Some(OPERATOR_B));
		// Still slashable in A's bucket.
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR_A).withdrawing, 600);
		run_to_block(30);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_last_event(
			RestakingEvent::Redelegated {
				staker: ALICE,
				vault: NATIVE_VAULT,
				from: OPERATOR_A,
				to: OPERATOR_B,
				amount: 600,
				shares: 600,
			}
			.into(),
		);
		assert_eq!(native_balance(ALICE), before);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_B), 600);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_A), 400);
		assert_eq!(vault(NATIVE_VAULT).total_stake, 1_000);
	});
}

#[test]
fn redelegation_is_paid_out_when_the_target_stops_accepting() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::redelegate(
			RuntimeOrigin::signed(ALICE),
			NATIVE_VAULT,
			OPERATOR_A,
			OPERATOR_B,
			600
		));
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_B)));
		run_to_block(30);
		let before = native_balance(ALICE);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(ALICE), 0));
		System::assert_has_event(
			RestakingEvent::RedelegationFailed {
				staker: ALICE,
				vault: NATIVE_VAULT,
				to: OPERATOR_B,
				reason: Error::<Test>::OperatorNotActive.into(),
			}
			.into(),
		);
		System::assert_last_event(
			RestakingEvent::WithdrawalCompleted {
				staker: ALICE,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				amount: 600,
			}
			.into(),
		);
		assert_eq!(native_balance(ALICE), before + 600);
		assert_eq!(shares_of(ALICE, NATIVE_VAULT, OPERATOR_B), 0);
		assert_eq!(vault(NATIVE_VAULT).total_stake, 400);
	});
}

#[test]
fn redelegate_fails_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_A, 10),
			Error::<Test>::SameOperator
		);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, BOB, 10),
			Error::<Test>::NotOperator
		);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(OPERATOR_B)));
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 10),
			Error::<Test>::OperatorNotActive
		);
		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(OPERATOR_B)));
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 1_001),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Restaking::redelegate(origin(), NATIVE_VAULT, OPERATOR_A, OPERATOR_B, 0),
			Error::<Test>::ZeroAmount
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Slashing
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Rewards
// ---------------------------------------------------------------------------------------------

#[test]
fn rewards_are_split_by_shares_and_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 3_000);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10));
		System::assert_last_event(
			RestakingEvent::PoolRewarded {
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				asset: REWARD_ASSET,
				amount: 10,
			}
			.into(),
		);
		// 2.5 and 7.5 rounded down: 9 of 10 paid, the pot keeps 1.
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 2)]
		);
		assert_eq!(
			Restaking::take_pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A)
				.unwrap()
				.to_vec(),
			vec![(REWARD_ASSET, 7)]
		);
		System::assert_last_event(
			RestakingEvent::RewardsTaken {
				staker: BOB,
				vault: NATIVE_VAULT,
				operator: OPERATOR_A,
				rewards: BoundedVec::truncate_from(vec![(REWARD_ASSET, 7)]),
			}
			.into(),
		);
		// Taken: nothing left.
		assert!(Restaking::take_pending_rewards(&BOB, NATIVE_VAULT, &OPERATOR_A)
			.unwrap()
			.is_empty());
		// A late joiner earns only from later credits.
		deposit(CHARLIE, NATIVE_VAULT, OPERATOR_A, 4_000);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 800));
		assert_eq!(
			Restaking::pending_rewards(&CHARLIE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 400)]
		);
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 102)]
		);
	});
}

#[test]
fn rewards_survive_deposits_and_slashes() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 100));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			50
		));
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000); // settles
		assert_ok!(Restaking::slash_pool(
			NATIVE_VAULT,
			&OPERATOR_A,
			Perbill::from_percent(50),
			&SlashDestination::Burn
		));
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 100));
		let mut rewards = Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A)
			.unwrap()
			.to_vec();
		rewards.sort();
		let mut expected = vec![(REWARD_ASSET, 200), (NativeOrWithId::Native, 50)];
		expected.sort();
		assert_eq!(rewards, expected);
	});
}

#[test]
fn credit_pool_reward_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10),
			Error::<Test>::PoolNotFound
		);
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		queue(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10),
			Error::<Test>::NoActiveShares
		);
		deposit(BOB, NATIVE_VAULT, OPERATOR_A, 10);
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, u128::MAX),
			Error::<Test>::RewardCounterOverflow
		);
		assert_ok!(Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, REWARD_ASSET, 10));
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::Native,
			10
		));
		assert_noop!(
			Restaking::credit_pool_reward(NATIVE_VAULT, &OPERATOR_A, NativeOrWithId::WithId(8), 10),
			Error::<Test>::TooManyRewardAssets
		);
		// Zero is a no-op.
		assert_ok!(Restaking::credit_pool_reward(
			NATIVE_VAULT,
			&OPERATOR_A,
			NativeOrWithId::WithId(8),
			0
		));
	});
}

#[test]
fn take_pending_rewards_fails_without_position() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(
			Restaking::take_pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A),
			Err(DispatchError::from(Error::<Test>::NoPosition))
		);
		assert!(Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).is_empty());
	});
}

// ---------------------------------------------------------------------------------------------
// Inspection, invariants
// ---------------------------------------------------------------------------------------------

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

// ---- read-only queries (runtime API helpers) ----

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
