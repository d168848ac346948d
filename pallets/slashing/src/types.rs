//! Types of the slashing pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use pallet_avs_registry::types::AvsId;
use pallet_restaking::types::{SlashDestination, VaultId};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{Perbill, Saturating};

/// Identifier of a slash request, assigned sequentially by the pallet.
pub type SlashId = u64;

/// Identifier of the incident (offence) a slash request is about, chosen by the AVS (typically
/// the hash of the evidence or of the offence report). One incident of one operator can be
/// slashed at most once by one AVS: its record is kept until the incident is too old to be
/// reported.
pub type IncidentId = H256;

/// One pool (vault, operator) a slash request will cut, and by how much: the slash fraction
/// times the AVS's slashable allocation of the pool *when the request was made*.
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
pub struct PoolFraction {
	/// The vault of the pool.
	pub vault: VaultId,
	/// Fraction of the pool's slashable stake (active and withdrawals live at the request) to
	/// cut.
	pub fraction: Perbill,
}

/// A slash request that is waiting for its veto window to end.
///
/// Everything execution and veto need is fixed here when the request is made: the rules of the
/// AVS at that moment (`resolver`, `destination`; `fraction` was checked against `max_slash`,
/// `executable_at` follows from the veto window) and the *basis* (`pools`: the pools and their
/// fractions from the allocations slashable at `requested_at`). A later change of the AVS's
/// configuration, an allocation change or an opt-out does not change what a pending request
/// takes or who may veto it.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxEvidenceLen, MaxPools))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct PendingSlash<
	AccountId,
	BlockNumber,
	MaxEvidenceLen: frame_support::traits::Get<u32>,
	MaxPools: frame_support::traits::Get<u32>,
> {
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
	/// Block in which the slash was requested. Withdrawal buckets that had matured by then are
	/// not cut.
	pub requested_at: BlockNumber,
	/// First block in which the slash can be executed (end of the veto window). The request is
	/// also queued for automatic execution at this block.
	pub executable_at: BlockNumber,
	/// The AVS's resolver when the request was made: the only account (besides root) that can
	/// veto it.
	pub resolver: Option<AccountId>,
	/// Where the slashed collateral goes, as configured when the request was made.
	pub destination: SlashDestination<AccountId>,
	/// The pools to cut and by how much (non-zero fractions only), from the allocations
	/// slashable when the request was made. Each of them is slash-locked in the restaking
	/// pallet until the request is resolved.
	pub pools: BoundedVec<PoolFraction, MaxPools>,
}

/// What became of a reported incident. An incident is consumed by its first request: whatever
/// the outcome, the same (AVS, operator, incident) cannot be requested again while its record
/// exists, and the record exists until the incident is too old to be reported
/// ([`IncidentRecord::expires_at`]).
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
	/// The slash was cancelled at execution time because the operator was no longer slashable.
	/// Only found in records from before storage version 1: since then a request keeps its
	/// basis and is always executed or vetoed.
	Cancelled,
}

/// The deposit held for an incident record (and the request that created it).
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct IncidentDeposit<AccountId, Balance> {
	/// The account the deposit is held from (the AVS's slasher that made the request).
	pub depositor: AccountId,
	/// The amount held.
	pub amount: Balance,
}

/// The record of a reported (AVS, operator, incident).
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct IncidentRecord<AccountId, Balance, BlockNumber> {
	/// What became of it.
	pub status: IncidentStatus,
	/// Block from which the incident is too old to be reported again, so that its record can
	/// be pruned: the block it occurred in plus `MaxIncidentAge`.
	pub expires_at: BlockNumber,
	/// The deposit held for the record, released when it is pruned (`None` for records from
	/// before storage version 1).
	pub deposit: Option<IncidentDeposit<AccountId, Balance>>,
}

/// How much of an operator one AVS has requested in the current budget window: the total of
/// one *incident family*. The fractions of the requests made in a window (pending or executed;
/// a veto gives its fraction back) add up to at most `cap`: the AVS's `max_slash` when the
/// window started, or a lower one set since (a raise waits for the next window). The window
/// starts at the first request after the previous one ended and lasts `SlashBudgetWindow`
/// blocks.
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
pub struct SlashBudget<BlockNumber> {
	/// First block of the window.
	pub since: BlockNumber,
	/// The cap of the window.
	pub cap: Perbill,
	/// Sum of the fractions requested in the window and not vetoed.
	pub used: Perbill,
	/// Number of incident records of this (AVS, operator) that are stored: the budget record is
	/// removed with the last of them.
	pub incidents: u32,
}

impl<BlockNumber: sp_runtime::traits::AtLeast32BitUnsigned + Copy> SlashBudget<BlockNumber> {
	/// Whether the window that started at `since` is over at `now`.
	pub fn window_ended(&self, now: BlockNumber, window: BlockNumber) -> bool {
		now >= self.since.saturating_add(window)
	}

	/// Take `fraction` from the budget at `now`, with `max_slash` the AVS's cap now: a new
	/// window (cap `max_slash`) if the last one ended, else the current window with its cap
	/// lowered to `max_slash` if that is lower. `None` (changing nothing) if the window's
	/// total would exceed its cap.
	pub fn take(
		&mut self,
		fraction: Perbill,
		max_slash: Perbill,
		now: BlockNumber,
		window: BlockNumber,
	) -> Option<()> {
		let (since, cap, used) = if self.window_ended(now, window) {
			(now, max_slash, Perbill::zero())
		} else {
			(self.since, self.cap.min(max_slash), self.used)
		};
		let total = used.deconstruct().checked_add(fraction.deconstruct())?;
		if total > cap.deconstruct() {
			return None;
		}
		self.since = since;
		self.cap = cap;
		self.used = Perbill::from_parts(total);
		Some(())
	}

	/// Give `fraction` back (a vetoed request made at `requested_at`), if it was taken in the
	/// current window.
	pub fn give_back(&mut self, fraction: Perbill, requested_at: BlockNumber) {
		if requested_at >= self.since {
			self.used = self.used.saturating_sub(fraction);
		}
	}
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
}
