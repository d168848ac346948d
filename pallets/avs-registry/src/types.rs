//! Types of the AVS registry.
//!
//! [`AvsId`] and [`AvsSlashingParams`] are shared with other pallets through
//! [`crate::traits::AvsInspect`]; the rest describe the pallet's own storage and call
//! parameters.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
pub use pallet_restaking::types::{SlashDestination, VaultId};
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

/// The slashing parameters of an AVS in a runtime.
pub type AvsSlashingParamsOf<T> =
	AvsSlashingParams<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// Everything the owner of an AVS chooses, at registration ([`crate::Pallet::register_avs`])
/// and on update ([`crate::Pallet::update_avs`], which replaces the whole configuration).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct AvsConfig<T: Config> {
	/// Free-form metadata (e.g. a URL or a JSON document).
	pub metadata: BoundedVec<u8, T::MaxMetadataLen>,
	/// Vaults whose pools operators may allocate to the AVS. Each must exist in the restaking
	/// pallet; no duplicates.
	pub accepted_vaults: BoundedVec<VaultId, T::MaxVaultsPerAvs>,
	/// Minimum operator stake, in units of the vaults' collateral (see the crate docs: raw
	/// active pool stake at opt-in, allocated stake at an allocation increase). Zero: no
	/// minimum.
	pub min_operator_stake: T::Balance,
	/// Slasher, resolver, cap per slash request, veto window and slash destination.
	pub slashing: AvsSlashingParamsOf<T>,
	/// Assets the AVS pays rewards in. No duplicates.
	pub reward_assets: BoundedVec<T::AssetKind, T::MaxRewardAssets>,
	/// Whether an operator's opt-in must be approved by the owner.
	pub requires_approval: bool,
	/// Blocks an operator stays slashable after opting out (and the AVS after its
	/// deregistration). Between `MinOptOutDelay` and `MaxOptOutDelay`, and longer than the
	/// veto window.
	pub opt_out_delay: BlockNumberFor<T>,
}

impl<T: Config> AvsConfig<T> {
	/// Whether the rules of `self` (its slashing parameters and opt-out delay) put no more at
	/// risk than those of `current`: the same slasher, resolver and destination, a cap no
	/// higher, a veto window no shorter and an opt-out delay no longer. Such a change is in
	/// force at once; any other waits ([`crate::Pallet::update_avs`]).
	pub fn rules_no_riskier_than(&self, current: &Self) -> bool {
		let (new, old) = (&self.slashing, &current.slashing);
		new.slasher == old.slasher &&
			new.resolver == old.resolver &&
			new.destination == old.destination &&
			new.max_slash <= old.max_slash &&
			new.veto_window >= old.veto_window &&
			self.opt_out_delay <= current.opt_out_delay
	}

	/// Whether `self` has exactly the rules of `change`.
	pub fn has_rules_of(&self, change: &ScheduledRules<T>) -> bool {
		self.slashing == change.slashing && self.opt_out_delay == change.opt_out_delay
	}

	/// `self` with the rules (slashing parameters and opt-out delay) of `current`.
	pub fn with_rules_of(mut self, current: &Self) -> Self {
		self.slashing = current.slashing.clone();
		self.opt_out_delay = current.opt_out_delay;
		self
	}

	/// Put the rules of `change` in force.
	pub fn apply_rules(&mut self, change: &ScheduledRules<T>) {
		self.slashing = change.slashing.clone();
		self.opt_out_delay = change.opt_out_delay;
	}
}

/// A change of an AVS's rules (slashing parameters and opt-out delay) that puts more at risk
/// than the rules in force, waiting for block `effective_at` ([`crate::Pallet::update_avs`]).
/// From that block on it is in force: every read of the AVS applies it
/// ([`crate::Pallet::live_avs`]), before anything writes it into the AVS record.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct ScheduledRules<T: Config> {
	/// The new slashing parameters.
	pub slashing: AvsSlashingParamsOf<T>,
	/// The new opt-out delay.
	pub opt_out_delay: BlockNumberFor<T>,
	/// First block at which the new rules are in force.
	pub effective_at: BlockNumberFor<T>,
}

/// Lifecycle of an AVS.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AvsStatus<BlockNumber> {
	/// Accepts opt-ins and allocation changes.
	Active,
	/// Deregistered by the owner: no new opt-ins or allocation changes; its operators stay
	/// slashable before block `until`. From `until` on the AVS is treated as gone and
	/// `finalize_deregistration` removes it.
	Deregistering {
		/// First block at which the AVS is gone.
		until: BlockNumber,
	},
}

/// A registered AVS.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct AvsInfo<T: Config> {
	/// Account that registered the AVS: updates and deregisters it, approves operators.
	pub owner: T::AccountId,
	/// The owner's configuration.
	pub config: AvsConfig<T>,
	/// Active or deregistering.
	pub status: AvsStatus<BlockNumberFor<T>>,
	/// Native deposit held from the owner, released when the AVS is removed.
	pub deposit: T::Balance,
}

/// Status of an operator with respect to one AVS.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum OptInStatus<BlockNumber> {
	/// Waiting for the AVS owner's approval. Not slashable, earns nothing, cannot allocate.
	Pending,
	/// Opted in: slashable, earns rewards, may change its allocations.
	OptedIn,
	/// Opted out: still slashable before block `until` (allocations frozen), earns nothing.
	/// From `until` on the operator is treated as gone and `finalize_opt_out` removes it.
	OptingOut {
		/// First block at which the operator is no longer slashable by the AVS.
		until: BlockNumber,
	},
}

impl<BlockNumber: PartialOrd> OptInStatus<BlockNumber> {
	/// Whether an operator with this status can be slashed at block `now` by an AVS that is
	/// live (status only: the AVS's own liveness is checked by the caller). Opted in, or
	/// opting out and still inside the opt-out delay.
	pub fn is_slashable_at(&self, now: BlockNumber) -> bool {
		match self {
			Self::OptedIn => true,
			Self::OptingOut { until } => now < *until,
			Self::Pending => false,
		}
	}
}

/// An allocation increase that is not in force yet.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PendingIncrease<BlockNumber> {
	/// The new fraction (greater than the current one).
	pub fraction: Perbill,
	/// Block from which it is in force (and slashable).
	pub effective_at: BlockNumber,
}

/// A fraction that was decreased but is still slashable.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct SlashableDecrease<BlockNumber> {
	/// The old fraction (greater than the current one).
	pub fraction: Perbill,
	/// First block at which it is no longer slashable.
	pub until: BlockNumber,
}

impl<BlockNumber: Ord> SlashableDecrease<BlockNumber> {
	/// This decrease merged with an `older` one still in the record: the one slot keeps the
	/// larger fraction until the later block, so it is never less slashable than each
	/// decrease alone.
	pub fn merged_with(self, older: Option<Self>) -> Self {
		match older {
			Some(older) => Self {
				fraction: self.fraction.max(older.fraction),
				until: self.until.max(older.until),
			},
			None => self,
		}
	}
}

/// Allocation of one pool (`vault`, operator) to one AVS: the fraction of the pool's stake
/// that the AVS may slash.
///
/// Values change lazily: a pending increase is in force from its `effective_at` block on, and
/// a decreased value stops being slashable at its `until` block, without any storage write.
/// [`VaultAllocation::normalized`] folds those time-driven changes into the stored record.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct VaultAllocation<BlockNumber> {
	/// Vault of the pool.
	pub vault: VaultId,
	/// Fraction in force (unless `pending` has become effective).
	pub current: Perbill,
	/// An increase waiting for `AllocationDelay`.
	pub pending: Option<PendingIncrease<BlockNumber>>,
	/// An older, larger fraction that stays slashable for the vault's withdrawal delay.
	pub slashable: Option<SlashableDecrease<BlockNumber>>,
}

impl<BlockNumber: PartialOrd + Copy> VaultAllocation<BlockNumber> {
	/// A record with nothing allocated.
	pub fn empty(vault: VaultId) -> Self {
		Self { vault, current: Perbill::zero(), pending: None, slashable: None }
	}

	/// The fraction in force at block `now` (used for rewards): the pending increase once it
	/// is effective, the current fraction otherwise.
	pub fn in_force(&self, now: BlockNumber) -> Perbill {
		match self.pending {
			Some(pending) if pending.effective_at <= now => pending.fraction,
			_ => self.current,
		}
	}

	/// The fraction the AVS may slash at block `now`: the larger of the fraction in force and
	/// a decreased fraction that is still slashable.
	pub fn slashable_at(&self, now: BlockNumber) -> Perbill {
		let in_force = self.in_force(now);
		match self.slashable {
			Some(old) if now < old.until => in_force.max(old.fraction),
			_ => in_force,
		}
	}

	/// Parts (of `Perbill::one()`) this record claims of the pool, whatever the time: the
	/// largest of the current, pending and still-slashable fractions. This is what
	/// `PoolAllocationTotal` adds up; it is never lower than what the record may become
	/// slashable for.
	pub fn footprint(&self) -> u64 {
		let mut largest = self.current;
		if let Some(pending) = self.pending {
			largest = largest.max(pending.fraction);
		}
		if let Some(old) = self.slashable {
			largest = largest.max(old.fraction);
		}
		u64::from(largest.deconstruct())
	}

	/// The same record with the changes time has made by block `now` written in: an effective
	/// increase becomes current, an expired (or superseded) slashable fraction is dropped.
	/// The footprint never grows.
	pub fn normalized(mut self, now: BlockNumber) -> Self {
		if let Some(pending) = self.pending {
			if pending.effective_at <= now {
				self.current = pending.fraction;
				self.pending = None;
			}
		}
		if let Some(old) = self.slashable {
			if old.until <= now || old.fraction <= self.current {
				self.slashable = None;
			}
		}
		self
	}

	/// Whether the record allocates nothing and keeps nothing slashable (it can be removed).
	pub fn is_empty(&self) -> bool {
		self.current.is_zero() && self.pending.is_none() && self.slashable.is_none()
	}

	/// The pending increase if it is not in force yet at block `now`.
	pub fn pending_at(&self, now: BlockNumber) -> Option<PendingIncrease<BlockNumber>> {
		self.pending.filter(|pending| now < pending.effective_at)
	}

	/// End of the slashability of a decreased fraction that is still slashable at block
	/// `now` and larger than the fraction in force; `None` otherwise.
	pub fn slashable_until(&self, now: BlockNumber) -> Option<BlockNumber> {
		let in_force = self.in_force(now);
		self.slashable
			.filter(|old| now < old.until && old.fraction > in_force)
			.map(|old| old.until)
	}
}

impl<BlockNumber: Ord + Copy> VaultAllocation<BlockNumber> {
	/// Schedule an increase to `fraction` (above the fraction in force) on a
	/// [normalized](Self::normalized) record: it takes effect at `effective_at`, unless an
	/// existing pending increase to at least `fraction` keeps its earlier block. Returns the
	/// block at which the increase takes effect.
	pub fn schedule_increase(
		&mut self,
		fraction: Perbill,
		effective_at: BlockNumber,
	) -> BlockNumber {
		let effective_at = match self.pending {
			Some(pending) if fraction <= pending.fraction => pending.effective_at,
			_ => effective_at,
		};
		self.pending = Some(PendingIncrease { fraction, effective_at });
		effective_at
	}

	/// Decrease a [normalized](Self::normalized) record to `fraction` (below the fraction in
	/// force) at once: a pending increase is dropped, and the fraction in force until now
	/// stays slashable before block `until` (merged with an older still-slashable decrease,
	/// [`SlashableDecrease::merged_with`]). Returns what stays slashable.
	pub fn decrease_to(
		&mut self,
		fraction: Perbill,
		until: BlockNumber,
	) -> SlashableDecrease<BlockNumber> {
		let slashable =
			SlashableDecrease { fraction: self.current, until }.merged_with(self.slashable);
		self.current = fraction;
		self.pending = None;
		self.slashable = Some(slashable);
		slashable
	}
}

/// Allocation record of an operator to an AVS in a runtime.
pub type VaultAllocationOf<T> = VaultAllocation<BlockNumberFor<T>>;

/// One allocation record with the stake it covers now, as answered by the query helpers
/// ([`crate::Pallet::operator_avs_stakes`], [`crate::Pallet::avs_operator_stakes`]).
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct AllocationStake<T: Config> {
	/// The vault of the pool.
	pub vault: VaultId,
	/// Fraction in force now ([`VaultAllocation::in_force`]).
	pub in_force: Perbill,
	/// An increase that is not in force yet.
	pub pending: Option<PendingIncrease<BlockNumberFor<T>>>,
	/// Fraction the AVS may slash now ([`VaultAllocation::slashable_at`]); zero if the
	/// operator is not slashable by the AVS.
	pub slashable_fraction: Perbill,
	/// End of the slashability of a decreased, larger fraction, while it lasts.
	pub slashable_until: Option<BlockNumberFor<T>>,
	/// `in_force × pool active stake`.
	pub allocated_stake: T::Balance,
	/// `slashable_fraction × (pool active stake + unmatured withdrawals)`.
	pub slashable_stake: T::Balance,
}

/// An operator's standing with one AVS, as answered by the query helpers.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct OperatorAvsStake<T: Config> {
	/// The AVS.
	pub avs: AvsId,
	/// The operator.
	pub operator: T::AccountId,
	/// Opt-in status (as stored; an `OptingOut` whose `until` has passed is gone for the
	/// AVS, and `slashable` is false).
	pub status: OptInStatus<BlockNumberFor<T>>,
	/// Whether the AVS can slash the operator now.
	pub slashable: bool,
	/// One entry per allocation record (per vault).
	pub allocations: alloc::vec::Vec<AllocationStake<T>>,
}

/// An AVS of the genesis configuration ([`crate::GenesisConfig`]): what [`AvsConfig`] holds,
/// in plain fields a chain spec can write. `beneficiary: None` burns slashed collateral.
#[derive(Clone, Eq, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisAvs<AccountId, Balance, BlockNumber, AssetKind> {
	/// Owner (its AVS deposit is held).
	pub owner: AccountId,
	/// Free-form metadata.
	pub metadata: alloc::vec::Vec<u8>,
	/// Accepted vaults (they must exist: the restaking genesis makes them first).
	pub accepted_vaults: alloc::vec::Vec<VaultId>,
	/// Minimum operator stake.
	pub min_operator_stake: Balance,
	/// Account allowed to request slashes.
	pub slasher: AccountId,
	/// Account allowed to veto pending slashes besides root.
	pub resolver: Option<AccountId>,
	/// Largest fraction one slash request may take.
	pub max_slash: Perbill,
	/// Veto window of slash requests.
	pub veto_window: BlockNumber,
	/// Where slashed collateral goes: this account, or burned if `None`.
	pub beneficiary: Option<AccountId>,
	/// Reward assets.
	pub reward_assets: alloc::vec::Vec<AssetKind>,
	/// Whether opt-ins need the owner's approval.
	pub requires_approval: bool,
	/// How long an operator stays slashable after opting out.
	pub opt_out_delay: BlockNumber,
}
