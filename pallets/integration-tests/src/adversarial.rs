//! The seven attacks on slashing of issue #11, each performed with the real pallets and shown
//! to fail:
//!
//! 1. a chain-wide jam of the slash queue by spam requests ending in the same block;
//! 2. an AVS owner rewriting resolver, cap and destination under a pending request;
//! 3. a payout that cannot land (dust below the minimum balance, a beneficiary that cannot
//!    receive the asset) aborting the whole slash;
//! 4. stake that is slashable at the request escaping by maturing inside the veto window;
//! 5. a slash taking stake that became slashable only after the request (an allocation
//!    increase not yet in force, deposits made during the window);
//! 6. zero-stake sybil operators filling an open AVS so that a real operator cannot join;
//! 7. unpaid storage growth and fresh incident ids multiplying the cap.

use crate::mock::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{InspectHold, NativeOrWithId},
	BoundedVec,
};
use pallet_avs_registry::types::{AvsConfig, AvsId, SlashDestination};
use pallet_restaking::{traits::RestakingInspect, types::VaultId};
use pallet_slashing::{types::IncidentStatus, Error as SlashingError, Event as SlashingEvent};
use sp_core::H256;
use sp_runtime::Perbill;

type RestakingError = pallet_restaking::Error<Test>;
type RegistryError = pallet_avs_registry::Error<Test>;
type SlashError = SlashingError<Test>;

const ATTACKER: AccountId = 50;
const ATTACKER_SLASHER: AccountId = 51;
const STAKER: AccountId = 52;
const LATE_STAKER: AccountId = 53;
/// Zero-stake operators of the attacker: `SYBIL..SYBIL + n`.
const SYBIL: AccountId = 100;

fn ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(AccountId, Balance)> = [
		AVS_OWNER,
		SLASHER,
		RESOLVER,
		BENEFICIARY,
		VAULT_OWNER,
		OPERATOR,
		ANYONE,
		ATTACKER,
		ATTACKER_SLASHER,
		STAKER,
		LATE_STAKER,
	]
	.iter()
	.map(|who| (*who, INITIAL_BALANCE))
	.collect();
	balances.extend((0..16).map(|index| (SYBIL + index, INITIAL_BALANCE)));
	new_test_ext_with(balances, GenesisAssets::default())
}

fn incident(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn request(
	slasher: AccountId,
	avs: AvsId,
	operator: AccountId,
	fraction: Perbill,
	n: u8,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Slashing::request_slash(
		RuntimeOrigin::signed(slasher),
		avs,
		operator,
		fraction,
		incident(n),
		System::block_number(),
		vec![],
	)
}

fn register_operator(operator: AccountId) {
	assert_ok!(Restaking::register_operator(
		RuntimeOrigin::signed(operator),
		Perbill::from_percent(10),
		Default::default(),
	));
}

fn create_native_vault() -> VaultId {
	let vault = pallet_restaking::NextVaultId::<Test>::get();
	assert_ok!(Restaking::create_vault(
		RuntimeOrigin::signed(VAULT_OWNER),
		NativeOrWithId::Native,
		Balance::MAX / 2,
		1,
		WITHDRAWAL_DELAY,
	));
	vault
}

fn register_avs(owner: AccountId, config: AvsConfig<Test>) -> AvsId {
	let avs = pallet_avs_registry::NextAvsId::<Test>::get();
	assert_ok!(AvsRegistry::register_avs(RuntimeOrigin::signed(owner), config));
	avs
}

/// `operator` opts in to `avs` and allocates `fraction` of each of `vaults`.
fn join(avs: AvsId, operator: AccountId, vaults: &[VaultId], fraction: Perbill) {
	assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(operator), avs));
	for vault in vaults {
		assert_ok!(AvsRegistry::set_allocation(
			RuntimeOrigin::signed(operator),
			avs,
			*vault,
			fraction
		));
	}
}

/// Past the allocation delay.
fn allocations_in_force() {
	run_to_block(System::block_number() + 4);
}

/// [`setup_slashable_pool`] with `allocation`, and `STAKER`'s 1_000 deposited into it.
fn staked_pool(allocation: Perbill) -> AvsId {
	let avs = setup_slashable_pool(0, 0, 0, allocation);
	assert_ok!(Restaking::deposit(RuntimeOrigin::signed(STAKER), NATIVE_VAULT, OPERATOR, 1_000));
	avs
}

fn stake(vault: VaultId) -> (Balance, Balance) {
	let stake = Restaking::pool_stake(vault, &OPERATOR);
	(stake.active, stake.withdrawing)
}

fn executed(slash_id: u64) -> Option<Balance> {
	System::events().into_iter().find_map(|record| match record.event {
		RuntimeEvent::Slashing(SlashingEvent::SlashExecuted {
			slash_id: id,
			total_slashed,
			..
		}) if id == slash_id => Some(total_slashed),
		_ => None,
	})
}

/// 1. Spam requests of other AVSs ending in the same block neither refuse the victim's
///    request nor keep it from being executed; every spam request holds a deposit.
#[test]
fn scenario_1_spam_requests_in_one_block_cannot_jam_a_real_slash() {
	ext().execute_with(|| {
		let avs = staked_pool(Perbill::from_percent(50));
		// The attacker: two AVSs, each with four zero-stake operators allocating 100% of their
		// empty pools. Each spam request costs a deposit.
		let mut config = avs_config(SlashDestination::Burn);
		config.slashing.slasher = ATTACKER_SLASHER;
		config.slashing.resolver = None;
		let spam_avss = [register_avs(ATTACKER, config.clone()), register_avs(ATTACKER, config)];
		for (index, spam_avs) in spam_avss.iter().enumerate() {
			for sybil in 0..4 {
				let operator = SYBIL + (index as AccountId) * 4 + sybil;
				register_operator(operator);
				join(*spam_avs, operator, &[NATIVE_VAULT], Perbill::one());
			}
		}
		allocations_in_force();

		// Sixteen spam requests and the real one, all ending their window in the same block
		// (twice the old per-block capacity).
		let free_before = Balances::free_balance(ATTACKER_SLASHER);
		for (index, spam_avs) in spam_avss.iter().enumerate() {
			for sybil in 0..4 {
				let operator = SYBIL + (index as AccountId) * 4 + sybil;
				for n in 0..2 {
					assert_ok!(request(
						ATTACKER_SLASHER,
						*spam_avs,
						operator,
						Perbill::from_percent(10),
						n
					));
				}
			}
		}
		let real = pallet_slashing::NextSlashId::<Test>::get();
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(20), 1));
		let due = System::block_number() + VETO_WINDOW;
		assert_eq!(pallet_slashing::SlashesDueAt::<Test>::iter_prefix(due).count(), 17);
		assert_eq!(
			Balances::free_balance(ATTACKER_SLASHER),
			free_before - 16 * SlashRequestDeposit::get()
		);
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Slashing(pallet_slashing::HoldReason::SlashRequest),
				&ATTACKER_SLASHER
			),
			16 * SlashRequestDeposit::get()
		);

		// The operator tries to escape by opting out at once.
		assert_ok!(AvsRegistry::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		run_to_block(due);
		// Automatic execution took two of the seventeen; the real one is executed by anyone,
		// whatever its place, and even after the operator's opt-out delay.
		run_to_block(due + OPT_OUT_DELAY);
		assert_ok!(AvsRegistry::finalize_opt_out(RuntimeOrigin::signed(ANYONE), avs, OPERATOR));
		if executed(real).is_none() {
			assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), real));
		}
		// 20% of the 50% allocation of 1_000.
		assert_eq!(executed(real), Some(100));
		assert_eq!(stake(NATIVE_VAULT), (900, 0));
		check_invariants();
	});
}

/// 2. `update_avs` under a pending request changes nothing about it: the resolver named at
///    the request keeps the veto, the owner's new resolver has none, the new cap and
///    destination apply to new requests only.
#[test]
fn scenario_2_rules_rewritten_under_a_pending_slash_do_not_apply_to_it() {
	ext().execute_with(|| {
		let avs = staked_pool(Perbill::from_percent(50));
		// Two 10% requests (the cap is 20%): id 0 will be executed, id 1 vetoed.
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 1));
		let vetoable = pallet_slashing::NextSlashId::<Test>::get();
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 2));

		// The owner: 100% cap, itself as resolver and as destination.
		let mut config = avs_config(SlashDestination::Account(AVS_OWNER));
		config.slashing.max_slash = Perbill::one();
		config.slashing.resolver = Some(AVS_OWNER);
		assert_ok!(AvsRegistry::update_avs(RuntimeOrigin::signed(AVS_OWNER), avs, config));

		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(AVS_OWNER), 0),
			SlashError::NotResolver
		);
		// The resolver named at the request still can.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), vetoable));

		let owner_before = Balances::free_balance(AVS_OWNER);
		let beneficiary_before = Balances::free_balance(BENEFICIARY);
		run_to_block(System::block_number() + VETO_WINDOW);
		// 10% of the 50% allocation of 1_000, to the beneficiary named at the request.
		assert_eq!(executed(0), Some(50));
		assert_eq!(Balances::free_balance(BENEFICIARY), beneficiary_before + 50);
		assert_eq!(Balances::free_balance(AVS_OWNER), owner_before);
		check_invariants();
	});
}

/// 3. A dust pool allocated first and a beneficiary that cannot receive the asset do not
///    shield the other pools: every pool is cut, what cannot be paid is kept for the
///    beneficiary and paid later.
#[test]
fn scenario_3_a_payout_that_cannot_land_never_blocks_the_other_pools() {
	const TOKEN: u32 = 7;
	const MIN: Balance = 10;
	let mut balances: Vec<(AccountId, Balance)> =
		[AVS_OWNER, SLASHER, RESOLVER, VAULT_OWNER, OPERATOR, ANYONE, STAKER]
			.iter()
			.map(|who| (*who, INITIAL_BALANCE))
			.collect();
	// The beneficiary exists (it has native balance) but holds no TOKEN yet.
	balances.push((BENEFICIARY, INITIAL_BALANCE));
	let assets = GenesisAssets {
		assets: vec![(TOKEN, VAULT_OWNER, true, MIN)],
		accounts: vec![(TOKEN, VAULT_OWNER, 1_000_000), (TOKEN, STAKER, 1_000_000)],
	};
	new_test_ext_with(balances, assets).execute_with(|| {
		register_operator(OPERATOR);
		let mut vaults = Vec::new();
		for _ in 0..2 {
			vaults.push(pallet_restaking::NextVaultId::<Test>::get());
			assert_ok!(Restaking::create_vault(
				RuntimeOrigin::signed(VAULT_OWNER),
				NativeOrWithId::WithId(TOKEN),
				Balance::MAX / 2,
				1,
				WITHDRAWAL_DELAY,
			));
		}
		let (dust, big) = (vaults[0], vaults[1]);
		// The dust pool: its cut (10% × 50% of 100 = 5) is below the minimum balance.
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(STAKER), dust, OPERATOR, 100));
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(STAKER), big, OPERATOR, 100_000));
		let mut config = avs_config(SlashDestination::Account(BENEFICIARY));
		config.accepted_vaults = BoundedVec::truncate_from(vec![dust, big]);
		let avs = register_avs(AVS_OWNER, config);
		join(avs, OPERATOR, &[dust, big], Perbill::from_percent(50));
		allocations_in_force();

		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 1));
		run_to_block(System::block_number() + VETO_WINDOW);
		assert_eq!(executed(0), Some(5 + 5_000));
		// Both pools are cut.
		assert_eq!(Restaking::pool_stake(dust, &OPERATOR).active, 95);
		assert_eq!(Restaking::pool_stake(big, &OPERATOR).active, 95_000);
		// The dust could not be sent: it is kept for the beneficiary, and an event says so.
		let destination = SlashDestination::Account(BENEFICIARY);
		assert_eq!(pallet_restaking::UnpaidSlashes::<Test>::get(dust, &destination), 5);
		System::assert_has_event(
			pallet_restaking::Event::SlashPayoutDeferred {
				vault: dust,
				destination: destination.clone(),
				amount: 5,
				reason: sp_runtime::TokenError::BelowMinimum.into(),
			}
			.into(),
		);
		assert_eq!(Assets::balance(TOKEN, BENEFICIARY), 5_000);
		check_invariants();
		// Now that the beneficiary holds TOKEN, the dust can be paid.
		assert_ok!(Restaking::pay_unpaid_slash(
			RuntimeOrigin::signed(BENEFICIARY),
			dust,
			destination
		));
		assert_eq!(Assets::balance(TOKEN, BENEFICIARY), 5_005);
		check_invariants();
	});
}

/// 3b. A beneficiary account that does not exist cannot receive a non-sufficient asset: every
///     pool is still cut and every amount kept.
#[test]
fn scenario_3b_a_beneficiary_that_cannot_receive_anything() {
	const TOKEN: u32 = 8;
	const NOBODY: AccountId = 4_242;
	let balances: Vec<(AccountId, Balance)> =
		[AVS_OWNER, SLASHER, RESOLVER, VAULT_OWNER, OPERATOR, ANYONE, STAKER]
			.iter()
			.map(|who| (*who, INITIAL_BALANCE))
			.collect();
	let assets = GenesisAssets {
		assets: vec![(TOKEN, VAULT_OWNER, false, 1)],
		accounts: vec![(TOKEN, VAULT_OWNER, 1_000_000), (TOKEN, STAKER, 1_000_000)],
	};
	new_test_ext_with(balances, assets).execute_with(|| {
		register_operator(OPERATOR);
		let vault = pallet_restaking::NextVaultId::<Test>::get();
		assert_ok!(Restaking::create_vault(
			RuntimeOrigin::signed(VAULT_OWNER),
			NativeOrWithId::WithId(TOKEN),
			Balance::MAX / 2,
			1,
			WITHDRAWAL_DELAY,
		));
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(STAKER), vault, OPERATOR, 10_000));
		let mut config = avs_config(SlashDestination::Account(NOBODY));
		config.accepted_vaults = BoundedVec::truncate_from(vec![vault]);
		let avs = register_avs(AVS_OWNER, config);
		join(avs, OPERATOR, &[vault], Perbill::one());
		allocations_in_force();
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 1));
		run_to_block(System::block_number() + VETO_WINDOW);
		assert_eq!(executed(0), Some(1_000));
		assert_eq!(Restaking::pool_stake(vault, &OPERATOR).active, 9_000);
		assert_eq!(
			pallet_restaking::UnpaidSlashes::<Test>::get(vault, SlashDestination::Account(NOBODY)),
			1_000
		);
		check_invariants();
	});
}

/// 4. A withdrawal that is slashable at the request and matures inside the veto window
///    cannot complete before the slash resolves, and is cut by it.
#[test]
fn scenario_4_a_withdrawal_maturing_in_the_veto_window_cannot_escape() {
	ext().execute_with(|| {
		let avs = staked_pool(Perbill::one());
		// Block 4: the staker queues 400; bucket length 10, so it matures at block 30.
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(STAKER),
			NATIVE_VAULT,
			OPERATOR,
			400
		));
		let matures_at = 30;
		// Block 27: a 20% request, its window ends at 32, after the withdrawal matures.
		run_to_block(matures_at - 3);
		assert_eq!(stake(NATIVE_VAULT), (600, 400));
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(20), 1));
		run_to_block(matures_at);
		assert_noop!(
			Restaking::complete_withdrawal(RuntimeOrigin::signed(STAKER), 0),
			RestakingError::PoolSlashPending
		);
		// Nor can the rest of the stake run.
		assert_noop!(
			Restaking::queue_withdrawal(RuntimeOrigin::signed(STAKER), NATIVE_VAULT, OPERATOR, 600),
			RestakingError::PoolSlashPending
		);
		run_to_block(matures_at - 3 + VETO_WINDOW);
		// 20% of 1_000 (600 active + the 400 bucket that matured in the window), not of 600.
		assert_eq!(executed(0), Some(200));
		let before = Balances::free_balance(STAKER);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(STAKER), 0));
		assert_eq!(Balances::free_balance(STAKER), before + 320);
		check_invariants();
	});
}

/// 5. The slash takes the stake slashable at the request: neither an allocation increase that
///    was not yet in force nor stake deposited during the window.
#[test]
fn scenario_5_only_the_stake_slashable_at_the_request_is_taken() {
	ext().execute_with(|| {
		let avs = staked_pool(Perbill::from_percent(10));
		// The operator raises its allocation to 100%: in force only after the delay.
		assert_ok!(AvsRegistry::set_allocation(
			RuntimeOrigin::signed(OPERATOR),
			avs,
			NATIVE_VAULT,
			Perbill::one()
		));
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(20), 1));
		// A staker arriving during the window cannot join the pool it would be slashed with.
		assert_noop!(
			Restaking::deposit(RuntimeOrigin::signed(LATE_STAKER), NATIVE_VAULT, OPERATOR, 10_000),
			RestakingError::PoolSlashPending
		);
		run_to_block(System::block_number() + VETO_WINDOW);
		// 20% of the 10% in force at the request, of 1_000: 20 (not 20% × 100% = 200).
		assert_eq!(executed(0), Some(20));
		assert_eq!(stake(NATIVE_VAULT), (980, 0));
		// After the slash the late staker can join.
		assert_ok!(Restaking::deposit(
			RuntimeOrigin::signed(LATE_STAKER),
			NATIVE_VAULT,
			OPERATOR,
			10_000
		));
		check_invariants();
	});
}

/// 6. Zero-stake sybils filling an open AVS are removed by the owner; the removed ones stay
///    slashable through their opt-out delay, each slot costs a deposit, and an AVS with a
///    minimum operator stake keeps them out in the first place.
#[test]
fn scenario_6_sybil_operators_cannot_keep_a_real_operator_out() {
	ext().execute_with(|| {
		let vault = create_native_vault();
		register_operator(OPERATOR);
		assert_ok!(Restaking::deposit(RuntimeOrigin::signed(STAKER), vault, OPERATOR, 1_000));
		let avs = register_avs(AVS_OWNER, avs_config(SlashDestination::Burn));
		// MaxOperatorsPerAvs = 4 sybils.
		for sybil in 0..4 {
			register_operator(SYBIL + sybil);
			join(avs, SYBIL + sybil, &[vault], Perbill::one());
		}
		assert_noop!(
			AvsRegistry::opt_in(RuntimeOrigin::signed(OPERATOR), avs),
			RegistryError::TooManyOperators
		);
		allocations_in_force();
		// The owner removes a sybil; it stays slashable through its opt-out delay.
		assert_ok!(AvsRegistry::remove_operator(RuntimeOrigin::signed(AVS_OWNER), avs, SYBIL));
		assert_ok!(request(SLASHER, avs, SYBIL, Perbill::from_percent(10), 1));
		run_to_block(System::block_number() + OPT_OUT_DELAY);
		assert_ok!(AvsRegistry::finalize_opt_out(RuntimeOrigin::signed(ANYONE), avs, SYBIL));
		// The slot is free and the sybil's opt-in deposit is back (its operator registration
		// deposit stays held with its operator record).
		assert_eq!(Balances::free_balance(SYBIL), INITIAL_BALANCE - 20);
		assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(OPERATOR), avs));

		// An AVS with a minimum operator stake keeps zero-stake operators out.
		let mut config = avs_config(SlashDestination::Burn);
		config.accepted_vaults = BoundedVec::truncate_from(vec![vault]);
		config.min_operator_stake = 500;
		let guarded = register_avs(AVS_OWNER, config);
		assert_noop!(
			AvsRegistry::opt_in(RuntimeOrigin::signed(SYBIL + 1), guarded),
			RegistryError::InsufficientOperatorStake
		);
		assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(OPERATOR), guarded));
		check_invariants();
	});
}

/// 7. Every request, every opt-in and every operator registration holds a deposit, released
///    when its record goes;
///    incident records are pruned once too old; fresh incident ids cannot take more than
///    `max_slash` of an operator in one budget window.
#[test]
fn scenario_7_storage_is_paid_for_and_fresh_incidents_share_one_budget() {
	ext().execute_with(|| {
		let avs = staked_pool(Perbill::one());
		let free = Balances::free_balance(SLASHER);
		// max_slash is 20%: two 10% requests with fresh ids use it up.
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 1));
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(10), 2));
		assert_noop!(
			request(SLASHER, avs, OPERATOR, Perbill::from_parts(1), 3),
			SlashError::SlashBudgetExceeded
		);
		assert_eq!(Balances::free_balance(SLASHER), free - 2 * SlashRequestDeposit::get());
		run_to_block(System::block_number() + VETO_WINDOW);
		// 10% of 1_000, then 10% of 900.
		assert_eq!(executed(0).unwrap() + executed(1).unwrap(), 190);

		// Records stay while the incidents could be reported (`MAX_INCIDENT_AGE` from block
		// 4), then anyone prunes them and the deposits come back.
		assert_noop!(
			Slashing::prune_incident(RuntimeOrigin::signed(ANYONE), avs, OPERATOR, incident(1)),
			SlashError::IncidentNotExpired
		);
		run_to_block(210);
		// A new window: the budget is available again.
		assert_ok!(request(SLASHER, avs, OPERATOR, Perbill::from_percent(20), 3));
		run_to_block(System::block_number() + VETO_WINDOW);
		for n in 1..=2 {
			assert_ok!(Slashing::prune_incident(
				RuntimeOrigin::signed(ANYONE),
				avs,
				OPERATOR,
				incident(n)
			));
		}
		assert_eq!(Balances::free_balance(SLASHER), free - SlashRequestDeposit::get());
		assert_eq!(
			pallet_slashing::Incidents::<Test>::get((avs, OPERATOR, incident(3)))
				.map(|record| record.status),
			Some(IncidentStatus::Executed)
		);
		// The pruned incident (it occurred in block 4) can never be reported again.
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				avs,
				OPERATOR,
				Perbill::from_percent(10),
				incident(1),
				4,
				vec![],
			),
			SlashError::IncidentTooOld
		);
		// The operator's registration deposit is held with its record.
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Restaking(pallet_restaking::HoldReason::OperatorRegistration),
				&OPERATOR
			),
			20
		);
		// The operator's opt-in deposit is held until it leaves.
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::AvsRegistry(pallet_avs_registry::HoldReason::OptIn),
				&OPERATOR
			),
			10
		);
		check_invariants();
	});
}
