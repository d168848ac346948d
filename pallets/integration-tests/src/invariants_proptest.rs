//! Property test of the whole restaking ledger (issue #6): random sequences of every
//! dispatchable of the four pallets (restaking 14, AVS registry 11, slashing 3, rewards 6),
//! from signed and root origins, with arguments drawn from small ranges so that valid and
//! invalid inputs both happen often, interleaved with runs of the block hooks, against the
//! real-pallets mock runtime of `mock.rs`.
//!
//! ## What is generated
//!
//! A case is a sequence of up to [`MAX_STEPS`] [`Action`]s, usually (85%) starting from a
//! populated ledger ([`populate`]: two operators, a native and an asset vault with stake, two
//! AVSs with opt-ins and allocations in force), otherwise from genesis. Accounts come from a
//! small universe (AVS owners, operators, stakers, slasher, resolver, beneficiary, vault
//! owner, an unfunded account); assets are the native token, a non-sufficient asset, a
//! sufficient asset and a missing one; ids, amounts, fractions and delays come from small
//! ranges around the valid values plus zero and extremes. Each call's caller is mostly the
//! account for which it can succeed, sometimes anyone, sometimes root. Besides plain
//! dispatches there are [`Action::QueueShare`] (queue or redelegate a part of an existing
//! position), [`Action::Targeted`] (aim at a queued withdrawal, pending slash, pending opt-in,
//! … that exists when the step runs), [`Action::AdvanceBlocks`] (hooks run) and
//! [`Action::SkipBlocks`] (due slashes left over for `execute_slash`).
//!
//! The adversaries of issue #11 are among them: AVS owners changing the rules under pending
//! requests (`update_avs`) and removing operators ([`Target::RemoveOperator`]), spam requests
//! (`request_slash` from the slasher and from anyone), a dust AVS whose cuts are too small to
//! be paid to its destination ([`Target::DustSlash`], then [`Target::PayUnpaidSlash`]),
//! stakers racing pending slashes with deposits, queued and completed withdrawals
//! ([`Target::RaceSlash`]), and long block runs after which incident records are pruned
//! ([`Target::PruneIncident`]).
//!
//! ## What is checked after every step
//!
//! - every pallet's `do_try_state()` (restaking, AVS registry, slashing, rewards; the other
//!   pallets expose it to this crate through their `try-state-checks` feature);
//! - a failed call changed nothing (storage root unchanged), and a successful call that
//!   emitted no event changed nothing either;
//! - invariant 1: every vault account holds exactly `existential_reserve + total_stake` plus
//!   its unpaid slashes, which equal the deferred minus the paid ones (from the events), and
//!   `total_stake` equals Σ deposits − Σ withdrawals paid − Σ slashes of the vault;
//! - invariant 3: the total issuance of every asset changes only by the slashes burned
//!   (`PoolSlashed` events with `SlashDestination::Burn`, less the deferred burns, plus the
//!   deferred burns paid later);
//! - invariant 7: every pending request is still exactly what it was when made (rules and
//!   basis); a veto by a signed origin comes from the resolver named at the request; an
//!   execution cuts each pool by the fraction of its basis and takes at most that fraction of
//!   the pool's slashable stake at the request; no deposit, queued withdrawal or redelegation
//!   joins or leaves a pool that a pending request locked when the step started, and no
//!   bucket such a request may still cut loses stake except to a slash;
//! - no funds created or lost: Σ balances (free + held) of every account that can hold funds
//!   (the universe, the treasury, the reward pot, every vault account) equals the total
//!   issuance, per asset, and no balance or sum overflows;
//! - the reward pot holds exactly what was paid in minus what was paid out; the rewards
//!   pallet's books (outstanding staker rewards, accrued protocol fees, Σ operator
//!   commission) match the submitted splits minus the claims; every submission splits exactly
//!   its amount;
//! - invariant 4, per staker and vault: withdrawn + current value of its shares and queued
//!   withdrawals ≤ deposited, up to the rounding the pools keep from other stakers (less than
//!   one unit per share operation in the vault, see [`Ledger::rounding_ops`]); per staker and
//!   asset: claimed + pending rewards ≤ what its shares earned at each pool credit.
//!
//! Any panic fails the test (proptest catches it and shrinks the sequence); in a debug build
//! so does a `defensive!` failure.
//!
//! ## Running
//!
//! 256 cases in release, 32 in a debug build (the release run takes a few seconds);
//! `PROPTEST_CASES` overrides both, e.g. for thousands of sequences:
//! `PROPTEST_CASES=5000 SKIP_WASM_BUILD=1 cargo test --release -p pallet-restaking-integration-tests invariants`.
//! `INVARIANTS_STATS=1` (with `-- --nocapture`) prints how often each call returned `Ok` or
//! each error and how often each event was emitted, to see what the generator reaches.
//! A failure prints the shrunk sequence; no regression file is written.

use crate::mock::*;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
	BoundedVec,
};
use pallet_avs_registry::types::{AvsConfig, AvsId, AvsSlashingParams, SlashDestination};
use pallet_restaking::types::VaultId;
use pallet_rewards::{AccruedProtocolFees, OperatorCommission, OutstandingStakerRewards};
use proptest::{prelude::*, strategy::Union, test_runner::Config as ProptestConfig};
use sp_core::H256;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::Dispatchable, Perbill, Rounding,
	StateVersion,
};
use std::collections::{BTreeMap, BTreeSet};

type SlashingPallet = pallet_slashing::Pallet<Test>;

/// Return an error with the message if the condition does not hold.
macro_rules! check {
	($cond:expr, $($msg:tt)+) => {
		if !$cond {
			return Err(format!($($msg)+));
		}
	};
}

/// Second AVS owner.
const AVS_OWNER_2: AccountId = 6;
/// Second operator.
const OPERATOR_2: AccountId = 11;
/// Funded, but not registered as an operator at the start.
const NOT_AN_OPERATOR: AccountId = 12;
const STAKERS: [AccountId; 3] = [20, 21, 22];
/// Holds nothing at all (not even a native balance).
const UNFUNDED: AccountId = 98;
/// Holds the native token but none of the asset: the slash destination of the dust AVS, which
/// cannot receive a cut below the asset's minimum balance (issue #11, scenario 3).
const DUST_BENEFICIARY: AccountId = 97;
/// A non-sufficient asset of pallet-assets (an LST-like collateral).
const ASSET_ID: u32 = 1;
/// An asset id that does not exist.
const MISSING_ASSET_ID: u32 = 2;
/// A sufficient asset (accounts without a native balance can hold it), used as a third reward
/// asset (pools track at most `MaxRewardAssets = 2`).
const SUFFICIENT_ASSET_ID: u32 = 3;
const ASSET_MIN_BALANCE: Balance = 3;
/// Every account with a genesis balance (native and asset).
const FUNDED: [AccountId; 13] = [
	AVS_OWNER,
	SLASHER,
	RESOLVER,
	BENEFICIARY,
	VAULT_OWNER,
	AVS_OWNER_2,
	OPERATOR,
	OPERATOR_2,
	NOT_AN_OPERATOR,
	STAKERS[0],
	STAKERS[1],
	STAKERS[2],
	ANYONE,
];
const OPERATORS: [AccountId; 3] = [OPERATOR, OPERATOR_2, NOT_AN_OPERATOR];
const AVS_OWNERS: [AccountId; 2] = [AVS_OWNER, AVS_OWNER_2];
/// Longest generated sequence.
const MAX_STEPS: usize = 100;
/// `MaxLiveBuckets` of the mock: a slash rounds once per live bucket plus once for the
/// active stake.
const MAX_LIVE_BUCKETS: Balance = 4;

fn native() -> AssetKind {
	NativeOrWithId::Native
}

fn asset() -> AssetKind {
	NativeOrWithId::WithId(ASSET_ID)
}

/// The assets that exist (their issuance and holders are checked).
fn existing_assets() -> [AssetKind; 3] {
	[native(), asset(), NativeOrWithId::WithId(SUFFICIENT_ASSET_ID)]
}

/// Who dispatches a call.
#[derive(Clone, Copy, Debug)]
enum Caller {
	Signed(AccountId),
	Root,
}

impl Caller {
	fn origin(self) -> RuntimeOrigin {
		match self {
			Caller::Signed(who) => RuntimeOrigin::signed(who),
			Caller::Root => RuntimeOrigin::root(),
		}
	}
}

/// What a [`Action::Targeted`] step aims at.
#[derive(Clone, Copy, Debug)]
enum Target {
	/// `complete_withdrawal` of a queued withdrawal, by its staker.
	CompleteWithdrawal,
	/// `execute_slash` of a pending slash, by anyone.
	ExecuteSlash,
	/// `veto_slash` of a pending slash, by root or by its AVS's resolver.
	VetoSlash { by_root: bool },
	/// `claim_commission` of an operator with unclaimed commission.
	ClaimCommission,
	/// `transfer_protocol_fees` of an asset with accrued fees.
	TransferProtocolFees,
	/// `approve_operator` (or `reject_operator`) of a pending opt-in, by the AVS's owner.
	DecideOptIn { approve: bool },
	/// `finalize_opt_out` of an operator that is opting out.
	FinalizeOptOut,
	/// `finalize_deregistration` of a deregistering AVS.
	FinalizeDeregistration,
	/// `remove_operator` of an operator of an AVS (any status), by the AVS's owner: the owner
	/// as an adversary of its operators, or cleaning out sybils.
	RemoveOperator,
	/// `prune_incident` of a stored incident record, by anyone.
	PruneIncident,
	/// `pay_unpaid_slash` of a vault's unpaid slash, by anyone (it succeeds once the unpaid
	/// amount reaches the asset's minimum balance).
	PayUnpaidSlash,
	/// A slash request of the dust AVS (2) against `OPERATOR_2`: its cut of the asset vault is
	/// often too small to be paid to its destination.
	DustSlash,
	/// A staker racing a pending slash: a deposit into, a queued withdrawal from or the
	/// completion of a withdrawal from a pool that a pending request names.
	RaceSlash,
}

/// One step of a sequence.
#[derive(Clone, Debug)]
enum Action {
	/// Dispatch `call` from `caller`.
	Dispatch { caller: Caller, call: RuntimeCall },
	/// `queue_withdrawal` (or `redelegate` to `redelegate_to`) of `percent`% of the shares the
	/// caller holds in pool (`vault`, `operator`) when the step runs (1 share if none).
	QueueShare {
		caller: Caller,
		vault: VaultId,
		operator: AccountId,
		percent: u8,
		redelegate_to: Option<AccountId>,
	},
	/// A call aimed at something that exists when the step runs (a queued withdrawal, a
	/// pending slash, unclaimed commission), picked by `pick`; falls back to a call that fails
	/// if there is nothing to aim at.
	Targeted { target: Target, pick: u16 },
	/// Run `on_finalize` / `on_initialize` of every pallet for this many blocks.
	AdvanceBlocks(u64),
	/// Move the block number on without running the hooks: what the chain looks like when
	/// `on_initialize` left due slashes over (more than `MaxAutoExecutionsPerBlock` due in a
	/// block), so that `execute_slash` and late vetoes get exercised.
	SkipBlocks(u64),
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Any account that can sign: the funded ones and the unfunded one.
fn any_account() -> BoxedStrategy<AccountId> {
	let mut callers = FUNDED.to_vec();
	callers.push(UNFUNDED);
	prop::sample::select(callers).boxed()
}

/// Mostly one of `natural` (the accounts for which the call can succeed), sometimes anyone.
fn favouring(natural: &[AccountId]) -> BoxedStrategy<AccountId> {
	prop_oneof![4 => prop::sample::select(natural.to_vec()), 1 => any_account()].boxed()
}

/// Signed by an account from `accounts` most of the time, root sometimes.
fn signed_by(accounts: BoxedStrategy<AccountId>) -> BoxedStrategy<Caller> {
	prop_oneof![12 => accounts.prop_map(Caller::Signed), 1 => Just(Caller::Root)].boxed()
}

/// For calls root may make: root half of the time.
fn root_or(accounts: BoxedStrategy<AccountId>) -> BoxedStrategy<Caller> {
	prop_oneof![1 => Just(Caller::Root), 1 => accounts.prop_map(Caller::Signed)].boxed()
}

/// An AVS and a caller that is mostly its owner (AVS 0 is owned by `AVS_OWNER`, AVS 1 by
/// `AVS_OWNER_2` after the setup).
fn avs_and_owner() -> BoxedStrategy<(Caller, AvsId)> {
	prop_oneof![
		3 => Just((Caller::Signed(AVS_OWNER), 0)),
		3 => Just((Caller::Signed(AVS_OWNER_2), 1)),
		2 => (signed_by(favouring(&AVS_OWNERS)), avs_id()),
	]
	.boxed()
}

fn operator() -> BoxedStrategy<AccountId> {
	favouring(&OPERATORS[..2])
}

/// (from, to) operators of a redelegation: mostly between the two operators of the setup.
fn redelegation() -> BoxedStrategy<(AccountId, AccountId)> {
	prop_oneof![
		3 => Just((OPERATOR, OPERATOR_2)),
		3 => Just((OPERATOR_2, OPERATOR)),
		1 => (operator(), favouring(&OPERATORS)),
	]
	.boxed()
}

fn staker() -> BoxedStrategy<AccountId> {
	favouring(&STAKERS)
}

/// Vaults 0 (native) and 1 (asset) exist after the setup; 2 may be created; 3 rarely exists.
fn vault_id() -> BoxedStrategy<VaultId> {
	prop_oneof![6 => 0..2u32, 1 => 2..4u32].boxed()
}

/// AVSs 0 and 1 exist after the setup.
fn avs_id() -> BoxedStrategy<AvsId> {
	prop_oneof![6 => 0..2u32, 1 => 2..4u32].boxed()
}

fn asset_kind() -> BoxedStrategy<AssetKind> {
	prop_oneof![
		4 => Just(native()),
		3 => Just(asset()),
		1 => Just(NativeOrWithId::WithId(SUFFICIENT_ASSET_ID)),
		1 => Just(NativeOrWithId::WithId(MISSING_ASSET_ID)),
	]
	.boxed()
}

/// Amounts (and share counts): zero, dust, normal, more than anyone has, the maximum.
fn amount() -> BoxedStrategy<Balance> {
	prop_oneof![
		1 => Just(0u128),
		2 => 1..10u128,
		8 => 10..5_000u128,
		1 => 5_000..2_000_000u128,
		1 => Just(Balance::MAX),
	]
	.boxed()
}

fn perbill() -> BoxedStrategy<Perbill> {
	prop_oneof![
		1 => Just(Perbill::zero()),
		6 => (1..=100u32).prop_map(Perbill::from_percent),
		1 => any::<u32>().prop_map(Perbill::from_parts),
		1 => Just(Perbill::one()),
	]
	.boxed()
}

/// Withdrawal delays (valid: `MIN_WITHDRAWAL_DELAY..=100`, 20..=100).
fn withdrawal_delay() -> BoxedStrategy<u64> {
	prop_oneof![1 => Just(0u64), 8 => 18..=26u64, 1 => 95..=105u64, 1 => Just(u64::MAX)].boxed()
}

/// Part of a position to queue: often all of it.
fn percent() -> BoxedStrategy<u8> {
	prop_oneof![1 => Just(100u8), 2 => 1..=100u8].boxed()
}

fn deposit_cap() -> BoxedStrategy<Balance> {
	prop_oneof![1 => Just(0u128), 1 => 1..1_000u128, 4 => Just(1_000_000u128), 1 => Just(Balance::MAX)]
		.boxed()
}

fn min_deposit() -> BoxedStrategy<Balance> {
	prop_oneof![4 => Just(1u128), 1 => Just(0u128), 1 => 1..500u128, 1 => Just(Balance::MAX)]
		.boxed()
}

fn metadata<S: frame_support::traits::Get<u32> + 'static>() -> BoxedStrategy<BoundedVec<u8, S>> {
	prop::collection::vec(any::<u8>(), 0..4)
		.prop_map(BoundedVec::truncate_from)
		.boxed()
}

/// AVS configurations, valid or not (veto window `2..=MAX_VETO_WINDOW`, 2..=6; opt-out delay
/// 20..=100 and above the veto window; existing distinct vaults; distinct reward assets).
fn avs_config() -> BoxedStrategy<AvsConfig<Test>> {
	let slashing =
		(
			favouring(&[SLASHER]),
			prop::option::weighted(0.8, favouring(&[RESOLVER])),
			perbill(),
			prop_oneof![1 => Just(0u64), 8 => 1..=7u64, 1 => 45..=55u64],
			prop_oneof![
				1 => Just(SlashDestination::Burn),
				1 => favouring(&[BENEFICIARY]).prop_map(SlashDestination::Account),
			],
		)
			.prop_map(|(slasher, resolver, max_slash, veto_window, destination)| {
				AvsSlashingParams { slasher, resolver, max_slash, veto_window, destination }
			});
	(
		metadata(),
		prop::collection::vec(prop_oneof![3 => 0..2u32, 1 => 2..4u32], 0..=3),
		prop_oneof![4 => Just(0u128), 1 => Just(100u128), 1 => Just(1_000_000u128)],
		slashing,
		prop::collection::vec(asset_kind(), 0..=2),
		prop::bool::weighted(0.3),
		prop_oneof![8 => 18..=26u64, 1 => 95..=105u64],
	)
		.prop_map(
			|(metadata, vaults, min_operator_stake, slashing, reward_assets, approval, opt_out)| {
				AvsConfig {
					metadata,
					accepted_vaults: BoundedVec::truncate_from(vaults),
					min_operator_stake,
					slashing,
					reward_assets: BoundedVec::truncate_from(reward_assets),
					requires_approval: approval,
					opt_out_delay: opt_out,
				}
			},
		)
		.boxed()
}

/// An arm whose caller is generated together with the call.
fn dispatch_as(
	weight: u32,
	caller_and_call: impl Strategy<Value = (Caller, RuntimeCall)> + 'static,
) -> (u32, BoxedStrategy<Action>) {
	(
		weight,
		caller_and_call
			.prop_map(|(caller, call)| Action::Dispatch { caller, call })
			.boxed(),
	)
}

fn dispatch(
	weight: u32,
	caller: BoxedStrategy<Caller>,
	call: impl Strategy<Value = RuntimeCall> + 'static,
) -> (u32, BoxedStrategy<Action>) {
	(
		weight,
		(caller, call)
			.prop_map(|(caller, call)| Action::Dispatch { caller, call })
			.boxed(),
	)
}

fn restaking_calls() -> Vec<(u32, BoxedStrategy<Action>)> {
	use pallet_restaking::Call;
	let restaking = |call: Call<Test>| RuntimeCall::Restaking(call);
	vec![
		dispatch(
			2,
			signed_by(favouring(&OPERATORS)),
			(perbill(), metadata()).prop_map(move |(commission, metadata)| {
				restaking(Call::register_operator { commission, metadata })
			}),
		),
		dispatch(
			2,
			signed_by(operator()),
			perbill().prop_map(move |commission| restaking(Call::set_commission { commission })),
		),
		dispatch(1, signed_by(operator()), Just(restaking(Call::pause_operator {}))),
		dispatch(1, signed_by(operator()), Just(restaking(Call::resume_operator {}))),
		dispatch(1, signed_by(favouring(&OPERATORS)), Just(restaking(Call::leave_operators {}))),
		dispatch(
			2,
			signed_by(favouring(&[VAULT_OWNER, UNFUNDED])),
			(asset_kind(), deposit_cap(), min_deposit(), withdrawal_delay()).prop_map(
				move |(asset, deposit_cap, min_deposit, withdrawal_delay)| {
					restaking(Call::create_vault {
						asset,
						deposit_cap,
						min_deposit,
						withdrawal_delay,
					})
				},
			),
		),
		dispatch(
			1,
			root_or(any_account()),
			(any_account(), asset_kind(), deposit_cap(), min_deposit(), withdrawal_delay())
				.prop_map(move |(owner, asset, deposit_cap, min_deposit, withdrawal_delay)| {
					restaking(Call::force_create_vault {
						owner,
						asset,
						deposit_cap,
						min_deposit,
						withdrawal_delay,
					})
				}),
		),
		dispatch(
			1,
			root_or(favouring(&[VAULT_OWNER])),
			(vault_id(), deposit_cap(), min_deposit()).prop_map(
				move |(vault, deposit_cap, min_deposit)| {
					restaking(Call::set_vault_limits { vault, deposit_cap, min_deposit })
				},
			),
		),
		dispatch(
			1,
			root_or(favouring(&[VAULT_OWNER])),
			vault_id().prop_map(move |vault| restaking(Call::pause_vault { vault })),
		),
		dispatch(
			1,
			root_or(favouring(&[VAULT_OWNER])),
			vault_id().prop_map(move |vault| restaking(Call::resume_vault { vault })),
		),
		dispatch(
			9,
			signed_by(staker()),
			(vault_id(), operator(), amount()).prop_map(move |(vault, operator, amount)| {
				restaking(Call::deposit { vault, operator, amount })
			}),
		),
		dispatch(
			1,
			signed_by(staker()),
			(vault_id(), operator(), amount()).prop_map(move |(vault, operator, shares)| {
				restaking(Call::queue_withdrawal { vault, operator, shares })
			}),
		),
		(
			5,
			(signed_by(staker()), vault_id(), operator(), percent(), Just(None))
				.prop_map(|(caller, vault, operator, percent, redelegate_to)| Action::QueueShare {
					caller,
					vault,
					operator,
					percent,
					redelegate_to,
				})
				.boxed(),
		),
		dispatch(
			5,
			signed_by(staker()),
			prop_oneof![4 => Just(0u32), 1 => 1..5u32]
				.prop_map(move |index| restaking(Call::complete_withdrawal { index })),
		),
		dispatch(
			1,
			signed_by(staker()),
			(vault_id(), redelegation(), amount()).prop_map(
				move |(vault, (from_operator, to_operator), shares)| {
					restaking(Call::redelegate { vault, from_operator, to_operator, shares })
				},
			),
		),
		(
			2,
			(signed_by(staker()), vault_id(), redelegation(), percent())
				.prop_map(|(caller, vault, (operator, to), percent)| Action::QueueShare {
					caller,
					vault,
					operator,
					percent,
					redelegate_to: Some(to),
				})
				.boxed(),
		),
	]
}

fn avs_registry_calls() -> Vec<(u32, BoxedStrategy<Action>)> {
	use pallet_avs_registry::Call;
	let registry = |call: Call<Test>| RuntimeCall::AvsRegistry(call);
	let owner = || signed_by(favouring(&AVS_OWNERS));
	vec![
		dispatch(
			2,
			owner(),
			avs_config().prop_map(move |config| registry(Call::register_avs { config })),
		),
		dispatch_as(
			2,
			(avs_and_owner(), avs_config()).prop_map(move |((caller, avs), config)| {
				(caller, registry(Call::update_avs { avs, config }))
			}),
		),
		dispatch_as(
			1,
			avs_and_owner()
				.prop_map(move |(caller, avs)| (caller, registry(Call::deregister_avs { avs }))),
		),
		dispatch(
			1,
			signed_by(any_account()),
			avs_id().prop_map(move |avs| registry(Call::finalize_deregistration { avs })),
		),
		dispatch(
			3,
			signed_by(operator()),
			avs_id().prop_map(move |avs| registry(Call::opt_in { avs })),
		),
		dispatch_as(
			2,
			(avs_and_owner(), operator()).prop_map(move |((caller, avs), operator)| {
				(caller, registry(Call::approve_operator { avs, operator }))
			}),
		),
		dispatch_as(
			1,
			(avs_and_owner(), operator()).prop_map(move |((caller, avs), operator)| {
				(caller, registry(Call::reject_operator { avs, operator }))
			}),
		),
		dispatch(
			1,
			signed_by(operator()),
			avs_id().prop_map(move |avs| registry(Call::opt_out { avs })),
		),
		dispatch(
			1,
			signed_by(any_account()),
			(avs_id(), operator()).prop_map(move |(avs, operator)| {
				registry(Call::finalize_opt_out { avs, operator })
			}),
		),
		dispatch(
			4,
			signed_by(operator()),
			(avs_id(), vault_id(), perbill()).prop_map(move |(avs, vault, fraction)| {
				registry(Call::set_allocation { avs, vault, fraction })
			}),
		),
		dispatch(
			1,
			signed_by(any_account()),
			(avs_id(), operator(), vault_id()).prop_map(move |(avs, operator, vault)| {
				registry(Call::prune_allocation { avs, operator, vault })
			}),
		),
	]
}

fn slashing_calls() -> Vec<(u32, BoxedStrategy<Action>)> {
	use pallet_slashing::Call;
	let slashing = |call: Call<Test>| RuntimeCall::Slashing(call);
	let slash_id = || prop_oneof![4 => 0..4u64, 1 => 4..12u64];
	// Mostly within the caps of the AVSs of the setup (100% and 30%).
	let fraction = prop_oneof![
		6 => (1..=30u32).prop_map(Perbill::from_percent),
		1 => Just(Perbill::one()),
		2 => perbill(),
	];
	vec![
		dispatch(
			6,
			signed_by(favouring(&[SLASHER])),
			(
				avs_id(),
				operator(),
				fraction,
				(0..6u8).prop_map(H256::repeat_byte),
				// Mostly an incident of block 1 or of the first blocks (reportable until
				// `MAX_INCIDENT_AGE` after it); sometimes one in the future or too old.
				prop_oneof![6 => Just(1u64), 4 => 1u64..40, 1 => 0u64..400],
				prop_oneof![8 => prop::collection::vec(any::<u8>(), 0..8), 1 => prop::collection::vec(any::<u8>(), 60..70)],
			)
				.prop_map(move |(avs, operator, fraction, incident, occurred_at, evidence)| {
					slashing(Call::request_slash {
						avs,
						operator,
						fraction,
						incident,
						occurred_at,
						evidence,
					})
				}),
		),
		dispatch(
			2,
			root_or(favouring(&[RESOLVER])),
			slash_id().prop_map(move |slash_id| slashing(Call::veto_slash { slash_id })),
		),
		dispatch(
			3,
			signed_by(any_account()),
			slash_id().prop_map(move |slash_id| slashing(Call::execute_slash { slash_id })),
		),
	]
}

fn rewards_calls() -> Vec<(u32, BoxedStrategy<Action>)> {
	use pallet_rewards::Call;
	let rewards = |call: Call<Test>| RuntimeCall::Rewards(call);
	vec![
		dispatch_as(
			6,
			(
				avs_and_owner(),
				asset_kind(),
				amount(),
				// Mostly periods the start state's AVSs and vaults allow (10..=12 blocks).
				prop_oneof![
					6 => Just(REWARD_PERIOD),
					2 => REWARD_PERIOD + 1..=12,
					1 => 0..REWARD_PERIOD,
					1 => 13..200u64,
				],
				prop::option::weighted(
					0.3,
					prop::collection::vec((favouring(&OPERATORS), 0..4u32), 0..=5),
				),
			)
				.prop_map(move |((caller, avs), asset, amount, duration, operator_weights)| {
					let call = rewards(Call::submit_rewards {
						avs,
						asset,
						amount,
						duration,
						operator_weights,
					});
					(caller, call)
				}),
		),
		dispatch(3, signed_by(staker()), Just(rewards(Call::claim_rewards {}))),
		dispatch(
			2,
			signed_by(staker()),
			(vault_id(), operator()).prop_map(move |(vault, operator)| {
				rewards(Call::claim_rewards_from { vault, operator })
			}),
		),
		dispatch(
			2,
			signed_by(staker()),
			(vault_id(), operator()).prop_map(move |(vault, operator)| {
				rewards(Call::return_undistributed { vault, operator })
			}),
		),
		dispatch(
			2,
			signed_by(operator()),
			asset_kind().prop_map(move |asset| rewards(Call::claim_commission { asset })),
		),
		dispatch(
			1,
			signed_by(any_account()),
			asset_kind().prop_map(move |asset| rewards(Call::transfer_protocol_fees { asset })),
		),
		dispatch(
			1,
			root_or(any_account()),
			perbill().prop_map(move |fee| rewards(Call::set_protocol_fee { fee })),
		),
	]
}

/// Every dispatchable of the four pallets, plus runs of the block hooks.
fn action() -> impl Strategy<Value = Action> {
	let mut arms = restaking_calls();
	arms.extend(avs_registry_calls());
	arms.extend(slashing_calls());
	arms.extend(rewards_calls());
	arms.push((
		16,
		prop_oneof![6 => 1..=4u64, 3 => 5..=12u64, 1 => 13..=30u64, 1 => 150..=250u64]
			.prop_map(Action::AdvanceBlocks)
			.boxed(),
	));
	arms.push((3, (1..=6u64).prop_map(Action::SkipBlocks).boxed()));
	let targeted = |weight: u32, target: Target| {
		(weight, any::<u16>().prop_map(move |pick| Action::Targeted { target, pick }).boxed())
	};
	arms.push(targeted(4, Target::CompleteWithdrawal));
	arms.push(targeted(2, Target::ExecuteSlash));
	arms.push(targeted(1, Target::VetoSlash { by_root: true }));
	arms.push(targeted(1, Target::VetoSlash { by_root: false }));
	arms.push(targeted(2, Target::ClaimCommission));
	arms.push(targeted(1, Target::TransferProtocolFees));
	arms.push(targeted(1, Target::DecideOptIn { approve: true }));
	arms.push(targeted(1, Target::DecideOptIn { approve: false }));
	arms.push(targeted(2, Target::FinalizeOptOut));
	arms.push(targeted(1, Target::FinalizeDeregistration));
	// The adversaries of issue #11 (owners changing rules and spam requests are among the
	// plain dispatches: `update_avs`, `request_slash`).
	arms.push(targeted(1, Target::RemoveOperator));
	arms.push(targeted(1, Target::PruneIncident));
	arms.push(targeted(2, Target::PayUnpaidSlash));
	arms.push(targeted(4, Target::RaceSlash));
	arms.push(targeted(2, Target::DustSlash));
	Union::new_weighted(arms)
}

// ---------------------------------------------------------------------------------------------
// The expected ledger, from the events
// ---------------------------------------------------------------------------------------------

/// What the events say must have happened, to compare with the state.
#[derive(Default, Debug)]
struct Ledger {
	/// Total issuance per asset before anything happened.
	initial_issuance: BTreeMap<AssetKind, Balance>,
	/// Burned by slashes, per asset.
	burned: BTreeMap<AssetKind, Balance>,
	/// Deposited per (staker, vault).
	deposited: BTreeMap<(AccountId, VaultId), Balance>,
	/// Withdrawals paid per (staker, vault).
	withdrawn: BTreeMap<(AccountId, VaultId), Balance>,
	/// Deposited into / paid out of / slashed from each vault.
	vault_in: BTreeMap<VaultId, Balance>,
	vault_out: BTreeMap<VaultId, Balance>,
	vault_slashed: BTreeMap<VaultId, Balance>,
	/// Upper bound of the stake that rounding may have moved between the stakers of a vault:
	/// every share operation rounds by less than one unit (a share is never worth more than
	/// one unit: shares are minted 1:1 and only lose value).
	rounding_ops: BTreeMap<VaultId, Balance>,
	/// Paid into / out of the reward pot, per asset.
	pot_in: BTreeMap<AssetKind, Balance>,
	pot_out: BTreeMap<AssetKind, Balance>,
	/// Split of the submissions and what was claimed, per asset.
	to_stakers: BTreeMap<AssetKind, Balance>,
	rewards_claimed: BTreeMap<AssetKind, Balance>,
	/// Per (staker, asset): the most the staker can have earned, Σ over the steps of what its
	/// pools released in the step × its shares / the pool's active shares when the step
	/// started (rounded up): shares × time (invariant 8), and what it claimed.
	reward_entitlement: BTreeMap<(AccountId, AssetKind), Balance>,
	rewards_claimed_by: BTreeMap<(AccountId, AssetKind), Balance>,
	to_commission: BTreeMap<AssetKind, Balance>,
	commission_claimed: BTreeMap<AssetKind, Balance>,
	to_treasury: BTreeMap<AssetKind, Balance>,
	fees_transferred: BTreeMap<AssetKind, Balance>,
	/// Slashed collateral kept in / paid out of each vault as unpaid slashes.
	unpaid_in: BTreeMap<VaultId, Balance>,
	unpaid_out: BTreeMap<VaultId, Balance>,
	/// Of the burn-destined slashes, the amounts whose burn was deferred, and later paid.
	burn_deferred: BTreeMap<AssetKind, Balance>,
	burn_paid: BTreeMap<AssetKind, Balance>,
	/// Staker rewards returned to the treasury as undistributed, per asset.
	undistributed_returned: BTreeMap<AssetKind, Balance>,
	/// Every pool as it was when the current step started: its active shares, its stakers'
	/// shares and per reward asset what it still streamed and held undistributed.
	pools_before: BTreeMap<(VaultId, AccountId), PoolSnapshot>,
	/// Pools a pending slash request locked when the current step started.
	locked_before: BTreeSet<(VaultId, AccountId)>,
	/// The buckets in the live lists of those pools (a pending request may still cut them),
	/// with their stake when the step started.
	held_before: BTreeMap<(VaultId, AccountId, u64), Balance>,
	/// Every pending request as it was when made, with the slashable stake of each pool of
	/// its basis at that moment.
	requests: BTreeMap<u64, (pallet_slashing::PendingSlashOf<Test>, BTreeMap<VaultId, Balance>)>,
}

/// A pool's reward state when a step started (see [`Ledger::pools_before`]).
#[derive(Default, Debug, Clone)]
struct PoolSnapshot {
	active_shares: Balance,
	shares: BTreeMap<AccountId, Balance>,
	/// Per asset: (streaming, undistributed).
	streams: BTreeMap<AssetKind, (Balance, Balance)>,
}

fn pool_snapshots() -> BTreeMap<(VaultId, AccountId), PoolSnapshot> {
	let mut pools: BTreeMap<(VaultId, AccountId), PoolSnapshot> =
		pallet_restaking::Pools::<Test>::iter()
			.map(|(vault, operator, pool)| {
				let streams = pool
					.rewards
					.iter()
					.map(|(asset, reward)| {
						(asset.clone(), (reward.streaming, reward.undistributed))
					})
					.collect();
				(
					(vault, operator),
					PoolSnapshot {
						active_shares: pool.active_shares,
						shares: BTreeMap::new(),
						streams,
					},
				)
			})
			.collect();
	for (staker, key, position) in pallet_restaking::Positions::<Test>::iter() {
		if let Some(pool) = pools.get_mut(&key) {
			pool.shares.insert(staker, position.shares);
		}
	}
	pools
}

fn add<K: Ord>(map: &mut BTreeMap<K, Balance>, key: K, amount: Balance) {
	let entry = map.entry(key).or_default();
	*entry = entry.checked_add(amount).expect("ledger overflow");
}

fn get<K: Ord>(map: &BTreeMap<K, Balance>, key: &K) -> Balance {
	map.get(key).copied().unwrap_or_default()
}

impl Ledger {
	fn new() -> Self {
		let mut ledger = Ledger::default();
		for kind in existing_assets() {
			ledger
				.initial_issuance
				.insert(kind.clone(), NativeAndAssets::total_issuance(kind));
		}
		ledger
	}

	/// Remember which pools are slash-locked, and every pool's reward state, before a step.
	fn before_step(&mut self) {
		self.pools_before = pool_snapshots();
		self.locked_before = pallet_restaking::PoolSlashLocks::<Test>::iter_keys().collect();
		self.held_before = self
			.locked_before
			.iter()
			.flat_map(|(vault, operator)| {
				let live = pallet_restaking::Pools::<Test>::get(vault, operator)
					.map(|pool| pool.live_buckets.into_inner())
					.unwrap_or_default();
				live.into_iter().map(move |bucket| (*vault, *operator, bucket))
			})
			.map(|key| {
				let stake =
					pallet_restaking::WithdrawalBuckets::<Test>::get(key).map_or(0, |b| b.stake);
				(key, stake)
			})
			.collect();
	}

	/// Fail if a bucket that a pending request may still cut lost stake in a step that
	/// slashed nothing (a withdrawal escaped from it).
	fn held_buckets_kept(&self, slashed: bool) -> Result<(), String> {
		if slashed {
			return Ok(());
		}
		for (key, before) in self.held_before.iter() {
			let now = pallet_restaking::WithdrawalBuckets::<Test>::get(key).map_or(0, |b| b.stake);
			check!(
				now >= *before,
				"bucket {key:?} of a locked pool went from {before} to {now} without a slash"
			);
		}
		Ok(())
	}

	/// Fail if pool (`vault`, `operator`) was locked by a pending slash when the step started:
	/// its shares must not have moved.
	fn not_locked(&self, vault: VaultId, operator: AccountId, what: &str) -> Result<(), String> {
		check!(
			!self.locked_before.contains(&(vault, operator)),
			"{what} in pool ({vault}, {operator}) while a slash request on it was pending"
		);
		Ok(())
	}

	/// Book the events of the last step and clear them.
	fn absorb_events(&mut self) -> Result<(), String> {
		use pallet_restaking::Event as R;
		use pallet_slashing::Event as S;
		let slashed = System::events()
			.iter()
			.any(|record| matches!(record.event, RuntimeEvent::Restaking(R::PoolSlashed { .. })));
		self.held_buckets_kept(slashed)?;
		// Per (vault, operator, asset): credited to the pool's stream, and taken from what it
		// held undistributed, in this step.
		let mut credited: BTreeMap<(VaultId, AccountId, AssetKind), Balance> = BTreeMap::new();
		let mut taken: BTreeMap<(VaultId, AccountId, AssetKind), Balance> = BTreeMap::new();
		for record in System::events() {
			let name = format!("{:?}", record.event);
			count(format!("event {}", name.split([' ', '{']).next().unwrap_or_default()));
			match record.event {
				RuntimeEvent::Slashing(event) => match event {
					S::SlashRequested { slash_id, operator, .. } => {
						let slash = pallet_slashing::PendingSlashes::<Test>::get(slash_id)
							.ok_or("a request executed in the step that made it")?;
						let stakes = slash
							.pools
							.iter()
							.map(|pool| {
								use pallet_restaking::traits::RestakingInspect;
								let stake = Restaking::pool_stake(pool.vault, &operator);
								(pool.vault, stake.active.saturating_add(stake.withdrawing))
							})
							.collect();
						self.requests.insert(slash_id, (slash, stakes));
					},
					S::SlashVetoed { slash_id, vetoed_by } => {
						let (slash, _) =
							self.requests.remove(&slash_id).ok_or("veto of an unknown request")?;
						if let Some(who) = vetoed_by {
							check!(
								slash.resolver == Some(who),
								"slash {slash_id} vetoed by {who}, not by the resolver named at the request {:?}",
								slash.resolver
							);
						}
					},
					S::SlashExecuted { slash_id, pools, .. } => {
						let (slash, stakes) = self
							.requests
							.remove(&slash_id)
							.ok_or("execution of an unknown request")?;
						for pool in pools {
							let basis = slash.pools.iter().find(|basis| basis.vault == pool.vault);
							check!(
								basis.map(|basis| basis.fraction) == Some(pool.fraction),
								"slash {slash_id} cut vault {} by {:?}, not by its basis {basis:?}",
								pool.vault,
								pool.fraction
							);
							// Nothing that became slashable after the request is taken.
							let at_request = get(&stakes, &pool.vault);
							check!(
								pool.amount <= pool.fraction.mul_floor(at_request),
								"slash {slash_id} took {} of vault {}: more than {:?} of the {at_request} slashable at the request",
								pool.amount,
								pool.vault,
								pool.fraction
							);
						}
					},
					_ => {},
				},
				RuntimeEvent::Restaking(event) => match event {
					R::Deposited { staker, vault, operator, amount, .. } => {
						self.not_locked(vault, operator, "a deposit")?;
						add(&mut self.deposited, (staker, vault), amount);
						add(&mut self.vault_in, vault, amount);
						add(&mut self.rounding_ops, vault, 1);
					},
					R::WithdrawalCompleted { staker, vault, amount, .. } => {
						// Allowed from a locked pool only for a bucket no pending request can
						// cut: checked by `held_buckets_kept`.
						add(&mut self.withdrawn, (staker, vault), amount);
						add(&mut self.vault_out, vault, amount);
						add(&mut self.rounding_ops, vault, 1);
					},
					R::WithdrawalQueued { vault, operator, .. } |
					R::WorthlessSharesBurned { vault, operator, .. } => {
						self.not_locked(vault, operator, "a queued withdrawal")?;
						add(&mut self.rounding_ops, vault, 1)
					},
					R::Redelegated { vault, to, .. } => {
						self.not_locked(vault, to, "a redelegation")?;
						add(&mut self.rounding_ops, vault, 1)
					},
					R::SlashPayoutDeferred { vault, destination, amount, .. } => {
						add(&mut self.unpaid_in, vault, amount);
						if destination == SlashDestination::Burn {
							let info = pallet_restaking::Vaults::<Test>::get(vault)
								.ok_or("unpaid slash of an unknown vault")?;
							add(&mut self.burn_deferred, info.asset, amount);
						}
					},
					R::UnpaidSlashPaid { vault, destination, amount } => {
						add(&mut self.unpaid_out, vault, amount);
						if destination == SlashDestination::Burn {
							let info = pallet_restaking::Vaults::<Test>::get(vault)
								.ok_or("unpaid slash of an unknown vault")?;
							add(&mut self.burn_paid, info.asset, amount);
						}
					},
					R::PoolRewarded { vault, operator, asset, amount, .. } => {
						add(&mut credited, (vault, operator, asset), amount);
					},
					R::UndistributedTaken { vault, operator, amounts } =>
						for (asset, amount) in amounts {
							add(&mut taken, (vault, operator, asset), amount);
						},
					R::PoolSlashed { vault, active, withdrawing, destination, .. } => {
						let total = active.checked_add(withdrawing).ok_or("slash overflow")?;
						add(&mut self.vault_slashed, vault, total);
						add(&mut self.rounding_ops, vault, 1 + MAX_LIVE_BUCKETS);
						if destination == SlashDestination::Burn {
							let info = pallet_restaking::Vaults::<Test>::get(vault)
								.ok_or("slash of an unknown vault")?;
							add(&mut self.burned, info.asset, total);
						}
					},
					_ => {},
				},
				RuntimeEvent::Rewards(event) => match event {
					pallet_rewards::Event::RewardsSubmitted { asset, amount, split, .. } => {
						let parts = split
							.to_stakers
							.checked_add(split.to_commission)
							.and_then(|sum| sum.checked_add(split.to_treasury));
						if parts != Some(amount) {
							return Err(format!("submission of {amount} split into {split:?}"));
						}
						add(&mut self.pot_in, asset.clone(), amount + split.pot_endowment);
						add(&mut self.to_stakers, asset.clone(), split.to_stakers);
						add(&mut self.to_commission, asset.clone(), split.to_commission);
						add(&mut self.to_treasury, asset, split.to_treasury);
					},
					pallet_rewards::Event::RewardsClaimed { staker, asset, amount } => {
						add(&mut self.rewards_claimed_by, (staker, asset.clone()), amount);
						add(&mut self.pot_out, asset.clone(), amount);
						add(&mut self.rewards_claimed, asset, amount);
					},
					pallet_rewards::Event::CommissionClaimed { asset, amount, .. } => {
						add(&mut self.pot_out, asset.clone(), amount);
						add(&mut self.commission_claimed, asset, amount);
					},
					pallet_rewards::Event::ProtocolFeesTransferred { asset, amount } => {
						add(&mut self.pot_out, asset.clone(), amount);
						add(&mut self.fees_transferred, asset, amount);
					},
					pallet_rewards::Event::UndistributedReturned { asset, amount, .. } => {
						add(&mut self.undistributed_returned, asset.clone(), amount);
						add(&mut self.to_treasury, asset, amount);
					},
					_ => {},
				},
				_ => {},
			}
		}
		self.attribute_releases(&credited, &taken)?;
		System::reset_events();
		Ok(())
	}

	/// Book what every pool released in the last step to its stakers by their shares when
	/// the step started (a pool only releases when touched, before its shares change), and
	/// check that a stream never releases more than it was credited and that what a pool
	/// without active shares released is kept undistributed.
	fn attribute_releases(
		&mut self,
		credited: &BTreeMap<(VaultId, AccountId, AssetKind), Balance>,
		taken: &BTreeMap<(VaultId, AccountId, AssetKind), Balance>,
	) -> Result<(), String> {
		let after = pool_snapshots();
		for ((vault, operator), pool) in after.iter() {
			let before = self.pools_before.get(&(*vault, *operator)).cloned().unwrap_or_default();
			for (asset, (streaming, undistributed)) in pool.streams.iter() {
				let key = (*vault, *operator, asset.clone());
				let (streaming_before, undistributed_before) =
					before.streams.get(asset).copied().unwrap_or_default();
				let released = streaming_before
					.checked_add(get(credited, &key))
					.and_then(|total| total.checked_sub(*streaming))
					.ok_or_else(|| {
						format!("pool ({vault}, {operator}) streams {streaming} of {asset:?}, more than it was credited")
					})?;
				let to_nobody = undistributed
					.checked_add(get(taken, &key))
					.and_then(|total| total.checked_sub(undistributed_before))
					.ok_or("undistributed rewards shrank without being taken")?;
				let distributed = released
					.checked_sub(to_nobody)
					.ok_or("more became undistributed than was released")?;
				if distributed == 0 {
					continue;
				}
				check!(
					before.active_shares > 0,
					"pool ({vault}, {operator}) released {distributed} of {asset:?} to no shares"
				);
				for (staker, shares) in before.shares.iter().filter(|(_, shares)| **shares > 0) {
					let share = multiply_by_rational_with_rounding(
						distributed,
						*shares,
						before.active_shares,
						Rounding::Up,
					)
					.ok_or("reward share overflows")?;
					add(&mut self.reward_entitlement, (*staker, asset.clone()), share);
				}
			}
		}
		Ok(())
	}
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// `a - b`, or an error naming `what` if `b > a`.
fn minus(a: Balance, b: Balance, what: &str) -> Result<Balance, String> {
	a.checked_sub(b).ok_or_else(|| format!("{what}: {b} taken out of {a}"))
}

/// `x * numerator / denominator` rounded down; `x == denominator` gives all of `numerator` (the
/// ledger's own share valuation, [`pallet_restaking::pool::value_of_shares`]).
fn pro_rata(x: Balance, numerator: Balance, denominator: Balance) -> Balance {
	pallet_restaking::pool::value_of_shares(x, numerator, denominator).unwrap_or_default()
}

/// Every account that can hold funds.
fn accounts_holding_funds() -> Vec<AccountId> {
	let mut accounts = FUNDED.to_vec();
	accounts.extend([UNFUNDED, DUST_BENEFICIARY, TreasuryAccount::get(), Rewards::pot_account()]);
	accounts
		.extend((0..pallet_restaking::NextVaultId::<Test>::get()).map(Restaking::vault_account));
	accounts
}

fn check_invariants(ledger: &Ledger) -> Result<(), String> {
	// Every pallet's own checks.
	Restaking::do_try_state().map_err(|e| format!("restaking try_state: {e:?}"))?;
	AvsRegistry::do_try_state().map_err(|e| format!("avs-registry try_state: {e:?}"))?;
	SlashingPallet::do_try_state().map_err(|e| format!("slashing try_state: {e:?}"))?;
	Rewards::do_try_state().map_err(|e| format!("rewards try_state: {e:?}"))?;

	// Invariant 7: a pending request keeps the rules and basis it was made under.
	for (slash_id, slash) in pallet_slashing::PendingSlashes::<Test>::iter() {
		use codec::Encode;
		let recorded = ledger.requests.get(&slash_id).map(|(recorded, _)| recorded);
		check!(
			recorded.map(Encode::encode) == Some(slash.encode()),
			"pending slash {slash_id} is {slash:?}, but was made as {recorded:?}"
		);
	}

	// Invariant 1: vault accounts hold exactly their reserve, stake and unpaid slashes, and the
	// stake is what came in minus what went out.
	for (vault, info) in pallet_restaking::Vaults::<Test>::iter() {
		let balance =
			NativeAndAssets::balance(info.asset.clone(), &Restaking::vault_account(vault));
		let unpaid = pallet_restaking::UnpaidSlashes::<Test>::iter_prefix_values(vault)
			.fold(0, |sum: Balance, amount| sum.saturating_add(amount));
		check!(
			unpaid ==
				minus(
					get(&ledger.unpaid_in, &vault),
					get(&ledger.unpaid_out, &vault),
					"unpaid slashes paid"
				)?,
			"vault {vault}: unpaid slashes {unpaid} != deferred − paid"
		);
		check!(
			Some(balance) ==
				info.existential_reserve
					.checked_add(info.total_stake)
					.and_then(|sum| sum.checked_add(unpaid)),
			"vault {vault}: balance {balance} != reserve {} + total stake {} + unpaid {unpaid}",
			info.existential_reserve,
			info.total_stake
		);
		let expected = minus(
			minus(get(&ledger.vault_in, &vault), get(&ledger.vault_out, &vault), "vault payouts")?,
			get(&ledger.vault_slashed, &vault),
			"vault slashes",
		)?;
		check!(
			info.total_stake == expected,
			"vault {vault}: total stake {} != deposits − withdrawals − slashes = {expected}",
			info.total_stake
		);
	}

	let accounts = accounts_holding_funds();
	for kind in existing_assets() {
		// Invariant 3: issuance changes only by burned slashes.
		let issuance = NativeAndAssets::total_issuance(kind.clone());
		let burned =
			minus(get(&ledger.burned, &kind), get(&ledger.burn_deferred, &kind), "burns deferred")?
				.checked_add(get(&ledger.burn_paid, &kind))
				.ok_or("burned overflows")?;
		let expected_issuance = minus(get(&ledger.initial_issuance, &kind), burned, "burned")?;
		check!(
			issuance == expected_issuance,
			"{kind:?}: total issuance {issuance} != initial − burned = {expected_issuance}"
		);

		// No funds created or lost: the accounts hold the whole issuance.
		let mut held: Balance = 0;
		for who in accounts.iter() {
			let balance = NativeAndAssets::total_balance(kind.clone(), who);
			check!(balance <= issuance, "{kind:?}: account {who} holds {balance} > issuance");
			held = held
				.checked_add(balance)
				.ok_or_else(|| format!("{kind:?}: Σ balances overflows"))?;
		}
		check!(held == issuance, "{kind:?}: accounts hold {held} != total issuance {issuance}");

		// The reward pot and the rewards pallet's books.
		let pot = NativeAndAssets::balance(kind.clone(), &Rewards::pot_account());
		let pot_expected =
			minus(get(&ledger.pot_in, &kind), get(&ledger.pot_out, &kind), "pot payouts")?;
		check!(
			pot == pot_expected,
			"{kind:?}: pot holds {pot} != paid in − paid out {pot_expected}"
		);
		let outstanding = minus(
			get(&ledger.to_stakers, &kind),
			get(&ledger.rewards_claimed, &kind)
				.saturating_add(get(&ledger.undistributed_returned, &kind)),
			"staker rewards claimed or returned",
		)?;
		check!(
			OutstandingStakerRewards::<Test>::get(&kind) == outstanding,
			"{kind:?}: outstanding staker rewards {} != credited − claimed − returned {outstanding}",
			OutstandingStakerRewards::<Test>::get(&kind)
		);
		// What pools still stream as of now, or hold undistributed, is owed by the pot:
		// covered by the outstanding staker rewards (claims + pot never exceed what was
		// submitted). Claims see the pools released up to now (a pool with no active shares
		// releases to its undistributed amount).
		let now = System::block_number();
		let unreleased = pallet_restaking::Pools::<Test>::iter_values()
			.flat_map(|pool| {
				let shares = pool.active_shares;
				pool.rewards.into_iter().map(move |(asset, reward)| (asset, reward, shares))
			})
			.filter(|(asset, _, _)| *asset == kind)
			.fold(0, |sum: Balance, (_, reward, shares)| {
				let released = if shares > 0 { reward.releasable(now) } else { 0 };
				sum.saturating_add(reward.streaming - released)
					.saturating_add(reward.undistributed)
			});
		check!(
			unreleased <= outstanding,
			"{kind:?}: pools stream or hold {unreleased} > outstanding staker rewards {outstanding}"
		);
		let fees = minus(
			get(&ledger.to_treasury, &kind),
			get(&ledger.fees_transferred, &kind),
			"protocol fees transferred",
		)?;
		check!(
			AccruedProtocolFees::<Test>::get(&kind) == fees,
			"{kind:?}: accrued protocol fees {} != accrued − transferred {fees}",
			AccruedProtocolFees::<Test>::get(&kind)
		);
		let commission = OperatorCommission::<Test>::iter()
			.filter(|(_, asset, _)| *asset == kind)
			.fold(0, |sum: Balance, (_, _, amount)| sum.saturating_add(amount));
		let commission_expected = minus(
			get(&ledger.to_commission, &kind),
			get(&ledger.commission_claimed, &kind),
			"commission claimed",
		)?;
		check!(
			commission == commission_expected,
			"{kind:?}: Σ commission {commission} != recorded − claimed {commission_expected}"
		);
	}

	// Invariant 4: no staker gets out more than it put in (up to the pools' rounding).
	let mut value: BTreeMap<(AccountId, VaultId), Balance> = BTreeMap::new();
	for (staker, (vault, operator), position) in pallet_restaking::Positions::<Test>::iter() {
		let pool = pallet_restaking::Pools::<Test>::get(vault, operator)
			.ok_or("position in a missing pool")?;
		add(
			&mut value,
			(staker, vault),
			pro_rata(position.shares, pool.active_stake, pool.active_shares),
		);
	}
	for (staker, pending) in pallet_restaking::PendingWithdrawals::<Test>::iter() {
		for withdrawal in pending {
			let bucket = pallet_restaking::WithdrawalBuckets::<Test>::get((
				withdrawal.vault,
				withdrawal.operator,
				withdrawal.bucket,
			))
			.ok_or("pending withdrawal of a missing bucket")?;
			add(
				&mut value,
				(staker, withdrawal.vault),
				pro_rata(withdrawal.shares, bucket.stake, bucket.shares),
			);
		}
	}
	// Invariant 4, rewards: no staker gets (or is owed) more than its shares earned.
	let mut earned: BTreeMap<(AccountId, AssetKind), Balance> = ledger.rewards_claimed_by.clone();
	for (staker, (vault, operator)) in pallet_restaking::Positions::<Test>::iter_keys() {
		use pallet_restaking::traits::RestakingRewards;
		for (kind, amount) in Restaking::pending_rewards(&staker, vault, &operator) {
			add(&mut earned, (staker, kind), amount);
		}
	}
	// Claims and pending rewards see the pools released up to now (claims do not write the
	// pool back): add what each pool would release now to its stakers' entitlements, by
	// their current shares (constant since the pool was last written).
	let mut entitlements = ledger.reward_entitlement.clone();
	let now = System::block_number();
	for ((vault, operator), pool) in pool_snapshots() {
		let Some(stored) = pallet_restaking::Pools::<Test>::get(vault, operator) else { continue };
		for (asset, reward) in stored.rewards.iter() {
			let releasable = reward.releasable(now);
			if releasable == 0 || pool.active_shares == 0 {
				continue;
			}
			for (staker, shares) in pool.shares.iter().filter(|(_, shares)| **shares > 0) {
				let share = multiply_by_rational_with_rounding(
					releasable,
					*shares,
					pool.active_shares,
					Rounding::Up,
				)
				.ok_or("reward share overflows")?;
				add(&mut entitlements, (*staker, asset.clone()), share);
			}
		}
	}
	for ((staker, kind), amount) in earned {
		let entitlement = get(&entitlements, &(staker, kind.clone()));
		check!(
			amount <= entitlement,
			"staker {staker}: claimed + pending {kind:?} rewards {amount} > entitlement {entitlement}"
		);
	}

	let mut keys: Vec<(AccountId, VaultId)> = value.keys().copied().collect();
	keys.extend(ledger.withdrawn.keys().copied());
	for key in keys {
		let (staker, vault) = key;
		let out = get(&ledger.withdrawn, &key)
			.checked_add(get(&value, &key))
			.ok_or("staker value overflows")?;
		let allowance =
			get(&ledger.deposited, &key).saturating_add(get(&ledger.rounding_ops, &vault));
		check!(
			out <= allowance,
			"staker {staker} in vault {vault}: withdrawn {} + value {} > deposited {} + rounding {}",
			get(&ledger.withdrawn, &key),
			get(&value, &key),
			get(&ledger.deposited, &key),
			get(&ledger.rounding_ops, &vault)
		);
	}
	Ok(())
}

// ---------------------------------------------------------------------------------------------
// Running a sequence
// ---------------------------------------------------------------------------------------------

fn storage_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// The call an action dispatches (`None` for block runs).
fn resolve(action: &Action) -> Option<(Caller, RuntimeCall)> {
	match action {
		Action::Dispatch { caller, call } => Some((*caller, call.clone())),
		Action::QueueShare { caller, vault, operator, percent, redelegate_to } => {
			let shares = match caller {
				Caller::Signed(who) =>
					pallet_restaking::Positions::<Test>::get(who, (*vault, *operator))
						.map(|position| {
							pro_rata(position.shares, Balance::from(*percent), 100).max(1)
						})
						.unwrap_or(1),
				Caller::Root => 1,
			};
			let call = match redelegate_to {
				None => pallet_restaking::Call::queue_withdrawal {
					vault: *vault,
					operator: *operator,
					shares,
				},
				Some(to) => pallet_restaking::Call::redelegate {
					vault: *vault,
					from_operator: *operator,
					to_operator: *to,
					shares,
				},
			};
			Some((*caller, RuntimeCall::Restaking(call)))
		},
		Action::Targeted { target, pick } => Some(resolve_target(*target, usize::from(*pick))),
		Action::AdvanceBlocks(_) | Action::SkipBlocks(_) => None,
	}
}

/// The `pick`-th of `items` (wrapping), if any.
fn nth<T: Clone>(items: &[T], pick: usize) -> Option<T> {
	items.get(pick.checked_rem(items.len())?).cloned()
}

fn resolve_target(target: Target, pick: usize) -> (Caller, RuntimeCall) {
	use pallet_slashing::Call as S;
	let pending_slashes: Vec<u64> = pallet_slashing::PendingSlashes::<Test>::iter_keys().collect();
	let slash_id = nth(&pending_slashes, pick).unwrap_or_default();
	match target {
		Target::CompleteWithdrawal => {
			let queued: Vec<(AccountId, u32)> =
				pallet_restaking::PendingWithdrawals::<Test>::iter()
					.flat_map(|(staker, pending)| {
						(0..pending.len() as u32).map(move |i| (staker, i))
					})
					.collect();
			let (staker, index) = nth(&queued, pick).unwrap_or((STAKERS[0], 0));
			let call = pallet_restaking::Call::complete_withdrawal { index };
			(Caller::Signed(staker), RuntimeCall::Restaking(call))
		},
		Target::ExecuteSlash =>
			(Caller::Signed(ANYONE), RuntimeCall::Slashing(S::execute_slash { slash_id })),
		Target::VetoSlash { by_root } => {
			let caller = if by_root { Caller::Root } else { Caller::Signed(RESOLVER) };
			(caller, RuntimeCall::Slashing(S::veto_slash { slash_id }))
		},
		Target::ClaimCommission => {
			let owed: Vec<(AccountId, AssetKind)> =
				OperatorCommission::<Test>::iter_keys().collect();
			let (operator, asset) = nth(&owed, pick).unwrap_or((OPERATOR, native()));
			(
				Caller::Signed(operator),
				RuntimeCall::Rewards(pallet_rewards::Call::claim_commission { asset }),
			)
		},
		Target::TransferProtocolFees => {
			let accrued: Vec<AssetKind> = AccruedProtocolFees::<Test>::iter_keys().collect();
			let asset = nth(&accrued, pick).unwrap_or_else(native);
			(
				Caller::Signed(ANYONE),
				RuntimeCall::Rewards(pallet_rewards::Call::transfer_protocol_fees { asset }),
			)
		},
		Target::DecideOptIn { approve } => {
			let pending: Vec<(AvsId, AccountId)> = pallet_avs_registry::OptIns::<Test>::iter()
				.filter(|(_, _, status)| *status == pallet_avs_registry::OptInStatus::Pending)
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = nth(&pending, pick).unwrap_or((1, OPERATOR_2));
			let owner =
				pallet_avs_registry::Avss::<Test>::get(avs).map_or(AVS_OWNER_2, |info| info.owner);
			let call = if approve {
				pallet_avs_registry::Call::approve_operator { avs, operator }
			} else {
				pallet_avs_registry::Call::reject_operator { avs, operator }
			};
			(Caller::Signed(owner), RuntimeCall::AvsRegistry(call))
		},
		Target::FinalizeOptOut => {
			let leaving: Vec<(AvsId, AccountId)> = pallet_avs_registry::OptIns::<Test>::iter()
				.filter(|(_, _, status)| {
					matches!(status, pallet_avs_registry::OptInStatus::OptingOut { .. })
				})
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = nth(&leaving, pick).unwrap_or((0, OPERATOR));
			let call = pallet_avs_registry::Call::finalize_opt_out { avs, operator };
			(Caller::Signed(ANYONE), RuntimeCall::AvsRegistry(call))
		},
		Target::RemoveOperator => {
			let opted: Vec<(AvsId, AccountId)> =
				pallet_avs_registry::OptIns::<Test>::iter_keys().collect();
			let (avs, operator) = nth(&opted, pick).unwrap_or((0, OPERATOR));
			let owner =
				pallet_avs_registry::Avss::<Test>::get(avs).map_or(AVS_OWNER, |info| info.owner);
			let call = pallet_avs_registry::Call::remove_operator { avs, operator };
			(Caller::Signed(owner), RuntimeCall::AvsRegistry(call))
		},
		Target::PruneIncident => {
			let records: Vec<(AvsId, AccountId, H256)> =
				pallet_slashing::Incidents::<Test>::iter_keys().collect();
			let (avs, operator, incident) =
				nth(&records, pick).unwrap_or((0, OPERATOR, H256::repeat_byte(0)));
			(
				Caller::Signed(ANYONE),
				RuntimeCall::Slashing(S::prune_incident { avs, operator, incident }),
			)
		},
		Target::PayUnpaidSlash => {
			let unpaid: Vec<(VaultId, SlashDestination<AccountId>)> =
				pallet_restaking::UnpaidSlashes::<Test>::iter_keys().collect();
			let (vault, destination) =
				nth(&unpaid, pick).unwrap_or((0, SlashDestination::Account(BENEFICIARY)));
			let call = pallet_restaking::Call::pay_unpaid_slash { vault, destination };
			(Caller::Signed(ANYONE), RuntimeCall::Restaking(call))
		},
		Target::DustSlash => {
			let call = S::request_slash {
				avs: 2,
				operator: OPERATOR_2,
				fraction: Perbill::from_percent(10 + (pick % 21) as u32),
				incident: H256::repeat_byte((pick % 251) as u8),
				occurred_at: System::block_number(),
				evidence: vec![],
			};
			(Caller::Signed(SLASHER), RuntimeCall::Slashing(call))
		},
		Target::RaceSlash => {
			let locked: Vec<(VaultId, AccountId)> = pallet_slashing::PendingSlashes::<Test>::iter()
				.flat_map(|(_, slash)| {
					slash.pools.into_iter().map(move |pool| (pool.vault, slash.operator))
				})
				.collect();
			let (vault, operator) = nth(&locked, pick).unwrap_or((0, OPERATOR));
			let staker = STAKERS[pick % STAKERS.len()];
			let call = match pick % 3 {
				0 => pallet_restaking::Call::deposit { vault, operator, amount: 100 },
				1 => pallet_restaking::Call::queue_withdrawal { vault, operator, shares: 1 },
				_ => {
					let index = pallet_restaking::PendingWithdrawals::<Test>::get(staker)
						.iter()
						.position(|withdrawal| {
							withdrawal.vault == vault && withdrawal.operator == operator
						})
						.unwrap_or_default() as u32;
					pallet_restaking::Call::complete_withdrawal { index }
				},
			};
			(Caller::Signed(staker), RuntimeCall::Restaking(call))
		},
		Target::FinalizeDeregistration => {
			let leaving: Vec<AvsId> = pallet_avs_registry::Avss::<Test>::iter()
				.filter(|(_, info)| info.status != pallet_avs_registry::AvsStatus::Active)
				.map(|(avs, _)| avs)
				.collect();
			let avs = nth(&leaving, pick).unwrap_or_default();
			let call = pallet_avs_registry::Call::finalize_deregistration { avs };
			(Caller::Signed(ANYONE), RuntimeCall::AvsRegistry(call))
		},
	}
}

fn dispatch_call(caller: Caller, call: RuntimeCall) -> DispatchResultWithPostInfo {
	call.dispatch(caller.origin())
}

/// Run one step and check everything.
fn run_step(step: usize, action: &Action, ledger: &mut Ledger) -> Result<(), String> {
	ledger.before_step();
	match resolve(action) {
		None => match action {
			Action::AdvanceBlocks(blocks) => run_to_block(System::block_number() + blocks),
			Action::SkipBlocks(blocks) => System::set_block_number(System::block_number() + blocks),
			Action::Dispatch { .. } | Action::QueueShare { .. } | Action::Targeted { .. } => {},
		},
		Some((caller, call)) => {
			let root_before = storage_root();
			let result = dispatch_call(caller, call.clone());
			let metadata = frame_support::traits::GetCallMetadata::get_call_metadata(&call);
			count(format!(
				"call {}::{} -> {}",
				metadata.pallet_name,
				metadata.function_name,
				match &result {
					Ok(_) => "Ok".to_string(),
					Err(error) => match error.error {
						sp_runtime::DispatchError::Module(module) =>
							module.message.unwrap_or_default().to_string(),
						other => format!("{other:?}"),
					},
				}
			));
			if result.is_err() || System::events().is_empty() {
				check!(
					storage_root() == root_before,
					"step {step}: {caller:?} {call:?} returned {result:?} \
					 {} but changed the state",
					if result.is_ok() { "without an event" } else { "" }
				);
			}
		},
	}
	ledger.absorb_events().map_err(|e| format!("step {step} ({action:?}): {e}"))?;
	check_invariants(ledger).map_err(|e| format!("after step {step} ({action:?}): {e}"))
}

/// Genesis of the property test: every funded account holds native and asset tokens.
fn invariants_ext() -> sp_io::TestExternalities {
	new_test_ext_with(
		FUNDED
			.iter()
			.chain([DUST_BENEFICIARY].iter())
			.map(|who| (*who, INITIAL_BALANCE))
			.collect(),
		GenesisAssets {
			assets: vec![
				(ASSET_ID, VAULT_OWNER, false, ASSET_MIN_BALANCE),
				(SUFFICIENT_ASSET_ID, VAULT_OWNER, true, 1),
			],
			accounts: FUNDED
				.iter()
				.flat_map(|who| {
					[
						(ASSET_ID, *who, INITIAL_BALANCE),
						(SUFFICIENT_ASSET_ID, *who, INITIAL_BALANCE),
					]
				})
				.collect(),
		},
	)
}

/// A populated ledger to start from: two operators, a native vault (0) and an asset vault
/// (1) with stake in four pools, AVS 0 (burns up to 100%, accepts both vaults, no approval,
/// rewards in the native token and the asset), AVS 1 (slashes up to 30% to the
/// beneficiary, needs approval, rewards in the native token and the sufficient asset: pool
/// (0, `OPERATOR`) serves both AVSs, so it can be credited in three assets) and AVS 2 (the
/// dust AVS: 1.5% of pool (1, `OPERATOR_2`), slashed into an account that cannot receive
/// dust of the asset), opt-ins and
/// allocations in force.
fn populate(ledger: &mut Ledger) -> Result<(), String> {
	use pallet_avs_registry::Call as A;
	use pallet_restaking::Call as R;
	let config = |vaults: Vec<VaultId>,
	              min_operator_stake: Balance,
	              resolver: Option<AccountId>,
	              max_slash: u32,
	              veto_window: u64,
	              destination: SlashDestination<AccountId>,
	              reward_assets: Vec<AssetKind>,
	              requires_approval: bool,
	              opt_out_delay: u64| AvsConfig::<Test> {
		metadata: BoundedVec::truncate_from(b"avs".to_vec()),
		accepted_vaults: BoundedVec::truncate_from(vaults),
		min_operator_stake,
		slashing: AvsSlashingParams {
			slasher: SLASHER,
			resolver,
			max_slash: Perbill::from_percent(max_slash),
			veto_window,
			destination,
		},
		reward_assets: BoundedVec::truncate_from(reward_assets),
		requires_approval,
		opt_out_delay,
	};
	let signed = Caller::Signed;
	let calls: Vec<(Caller, RuntimeCall)> = vec![
		(
			signed(OPERATOR),
			RuntimeCall::Restaking(R::register_operator {
				commission: Perbill::from_percent(10),
				metadata: Default::default(),
			}),
		),
		(
			signed(OPERATOR_2),
			RuntimeCall::Restaking(R::register_operator {
				commission: Perbill::zero(),
				metadata: Default::default(),
			}),
		),
		(
			signed(VAULT_OWNER),
			RuntimeCall::Restaking(R::create_vault {
				asset: native(),
				deposit_cap: 1_000_000,
				min_deposit: 1,
				withdrawal_delay: 22,
			}),
		),
		(
			Caller::Root,
			RuntimeCall::Restaking(R::force_create_vault {
				owner: VAULT_OWNER,
				asset: asset(),
				deposit_cap: 1_000_000,
				min_deposit: 1,
				withdrawal_delay: MIN_WITHDRAWAL_DELAY,
			}),
		),
		(
			signed(STAKERS[0]),
			RuntimeCall::Restaking(R::deposit { vault: 0, operator: OPERATOR, amount: 5_000 }),
		),
		(
			signed(STAKERS[1]),
			RuntimeCall::Restaking(R::deposit { vault: 0, operator: OPERATOR, amount: 3_000 }),
		),
		(
			signed(STAKERS[1]),
			RuntimeCall::Restaking(R::deposit { vault: 0, operator: OPERATOR_2, amount: 2_000 }),
		),
		(
			signed(STAKERS[2]),
			RuntimeCall::Restaking(R::deposit { vault: 1, operator: OPERATOR, amount: 4_000 }),
		),
		(
			signed(STAKERS[0]),
			RuntimeCall::Restaking(R::deposit { vault: 1, operator: OPERATOR_2, amount: 1_000 }),
		),
		(
			signed(AVS_OWNER),
			RuntimeCall::AvsRegistry(A::register_avs {
				config: config(
					vec![0, 1],
					0,
					Some(RESOLVER),
					100,
					3,
					SlashDestination::Burn,
					vec![native(), asset()],
					false,
					22,
				),
			}),
		),
		(
			signed(AVS_OWNER_2),
			RuntimeCall::AvsRegistry(A::register_avs {
				config: config(
					vec![0],
					100,
					None,
					30,
					2,
					SlashDestination::Account(BENEFICIARY),
					vec![native(), NativeOrWithId::WithId(SUFFICIENT_ASSET_ID)],
					true,
					MIN_WITHDRAWAL_DELAY,
				),
			}),
		),
		// AVS 2, the dust AVS: slashes up to 30% of the asset vault into an account that holds
		// none of the asset, so cuts below its minimum balance cannot be paid (unpaid slashes).
		(
			signed(AVS_OWNER_2),
			RuntimeCall::AvsRegistry(A::register_avs {
				config: config(
					vec![1],
					0,
					Some(RESOLVER),
					30,
					2,
					SlashDestination::Account(DUST_BENEFICIARY),
					vec![],
					false,
					MIN_WITHDRAWAL_DELAY,
				),
			}),
		),
		(signed(OPERATOR_2), RuntimeCall::AvsRegistry(A::opt_in { avs: 2 })),
		(
			signed(OPERATOR_2),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 2,
				vault: 1,
				// 1.5% of a 1_000 pool: a 10..=30% slash cuts 1 to 4 units, often below the
				// asset's minimum balance of 3.
				fraction: Perbill::from_rational(15u32, 1_000u32),
			}),
		),
		(signed(OPERATOR), RuntimeCall::AvsRegistry(A::opt_in { avs: 0 })),
		(signed(OPERATOR_2), RuntimeCall::AvsRegistry(A::opt_in { avs: 0 })),
		(signed(OPERATOR), RuntimeCall::AvsRegistry(A::opt_in { avs: 1 })),
		(
			signed(AVS_OWNER_2),
			RuntimeCall::AvsRegistry(A::approve_operator { avs: 1, operator: OPERATOR }),
		),
		(
			signed(OPERATOR),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 0,
				vault: 0,
				fraction: Perbill::from_percent(50),
			}),
		),
		(
			signed(OPERATOR),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 0,
				vault: 1,
				fraction: Perbill::from_percent(30),
			}),
		),
		(
			signed(OPERATOR_2),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 0,
				vault: 0,
				fraction: Perbill::one(),
			}),
		),
		(
			signed(OPERATOR_2),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 0,
				vault: 1,
				fraction: Perbill::from_percent(20),
			}),
		),
		(
			signed(OPERATOR),
			RuntimeCall::AvsRegistry(A::set_allocation {
				avs: 1,
				vault: 0,
				fraction: Perbill::from_percent(40),
			}),
		),
	];
	for (caller, call) in calls {
		dispatch_call(caller, call.clone())
			.map_err(|e| format!("setup: {caller:?} {call:?} failed: {e:?}"))?;
	}
	// The allocation increases take effect after the allocation delay.
	run_to_block(System::block_number() + ALLOCATION_DELAY);
	ledger.absorb_events()?;
	check_invariants(ledger).map_err(|e| format!("after the setup: {e}"))
}

fn run_sequence(populated: bool, actions: &[Action]) -> Result<(), String> {
	invariants_ext().execute_with(|| {
		let mut ledger = Ledger::new();
		check_invariants(&ledger).map_err(|e| format!("at genesis: {e}"))?;
		if populated {
			populate(&mut ledger)?;
		}
		for (step, action) in actions.iter().enumerate() {
			run_step(step, action, &mut ledger)?;
		}
		Ok(())
	})
}

/// 256 cases in release, 32 in a debug build; `PROPTEST_CASES` overrides both.
fn proptest_config() -> ProptestConfig {
	let cases = std::env::var("PROPTEST_CASES")
		.ok()
		.and_then(|cases| cases.parse().ok())
		.unwrap_or(if cfg!(debug_assertions) { 32 } else { 256 });
	// No regression files in the source tree: a failure prints the shrunk sequence.
	ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

std::thread_local! {
	/// Outcome counts per call and event counts, printed with `INVARIANTS_STATS=1` to see
	/// what the generator reaches.
	static STATS: std::cell::RefCell<BTreeMap<String, u32>> = Default::default();
}

fn count(key: String) {
	if std::env::var_os("INVARIANTS_STATS").is_some() {
		STATS.with(|stats| *stats.borrow_mut().entry(key).or_default() += 1);
	}
}

/// Random sequences of every call of the four pallets keep every invariant.
#[test]
fn invariants_hold_for_random_call_sequences() {
	let mut runner = proptest::test_runner::TestRunner::new(proptest_config());
	let strategy = (prop::bool::weighted(0.85), prop::collection::vec(action(), 1..=MAX_STEPS));
	let result = runner.run(&strategy, |(populated, actions)| {
		run_sequence(populated, &actions).map_err(TestCaseError::fail)
	});
	if std::env::var_os("INVARIANTS_STATS").is_some() {
		STATS.with(|stats| {
			for (key, count) in stats.borrow().iter() {
				println!("{count:>8}  {key}");
			}
		});
	}
	if let Err(failure) = result {
		panic!("{failure}");
	}
}

/// The populated start state and a few fixed steps pass the checks (a quick smoke test of
/// the harness itself, independent of the random generator).
#[test]
fn invariants_hold_for_a_fixed_lifecycle() {
	use pallet_slashing::Call as S;
	let actions = vec![
		Action::Dispatch {
			caller: Caller::Signed(AVS_OWNER),
			call: RuntimeCall::Rewards(pallet_rewards::Call::submit_rewards {
				avs: 0,
				asset: native(),
				amount: 10_000,
				duration: REWARD_PERIOD,
				operator_weights: None,
			}),
		},
		// Queued before the request: still slashable when the slash executes.
		Action::QueueShare {
			caller: Caller::Signed(STAKERS[0]),
			vault: 0,
			operator: OPERATOR,
			percent: 50,
			redelegate_to: None,
		},
		Action::Dispatch {
			caller: Caller::Signed(SLASHER),
			call: RuntimeCall::Slashing(S::request_slash {
				avs: 0,
				operator: OPERATOR,
				fraction: Perbill::from_percent(40),
				incident: H256::repeat_byte(1),
				occurred_at: 1,
				evidence: vec![1, 2, 3],
			}),
		},
		Action::AdvanceBlocks(4),
		Action::Dispatch {
			caller: Caller::Signed(STAKERS[0]),
			call: RuntimeCall::Rewards(pallet_rewards::Call::claim_rewards {}),
		},
		// Past the maturity of the queued withdrawal: the 22-block delay rounded up to its
		// 11-block bucket.
		Action::AdvanceBlocks(30),
		Action::Dispatch {
			caller: Caller::Signed(STAKERS[0]),
			call: RuntimeCall::Restaking(pallet_restaking::Call::complete_withdrawal { index: 0 }),
		},
		// A deposit after the period writes the pool back with its stream fully released
		// (claims only release it in memory).
		Action::Dispatch {
			caller: Caller::Signed(STAKERS[1]),
			call: RuntimeCall::Restaking(pallet_restaking::Call::deposit {
				vault: 0,
				operator: OPERATOR,
				amount: 100,
			}),
		},
	];
	invariants_ext().execute_with(|| {
		let mut ledger = Ledger::new();
		populate(&mut ledger).unwrap();
		for (step, action) in actions.iter().enumerate() {
			run_step(step, action, &mut ledger).unwrap();
		}
		// The slash was executed by `on_initialize` and burned: the issuance went down.
		assert!(get(&ledger.burned, &native()) > 0);
		assert!(get(&ledger.withdrawn, &(STAKERS[0], 0)) > 0);
		assert!(get(&ledger.rewards_claimed, &native()) > 0);
		assert!(get(&ledger.reward_entitlement, &(STAKERS[0], native())) > 0);
	});
}
