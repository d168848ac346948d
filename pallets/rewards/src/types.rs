//! Types of the rewards pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a reward submission, assigned sequentially.
pub type SubmissionId = u64;

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

/// What a staker can claim now, as answered by [`crate::Pallet::claimable_rewards`].
#[derive(Clone, Eq, PartialEq, Debug)]
pub struct ClaimableRewards<AccountId, AssetKind, Balance> {
	/// Per pool (vault, operator): the non-zero amounts per asset that
	/// [`crate::Pallet::claim_rewards_from`] would pay.
	pub pools: alloc::vec::Vec<(
		pallet_restaking::types::VaultId,
		AccountId,
		alloc::vec::Vec<(AssetKind, Balance)>,
	)>,
	/// Per asset over all pools: what [`crate::Pallet::claim_rewards`] would pay.
	pub total: alloc::vec::Vec<(AssetKind, Balance)>,
}
