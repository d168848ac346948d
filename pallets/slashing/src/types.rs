//! Types of the slashing pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use pallet_avs_registry::types::AvsId;
use pallet_restaking::types::VaultId;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// Identifier of a slash request, assigned sequentially by the pallet.
pub type SlashId = u64;

/// Identifier of the incident (offence) a slash request is about, chosen by the AVS (typically
/// the hash of the evidence or of the offence report). One incident of one operator can be
/// slashed at most once by one AVS.
pub type IncidentId = H256;

/// A slash request that is waiting for its veto window to end.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxEvidenceLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct PendingSlash<AccountId, BlockNumber, MaxEvidenceLen: frame_support::traits::Get<u32>> {
	/// The AVS that requested the slash.
	pub avs: AvsId,
	/// The operator to slash.
	pub operator: AccountId,
	/// Fraction of the operator's allocated stake (in every pool allocated to the AVS) to slash.
	pub fraction: Perbill,
	/// The incident the slash is about (deduplication key together with `avs` and `operator`).
	pub incident: IncidentId,
	/// Evidence supplied by the AVS's slasher (opaque bytes, e.g. a hash or a signed report).
	pub evidence: BoundedVec<u8, MaxEvidenceLen>,
	/// Block in which the slash was requested.
	pub requested_at: BlockNumber,
	/// First block in which the slash can be executed (end of the veto window). The request is
	/// also queued for automatic execution at this block.
	pub executable_at: BlockNumber,
}

/// What became of a reported incident. An incident is consumed by its first request: whatever
/// the outcome, the same (AVS, operator, incident) cannot be requested again.
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
pub enum IncidentStatus {
	/// A slash request for the incident is pending.
	Pending(SlashId),
	/// The slash was executed.
	Executed,
	/// The slash was vetoed by the AVS's resolver or by root. A vetoed incident is final: the
	/// veto is the dispute resolution, so the AVS cannot re-submit the same incident.
	Vetoed,
	/// The slash was cancelled at execution time because the operator was no longer slashable
	/// by the AVS.
	Cancelled,
}

/// Why a slash was cancelled instead of executed.
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
pub enum CancelReason {
	/// The operator's opt-out delay (or the AVS's deregistration delay) ended before execution.
	OperatorNoLongerSlashable,
	/// The AVS no longer has slashing parameters (it was removed).
	AvsNotFound,
}

/// Amount slashed from one pool (`vault`, operator) by an executed slash.
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
pub struct PoolSlash<Balance> {
	/// The vault of the pool.
	pub vault: VaultId,
	/// Fraction of the pool's slashable stake (active and unmatured withdrawals) that was cut:
	/// the slash fraction times the AVS's allocation of the pool.
	pub fraction: Perbill,
	/// Collateral taken from the pool.
	pub amount: Balance,
}

/// Where a pending slash request stands, as answered by
/// [`crate::Pallet::pending_slashes_of`].
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub enum PendingSlashStatus {
	/// Inside the veto window: the AVS's resolver or root can veto it.
	VetoWindowOpen,
	/// The veto window has ended: anyone can execute it.
	Executable,
	/// The veto window has ended, but the operator is no longer slashable by the AVS:
	/// executing it would cancel it.
	WillBeCancelled,
}
