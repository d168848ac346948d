//! The consensus AVS's election on the real restaking and AVS-registry pallets: who is
//! eligible, how the set is ranked and bounded, who leaves, and the genesis that makes the
//! first validators restaked operators.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::NativeOrWithId};
use pallet_avs_registry::types::{AvsId, GenesisAvs, SlashDestination};
use pallet_consensus_avs::{Elected, Event as ConsensusEvent, LastElection, MinValidatorStake};
use pallet_restaking::traits::RestakingInspect;
use pallet_session::SessionManager;
use sp_runtime::{BuildStorage, DispatchError, Perbill};

/// The consensus AVS (the first AVS registered).
const CONSENSUS: AvsId = pallet_consensus_avs::CONSENSUS_AVS;
/// Operators `OPERATOR_BASE + i`.
const OPERATOR_BASE: AccountId = 100;

fn operator(i: u32) -> AccountId {
	OPERATOR_BASE + i as AccountId
}

/// Externalities with the native vault, the consensus AVS (AVS 0, requiring `min_stake` at
/// opt-in) and a minimum validator stake of `min_stake`; operators `0..n` funded.
fn consensus_ext(n: u32, min_stake: Balance) -> sp_io::TestExternalities {
	let mut balances: Vec<(AccountId, Balance)> = [AVS_OWNER, VAULT_OWNER, ANYONE]
		.iter()
		.map(|who| (*who, INITIAL_BALANCE))
		.collect();
	balances.extend((0..n).map(|i| (operator(i), INITIAL_BALANCE)));
	let mut ext = new_test_ext_with(balances, GenesisAssets::default());
	ext.execute_with(|| {
		assert_ok!(Restaking::create_vault(
			RuntimeOrigin::signed(VAULT_OWNER),
			NativeOrWithId::Native,
			Balance::MAX / 2,
			1,
			WITHDRAWAL_DELAY,
		));
		let mut config = avs_config(SlashDestination::Burn);
		config.min_operator_stake = min_stake;
		assert_ok!(AvsRegistry::register_avs(RuntimeOrigin::signed(AVS_OWNER), config));
		assert_ok!(ConsensusAvs::set_min_validator_stake(RuntimeOrigin::root(), min_stake));
	});
	ext
}

/// Operator `i` registers, stakes `stake` in the native vault with itself, opts in to the
/// consensus AVS, allocates `allocation` and (if `keys`) registers session keys; the
/// allocation is in force after this returns.
fn join(i: u32, stake: Balance, allocation: Perbill, keys: bool) {
	let who = operator(i);
	assert_ok!(Restaking::register_operator(
		RuntimeOrigin::signed(who),
		Perbill::from_percent(10),
		Default::default()
	));
	assert_ok!(Restaking::deposit(RuntimeOrigin::signed(who), NATIVE_VAULT, who, stake));
	assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(who), CONSENSUS));
	assert_ok!(AvsRegistry::set_allocation(
		RuntimeOrigin::signed(who),
		CONSENSUS,
		NATIVE_VAULT,
		allocation
	));
	if keys {
		MockSessionKeys::insert(who, ());
	}
	run_to_block(System::block_number() + ALLOCATION_DELAY);
}

/// The validators `new_session` plans for `session`.
fn plan(session: u32) -> Option<Vec<AccountId>> {
	<ConsensusAvs as SessionManager<AccountId>>::new_session(session)
}

#[test]
fn the_top_operators_by_allocated_stake_are_elected_ties_by_account() {
	consensus_ext(4, 100).execute_with(|| {
		// Allocated stake: 0 → 1000, 1 → 500 (50% of 1000), 2 → 2000, 3 → 500.
		join(0, 1_000, Perbill::one(), true);
		join(1, 1_000, Perbill::from_percent(50), true);
		join(2, 2_000, Perbill::one(), true);
		join(3, 500, Perbill::one(), true);
		assert_eq!(ConsensusAvs::allocated_stake(&operator(1)), 500);

		// Three seats: 2, 0, then the tie of 1 and 3 at 500 goes to the lower account, 1.
		assert_eq!(plan(1), Some(vec![operator(2), operator(0), operator(1)]));
		assert_eq!(
			Elected::<Test>::get().into_inner(),
			vec![(operator(2), 2_000), (operator(0), 1_000), (operator(1), 500)]
		);
		assert_eq!(LastElection::<Test>::get(), Some(1));
		System::assert_last_event(
			ConsensusEvent::ValidatorsElected {
				session: 1,
				validators: Elected::<Test>::get(),
				candidates: 4,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn only_eligible_operators_are_candidates() {
	consensus_ext(4, 100).execute_with(|| {
		join(0, 1_000, Perbill::one(), true);
		// No session keys.
		join(1, 5_000, Perbill::one(), false);
		// Allocated stake 15% of 1000 = 150, then below the minimum once root raises it to 200.
		join(2, 1_000, Perbill::from_percent(15), true);
		// Paused operator.
		join(3, 5_000, Perbill::one(), true);
		assert_ok!(Restaking::pause_operator(RuntimeOrigin::signed(operator(3))));
		assert_ok!(ConsensusAvs::set_min_validator_stake(RuntimeOrigin::root(), 200));

		assert_eq!(ConsensusAvs::candidate_stake(&operator(1)), None);
		assert_eq!(ConsensusAvs::candidate_stake(&operator(2)), None);
		assert_eq!(ConsensusAvs::candidate_stake(&operator(3)), None);
		assert_eq!(ConsensusAvs::elect().1, 1);
		// One candidate, fewer than MinValidators (2): the current set stays.
		assert_eq!(plan(1), None);
		System::assert_last_event(
			ConsensusEvent::ElectionKeptCurrentSet { session: 1, candidates: 1 }.into(),
		);
		assert!(Elected::<Test>::get().is_empty());

		// Keys registered and the operator resumed: both are candidates now.
		MockSessionKeys::insert(operator(1), ());
		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(operator(3))));
		assert_eq!(plan(2), Some(vec![operator(1), operator(3), operator(0)]));
	});
}

#[test]
fn a_pending_allocation_increase_does_not_count_until_in_force() {
	consensus_ext(2, 100).execute_with(|| {
		join(0, 1_000, Perbill::one(), true);
		join(1, 1_000, Perbill::from_percent(20), true);
		assert_ok!(AvsRegistry::set_allocation(
			RuntimeOrigin::signed(operator(1)),
			CONSENSUS,
			NATIVE_VAULT,
			Perbill::one()
		));
		// Still 20% in force: 200.
		assert_eq!(ConsensusAvs::allocated_stake(&operator(1)), 200);
		assert_eq!(plan(1), Some(vec![operator(0), operator(1)]));
		assert_eq!(Elected::<Test>::get()[1], (operator(1), 200));
		run_to_block(System::block_number() + ALLOCATION_DELAY);
		assert_eq!(ConsensusAvs::allocated_stake(&operator(1)), 1_000);
	});
}

#[test]
fn an_operator_that_deallocates_below_the_minimum_or_queues_its_stake_leaves_the_set() {
	consensus_ext(3, 100).execute_with(|| {
		join(0, 1_000, Perbill::one(), true);
		join(1, 1_000, Perbill::one(), true);
		join(2, 1_000, Perbill::one(), true);
		assert_eq!(plan(1).map(|set| set.len()), Some(3));

		// Operator 0 lowers its allocation to 5% (50 < 100): out at the next election, although
		// its old fraction stays slashable for the withdrawal delay.
		assert_ok!(AvsRegistry::set_allocation(
			RuntimeOrigin::signed(operator(0)),
			CONSENSUS,
			NATIVE_VAULT,
			Perbill::from_percent(5)
		));
		// Operator 1 queues 950 of its 1000 for withdrawal: queued stake does not count.
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(operator(1)),
			NATIVE_VAULT,
			operator(1),
			950
		));
		assert_eq!(ConsensusAvs::allocated_stake(&operator(1)), 50);
		assert_eq!(plan(2), None, "one candidate left: fewer than MinValidators");
		// Root lowers the minimum: all three are candidates again, by stake.
		assert_ok!(ConsensusAvs::set_min_validator_stake(RuntimeOrigin::root(), 50));
		assert_eq!(plan(3), Some(vec![operator(2), operator(0), operator(1)]));
		check_invariants();
	});
}

#[test]
fn the_minimum_validator_stake_is_roots_and_a_no_op_is_refused() {
	consensus_ext(0, 100).execute_with(|| {
		assert_noop!(
			ConsensusAvs::set_min_validator_stake(RuntimeOrigin::signed(ANYONE), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ConsensusAvs::set_min_validator_stake(RuntimeOrigin::root(), 100),
			pallet_consensus_avs::Error::<Test>::Unchanged
		);
		assert_ok!(ConsensusAvs::set_min_validator_stake(RuntimeOrigin::root(), 7));
		assert_eq!(MinValidatorStake::<Test>::get(), 7);
		System::assert_last_event(ConsensusEvent::MinValidatorStakeSet { stake: 7 }.into());
	});
}

#[test]
fn genesis_makes_the_validators_restaked_operators_with_allocations_in_force() {
	let validators = [operator(0), operator(1)];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(AccountId, Balance)> =
		validators.iter().map(|v| (*v, INITIAL_BALANCE)).collect();
	balances.push((AVS_OWNER, INITIAL_BALANCE));
	balances.push((VAULT_OWNER, INITIAL_BALANCE));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_restaking::GenesisConfig::<Test> {
		vaults: vec![(VAULT_OWNER, NativeOrWithId::Native, Balance::MAX / 2, 1, WITHDRAWAL_DELAY)],
		operators: validators.iter().map(|v| (*v, Perbill::from_percent(10))).collect(),
		delegations: validators.iter().map(|v| (*v, NATIVE_VAULT, *v, 1_000)).collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_avs_registry::GenesisConfig::<Test> {
		avss: vec![GenesisAvs {
			owner: AVS_OWNER,
			metadata: b"consensus".to_vec(),
			accepted_vaults: vec![NATIVE_VAULT],
			min_operator_stake: 100,
			slasher: SLASHER,
			resolver: None,
			max_slash: Perbill::from_percent(10),
			veto_window: VETO_WINDOW,
			beneficiary: None,
			reward_assets: vec![NativeOrWithId::Native],
			requires_approval: true,
			opt_out_delay: OPT_OUT_DELAY,
		}],
		opt_ins: validators.iter().map(|v| (CONSENSUS, *v)).collect(),
		allocations: validators
			.iter()
			.map(|v| (CONSENSUS, *v, NATIVE_VAULT, Perbill::one()))
			.collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_consensus_avs::GenesisConfig::<Test> { epoch_length: 10, min_validator_stake: 100 }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		for v in validators {
			MockSessionKeys::insert(v, ());
			// The deposit was made by the deposit call's code: the pool and position exist.
			assert_eq!(
				<Restaking as RestakingInspect<AccountId>>::pool_stake(NATIVE_VAULT, &v).active,
				1_000
			);
			// Approved although the AVS requires approval, and in force at block 0.
			assert_eq!(
				pallet_avs_registry::OptIns::<Test>::get(CONSENSUS, v),
				Some(pallet_avs_registry::types::OptInStatus::OptedIn)
			);
			assert_eq!(ConsensusAvs::allocated_stake(&v), 1_000);
		}
		assert_eq!(pallet_consensus_avs::EpochLength::<Test>::get(), 10);
		assert_eq!(
			<ConsensusAvs as SessionManager<AccountId>>::new_session_genesis(0),
			Some(vec![operator(0), operator(1)])
		);
		System::set_block_number(1);
		check_invariants();
	});
}
