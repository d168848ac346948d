//! # Restaking runtime API
//!
//! Read-only queries of the restaking ledger for wallets, dashboards and the node's JSON-RPC
//! (`restaking_*` methods, see the node's `rpc::restaking` module and the README): what users
//! ask most, answered in one call each.
//!
//! - [`RestakingApi::operator_stake`]: an operator's stake per vault (active, withdrawing) and
//!   per AVS (opt-in status, allocations, allocated and slashable stake).
//! - [`RestakingApi::staker_positions`]: a staker's shares per pool and their current value.
//! - [`RestakingApi::claimable_rewards`]: what `rewards.claim_rewards` would pay the staker now,
//!   per pool and in total, the operator commission the account can claim, and (API version
//!   2) per pool what is still streaming to the staker.
//! - [`RestakingApi::pending_withdrawals`]: a staker's queued withdrawals with their current
//!   (post-slash) value and maturity.
//! - [`RestakingApi::pending_slashes`]: slash requests not yet executed, vetoed or cancelled,
//!   by AVS and/or operator.
//! - [`RestakingApi::avs_operators`]: the operators of an AVS with their status and
//!   allocations.
//!
//! The answers are plain SCALE-encodable structs defined here (the `*Info` / `*Stake` types);
//! the ids they carry are the pallets' own ([`VaultId`], [`AvsId`], [`SlashId`]), and the
//! pallets compute them with their own `pub fn` query helpers (the runtime translates those
//! helpers' results into these types). Every answer is computed from storage the queried
//! account or AVS indexes, with sizes bounded by the pallets' `Config` constants, except
//! [`RestakingApi::operator_stake`]'s per-vault list (one storage read per vault, as the ledger
//! keeps no operator → vault index) and [`RestakingApi::pending_slashes`] (a scan of the pending
//! requests, at most `MaxPendingSlashesPerAvs` per AVS; executed, vetoed and cancelled requests
//! are removed from that set).
//!
//! Amounts are in the smallest unit of the asset they refer to. Fractions are `Perbill`
//! (parts per billion).
//!
//! ## JSON
//!
//! With the `std` feature the answer types are also the JSON answers of the node's
//! `restaking_*` RPC methods (serde `Serialize` / `Deserialize`; the README's "Custom RPC"
//! documents them with examples). Their conventions, which JavaScript clients rely on:
//! - field names are camelCase; absent optional values are `null`;
//! - accounts are SS58 strings (`AccountId32`'s serde form);
//! - balances and share amounts are decimal strings, as a u128 does not fit a JS number;
//! - fractions are `Perbill` parts, an integer in `0..=1_000_000_000` (1_000_000_000 = 100%);
//! - asset kinds are `"Native"` or `{"WithId": <asset id>}`;
//! - block numbers, indices and vault, AVS and slash ids are numbers;
//! - an [`OptInState`] is two fields of the struct that holds it: `status` (`"Pending"`,
//!   `"OptedIn"` or `"OptingOut"`) and `optingOutUntil` (the block, or `null`); an
//!   [`AllocationInfo`]'s `pending` increase is likewise `pendingFraction` and
//!   `pendingEffectiveAt` (both `null` without one);
//! - a slash's incident id is a `0x`-prefixed 32-byte hex string; the other enums are their
//!   variant's name (`"Active"`, `"VetoWindowOpen"`, ...).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "std")]
mod json;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
#[cfg(feature = "std")]
use core::{fmt::Display, str::FromStr};
use scale_info::TypeInfo;
#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};
use sp_runtime::Perbill;

pub use pallet_avs_registry::AvsId;
pub use pallet_restaking::VaultId;
pub use pallet_slashing::types::SlashId;

/// Status of a registered operator (the restaking pallet's `OperatorStatus`).
#[derive(Clone, Copy, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
pub enum OperatorState {
	/// Accepts new delegations.
	Active,
	/// Temporarily accepts no new delegations.
	Paused,
	/// Left for good; existing stake stays (slashable) until withdrawn.
	Leaving,
}

/// Stake of an operator's delegation pool in one vault.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AssetKind: Serialize, Balance: Display",
		deserialize = "AssetKind: Deserialize<'de>, Balance: FromStr"
	))
)]
pub struct VaultStake<AssetKind, Balance> {
	/// The vault.
	pub vault: VaultId,
	/// Collateral asset of the vault.
	pub asset: AssetKind,
	/// Stake backing the pool's active shares (JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub active: Balance,
	/// Stake in the pool's withdrawal buckets that have not matured yet (still slashable;
	/// JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub withdrawing: Balance,
}

/// Status of an operator with one AVS (the AVS registry's `OptInStatus`). JSON: the fields
/// `status` (the variant's name) and `optingOutUntil` (`until`, or `null`), flattened into
/// the struct that holds it.
#[derive(Clone, Copy, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
pub enum OptInState<BlockNumber> {
	/// Waiting for the AVS owner's approval: not slashable, earns nothing.
	Pending,
	/// Opted in: slashable, earns rewards.
	OptedIn,
	/// Opted out: slashable before block `until` (allocations frozen), earns nothing.
	OptingOut {
		/// First block at which the operator is no longer slashable by the AVS.
		until: BlockNumber,
	},
}

/// An allocation increase that is not in force yet.
#[derive(Clone, Copy, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
pub struct PendingAllocation<BlockNumber> {
	/// The new (larger) fraction.
	pub fraction: Perbill,
	/// Block from which it is in force.
	pub effective_at: BlockNumber,
}

/// Allocation of one pool (vault, operator) to one AVS, with the stake it puts at stake.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "Balance: Display, BlockNumber: Serialize",
		deserialize = "Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct AllocationInfo<Balance, BlockNumber> {
	/// The vault of the pool.
	pub vault: VaultId,
	/// Fraction of the pool in force now (the basis of rewards).
	pub in_force: Perbill,
	/// An increase that is not in force yet (JSON: the fields `pendingFraction` and
	/// `pendingEffectiveAt`, both `null` without one).
	#[cfg_attr(feature = "std", serde(flatten, with = "json::pending_allocation"))]
	pub pending: Option<PendingAllocation<BlockNumber>>,
	/// Fraction of the pool the AVS may slash now: the larger of `in_force` and a decreased
	/// fraction still inside the vault's withdrawal delay; zero if the operator is not
	/// slashable by the AVS (opt-in pending, opt-out delay over, AVS gone).
	pub slashable_fraction: Perbill,
	/// Until when a decreased, larger fraction stays slashable (if one does).
	pub slashable_until: Option<BlockNumber>,
	/// `in_force × pool active stake`: the stake earning this AVS's rewards (JSON: decimal
	/// string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub allocated_stake: Balance,
	/// `slashable_fraction × (pool active stake + unmatured withdrawals)`: what a 100% slash
	/// by this AVS would take from the pool now (JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub slashable_stake: Balance,
}

/// An operator's standing with one AVS.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "Balance: Display, BlockNumber: Serialize",
		deserialize = "Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct AvsStake<Balance, BlockNumber> {
	/// The AVS.
	pub avs: AvsId,
	/// Opt-in status (JSON: the fields `status` and `optingOutUntil`).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub status: OptInState<BlockNumber>,
	/// Whether the AVS can slash the operator now.
	pub slashable: bool,
	/// One entry per vault with an allocation record.
	pub allocations: Vec<AllocationInfo<Balance, BlockNumber>>,
}

/// Answer of [`RestakingApi::operator_stake`].
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AssetKind: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AssetKind: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct OperatorStake<AssetKind, Balance, BlockNumber> {
	/// Status, `None` if the account is not a registered operator (then all lists are empty).
	pub status: Option<OperatorState>,
	/// Commission in force now.
	pub commission: Option<Perbill>,
	/// Pools of the operator, one per vault it has a pool in (ascending vault id).
	pub vaults: Vec<VaultStake<AssetKind, Balance>>,
	/// AVSs the operator is pending, opted in or opting out with.
	pub avss: Vec<AvsStake<Balance, BlockNumber>>,
}

/// A staker's position in one pool.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr"
	))
)]
pub struct StakerPosition<AccountId, AssetKind, Balance> {
	/// Vault of the pool.
	pub vault: VaultId,
	/// Operator of the pool.
	pub operator: AccountId,
	/// Collateral asset of the vault.
	pub asset: AssetKind,
	/// Active shares held (JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub shares: Balance,
	/// Current value of the shares at the pool rate (rounded down, as `queue_withdrawal`
	/// would value them now; JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub stake: Balance,
}

/// An amount of one asset.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AssetKind: Serialize, Balance: Display",
		deserialize = "AssetKind: Deserialize<'de>, Balance: FromStr"
	))
)]
pub struct AssetAmount<AssetKind, Balance> {
	/// The asset.
	pub asset: AssetKind,
	/// The amount (JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub amount: Balance,
}

/// Rewards a staker can claim from one pool.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr"
	))
)]
pub struct PoolRewards<AccountId, AssetKind, Balance> {
	/// Vault of the pool.
	pub vault: VaultId,
	/// Operator of the pool.
	pub operator: AccountId,
	/// Non-zero amounts per reward asset.
	pub rewards: Vec<AssetAmount<AssetKind, Balance>>,
}

/// What is still streaming to a staker in one pool, per asset.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AssetKind: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AssetKind: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct StreamingAmount<AssetKind, Balance, BlockNumber> {
	/// The asset.
	pub asset: AssetKind,
	/// The staker's share of what the pool has not released yet, at its current share of the
	/// pool (JSON: decimal string). A projection: it changes as shares move.
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub amount: Balance,
	/// Block by which the pool's stream of the asset is fully released.
	pub ends_at: BlockNumber,
}

/// Rewards still streaming to a staker in one pool.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct PoolStreams<AccountId, AssetKind, Balance, BlockNumber> {
	/// Vault of the pool.
	pub vault: VaultId,
	/// Operator of the pool.
	pub operator: AccountId,
	/// Non-zero amounts per reward asset.
	pub streaming: Vec<StreamingAmount<AssetKind, Balance, BlockNumber>>,
}

/// Answer of [`RestakingApi::claimable_rewards`].
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber> {
	/// Per pool (`rewards.claim_rewards_from(vault, operator)` pays one entry): released and
	/// claimable now.
	pub pools: Vec<PoolRewards<AccountId, AssetKind, Balance>>,
	/// Per asset over all pools (what `rewards.claim_rewards` pays now).
	pub total: Vec<AssetAmount<AssetKind, Balance>>,
	/// Operator commission the account can claim per asset (`rewards.claim_commission`).
	pub commission: Vec<AssetAmount<AssetKind, Balance>>,
	/// Per pool: submitted rewards the pool still streams, the staker's share of them.
	pub streaming: Vec<PoolStreams<AccountId, AssetKind, Balance, BlockNumber>>,
}

/// Answer of `RestakingApi::claimable_rewards` before API version 2 (no streams).
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr"
	))
)]
pub struct ClaimableRewardsV1<AccountId, AssetKind, Balance> {
	/// Per pool (`rewards.claim_rewards_from(vault, operator)` pays one entry).
	pub pools: Vec<PoolRewards<AccountId, AssetKind, Balance>>,
	/// Per asset over all pools (what `rewards.claim_rewards` pays).
	pub total: Vec<AssetAmount<AssetKind, Balance>>,
	/// Operator commission the account can claim per asset (`rewards.claim_commission`).
	pub commission: Vec<AssetAmount<AssetKind, Balance>>,
}

/// A queued withdrawal of a staker.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, AssetKind: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AccountId: Deserialize<'de>, AssetKind: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct PendingWithdrawalInfo<AccountId, AssetKind, Balance, BlockNumber> {
	/// Index to pass to `restaking.complete_withdrawal` (indices shift when an earlier
	/// withdrawal completes).
	pub index: u32,
	/// Vault of the pool the stake left.
	pub vault: VaultId,
	/// Operator of the pool the stake left.
	pub operator: AccountId,
	/// Collateral asset of the vault.
	pub asset: AssetKind,
	/// Shares of the withdrawal bucket (JSON: decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub shares: Balance,
	/// What completing would pay now: the shares at the bucket's post-slash rate (JSON:
	/// decimal string).
	#[cfg_attr(feature = "std", serde(with = "json::balance"))]
	pub value: Balance,
	/// Block from which the withdrawal can be completed (until then it is slashable).
	pub matures_at: BlockNumber,
	/// Whether `matures_at` has been reached.
	pub matured: bool,
	/// Operator the amount is redelegated to on completion, if any.
	pub redelegate_to: Option<AccountId>,
}

/// Where a pending slash request stands (the slashing pallet's `PendingSlashStatus`).
#[derive(Clone, Copy, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
pub enum SlashState {
	/// Inside the veto window: the resolver (or root) can veto it.
	VetoWindowOpen,
	/// The veto window has ended: anyone can execute it.
	Executable,
	/// The veto window has ended but the operator is no longer slashable by the AVS:
	/// execution would cancel it. Not returned by runtimes with spec version 102 or later (a
	/// request keeps its basis and is always executed or vetoed); kept so that the encoding
	/// and JSON of the other states stay as they were.
	WillBeCancelled,
}

/// A slash request that has not been executed, vetoed or cancelled yet.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct PendingSlashInfo<AccountId, BlockNumber> {
	/// Id of the request (argument of `slashing.veto_slash` / `slashing.execute_slash`).
	pub id: SlashId,
	/// The AVS that requested it.
	pub avs: AvsId,
	/// The operator to slash.
	pub operator: AccountId,
	/// Fraction of the operator's allocated stake to slash.
	pub fraction: Perbill,
	/// Incident id given by the AVS (JSON: `0x`-prefixed hex).
	#[cfg_attr(feature = "std", serde(with = "json::incident"))]
	pub incident: [u8; 32],
	/// Block in which it was requested.
	pub requested_at: BlockNumber,
	/// First block in which it can be executed (the veto window ends before it).
	pub executable_at: BlockNumber,
	/// Where it stands now.
	pub status: SlashState,
}

/// An operator of an AVS.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: Serialize, Balance: Display, BlockNumber: Serialize",
		deserialize = "AccountId: Deserialize<'de>, Balance: FromStr, BlockNumber: Deserialize<'de>"
	))
)]
pub struct AvsOperatorInfo<AccountId, Balance, BlockNumber> {
	/// The operator.
	pub operator: AccountId,
	/// Opt-in status (JSON: the fields `status` and `optingOutUntil`).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub status: OptInState<BlockNumber>,
	/// Whether the AVS can slash the operator now.
	pub slashable: bool,
	/// One entry per vault with an allocation record.
	pub allocations: Vec<AllocationInfo<Balance, BlockNumber>>,
}

/// Why a query has no answer.
#[derive(Clone, Copy, Encode, Decode, PartialEq, Eq, Debug, TypeInfo)]
pub enum QueryError {
	/// No AVS is registered with this id (or its deregistration has ended).
	AvsNotFound,
}

sp_api::decl_runtime_apis! {
	/// Read-only queries of the restaking ledger (see the crate docs).
	///
	/// Version 2: [`ClaimableRewards`] reports what is still streaming.
	#[api_version(2)]
	pub trait RestakingApi<AccountId, Balance, AssetKind, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		AssetKind: Codec,
		BlockNumber: Codec,
	{
		/// Stake of `operator` per vault and per AVS. Not an error for a non-operator: the
		/// answer then has `status: None` and empty lists.
		fn operator_stake(operator: AccountId) -> OperatorStake<AssetKind, Balance, BlockNumber>;

		/// Positions of `staker` (at most `MaxStakerPools`), in the order they were opened.
		fn staker_positions(staker: AccountId) -> Vec<StakerPosition<AccountId, AssetKind, Balance>>;

		/// Rewards `staker` can claim now, the operator commission it can claim, and what is
		/// still streaming to it.
		fn claimable_rewards(
			staker: AccountId,
		) -> ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber>;

		/// [`Self::claimable_rewards`] of API version 1 (no streams).
		#[changed_in(2)]
		fn claimable_rewards(staker: AccountId) -> ClaimableRewardsV1<AccountId, AssetKind, Balance>;

		/// Queued withdrawals of `staker` (at most `MaxPendingWithdrawals`), by index.
		fn pending_withdrawals(
			staker: AccountId,
		) -> Vec<PendingWithdrawalInfo<AccountId, AssetKind, Balance, BlockNumber>>;

		/// Pending slash requests, filtered by `avs` and/or `operator` (`None`: any), by id.
		fn pending_slashes(
			avs: Option<AvsId>,
			operator: Option<AccountId>,
		) -> Vec<PendingSlashInfo<AccountId, BlockNumber>>;

		/// Operators of `avs` (pending, opted in or opting out) with their allocations.
		fn avs_operators(
			avs: AvsId,
		) -> Result<Vec<AvsOperatorInfo<AccountId, Balance, BlockNumber>>, QueryError>;
	}
}
