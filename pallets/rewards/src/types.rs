//! Types of the rewards pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Identifier of a reward submission, assigned sequentially.
pub type SubmissionId = u64;

/// The period a submission is released over: from `start` (the block of the submission)
/// until `ends_at`.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	Default,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RewardPeriod<BlockNumber> {
	/// First block of the period.
	pub start: BlockNumber,
	/// Block by which each pool's part is fully released (it may come later for a pool
	/// that still streamed an earlier submission: see the crate docs on overlaps).
	pub ends_at: BlockNumber,
}

/// Whether a reward asset of [`crate::RewardAssets`] takes new submissions.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum RewardAssetStatus {
	/// New submissions may pay this asset.
	Enabled,
	/// No new submissions; what was submitted streams and is claimed as before.
	Disabled,
}

/// How a submission's amount was split (carried by [`crate::Event::RewardsSubmitted`]).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	Default,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct SplitSummary<Balance> {
	/// Number of operators that received a share.
	pub operators: u32,
	/// Credited to the pools' reward-per-share accumulators (claimable by stakers).
	pub to_stakers: Balance,
	/// Recorded as operator commission (claimable by the operators).
	pub to_commission: Balance,
	/// Accrued to the treasury: protocol fees, rounding dust, and the shares of operators
	/// without active allocated stake.
	pub to_treasury: Balance,
	/// Paid once per asset, on top of the amount, to keep the reward pot's account of the
	/// asset alive (its minimum balance); never distributed.
	pub pot_endowment: Balance,
}

/// What a staker can claim now and what is still streaming to it, as answered by
/// [`crate::Pallet::claimable_rewards`].
#[derive(Clone, Eq, PartialEq, Debug)]
pub struct ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber> {
	/// Per pool (vault, operator): the non-zero amounts per asset that
	/// [`crate::Pallet::claim_rewards_from`] would pay.
	pub pools: alloc::vec::Vec<(
		pallet_restaking::types::VaultId,
		AccountId,
		alloc::vec::Vec<(AssetKind, Balance)>,
	)>,
	/// Per asset over all pools: what [`crate::Pallet::claim_rewards`] would pay.
	pub total: alloc::vec::Vec<(AssetKind, Balance)>,
	/// Per pool: per asset, the staker's share of what the pool still streams (at its
	/// current share of the pool) and the block the stream ends.
	pub streaming: alloc::vec::Vec<(
		pallet_restaking::types::VaultId,
		AccountId,
		alloc::vec::Vec<(AssetKind, Balance, BlockNumber)>,
	)>,
}

/// How one operator's part of a submission is split: the protocol fee first, then the
/// operator's commission from the rest, then the stakers' part. Each cut is rounded down, so
/// `protocol_fee + commission + for_stakers == amount` exactly.
#[derive(Clone, Copy, Eq, PartialEq, Debug, Default)]
pub struct OperatorSplit<Balance> {
	/// `fee_rate × amount`, accrued to the treasury.
	pub protocol_fee: Balance,
	/// `commission_rate × (amount − protocol_fee)`, owed to the operator.
	pub commission: Balance,
	/// The rest, credited to the operator's pools by their weights.
	pub for_stakers: Balance,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> OperatorSplit<Balance> {
	/// Split `amount` with protocol fee `fee_rate` and operator commission `commission_rate`.
	pub fn new(amount: Balance, fee_rate: Perbill, commission_rate: Perbill) -> Self {
		let protocol_fee = fee_rate.mul_floor(amount);
		let after_fee = amount.saturating_sub(protocol_fee);
		let commission = commission_rate.mul_floor(after_fee);
		Self { protocol_fee, commission, for_stakers: after_fee.saturating_sub(commission) }
	}
}

pub use pallet_restaking::reward::mul_div_floor;
