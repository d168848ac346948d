// NOTE TO ENGINEERS: the '{COMMON}' brief of your task is the file /work/main/.common-brief.md - read it now (build rules, CARGO_TARGET_DIR, runtime config conventions). Remove this line when you edit this file.
//! Types of the restaking pallet shared with other pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a vault.
pub type VaultId = u32;

/// Where slashed collateral goes.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum SlashDestination<AccountId> {
	/// The collateral is burned (total issuance of the asset goes down).
	Burn,
	/// The collateral is transferred to this account (e.g. the AVS's beneficiary).
	Account(AccountId),
}

/// Stake of one delegation pool (vault, operator).
#[derive(
	Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, Default, TypeInfo, MaxEncodedLen,
)]
pub struct PoolStake<Balance> {
	/// Stake backing the pool's active shares.
	pub active: Balance,
	/// Stake in withdrawal buckets that have not matured yet (still slashable).
	pub withdrawing: Balance,
}
