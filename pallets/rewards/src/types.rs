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
