// NOTE TO ENGINEERS: the '{COMMON}' brief of your task is the file /work/main/.common-brief.md - read it now (build rules, CARGO_TARGET_DIR, runtime config conventions). Remove this line when you edit this file.
//! Types of the AVS registry shared with other pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use pallet_restaking::types::SlashDestination;
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Identifier of an AVS.
pub type AvsId = u32;

/// What the slashing pallet needs to know about an AVS.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct AvsSlashingParams<AccountId, BlockNumber> {
	/// Account allowed to request slashes on behalf of the AVS.
	pub slasher: AccountId,
	/// Account allowed to veto pending slashes (root can always veto). `None`: only root.
	pub resolver: Option<AccountId>,
	/// Largest fraction one slash request may take from an operator's allocated stake.
	pub max_slash: Perbill,
	/// Blocks a slash request waits, vetoable, before it can be executed.
	pub veto_window: BlockNumber,
	/// Where slashed collateral goes.
	pub destination: SlashDestination<AccountId>,
}
