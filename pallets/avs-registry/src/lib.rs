//! # AVS registry pallet
//!
//! Registry of AVSs (actively validated services: oracles, bridges, DA layers, sequencers) of
//! the restaking ledger, the operators that serve them, and how much of each operator's
//! delegation pools every AVS may slash.
//!
//! ## Model
//!
//! - **AVS.** Any account registers an AVS with an [`AvsConfig`]: metadata, the vaults it
//!   accepts as collateral, a minimum operator stake, its slashing parameters
//!   ([`AvsSlashingParams`]: slasher, resolver, cap per slash request, veto window, where
//!   slashed funds go), its reward assets, whether opt-ins need its approval and its opt-out
//!   delay. [`Config::AvsDeposit`] of the native token is held from the owner until the AVS is
//!   removed. The owner can replace the configuration ([`Pallet::update_avs`]; a change of the
//!   rules that puts more at risk waits, see below) and deregister the AVS
//!   ([`Pallet::deregister_avs`]).
//! - **Opt-in.** An active operator of the restaking pallet opts in to an AVS
//!   ([`Pallet::opt_in`]). If the AVS requires approval the opt-in is `Pending` until the owner
//!   approves or rejects it; otherwise the operator is `OptedIn` at once. An opted-in operator
//!   is slashable by the AVS and earns its rewards.
//! - **Opt-in deposit.** [`Config::OptInDeposit`] of the native token is held from the
//!   operator at opt-in ([`HoldReason::OptIn`]) and released when its opt-in is removed, by
//!   whichever path: [`Pallet::reject_operator`], withdrawal of a pending opt-in
//!   ([`Pallet::opt_out`]), [`Pallet::finalize_opt_out`], removal of a pending operator by the
//!   owner ([`Pallet::remove_operator`]) or [`Pallet::finalize_deregistration`]. The
//!   amount held is recorded ([`OptInDeposits`]), so a later change of the constant releases
//!   exactly what was held.
//! - **Removal by the owner.** The owner can remove any operator ([`Pallet::remove_operator`]),
//!   also while the AVS deregisters. A pending operator is removed at once. An opted-in
//!   operator is put into `OptingOut` exactly as if it had opted out itself: it stays
//!   slashable, with its allocations frozen, for the opt-out delay, so the owner cannot use a
//!   removal to let an operator escape a slash; then [`Pallet::finalize_opt_out`] frees its
//!   slot.
//! - **Opt-out.** An operator opts out ([`Pallet::opt_out`]); it is `OptingOut` and STAYS
//!   SLASHABLE (with its allocations frozen) for the AVS's opt-out delay, so it cannot escape a
//!   slash the AVS is about to request. After the delay it is treated as gone and anyone can
//!   remove its records ([`Pallet::finalize_opt_out`]).
//! - **Allocation.** An opted-in operator chooses, per accepted vault, the fraction of its pool
//!   (vault, operator) the AVS may slash ([`Pallet::set_allocation`], a [`VaultAllocation`]).
//!   Increases take effect after [`Config::AllocationDelay`] (so the pool's stakers can see them
//!   coming). Decreases take effect at once for rewards, but the old fraction stays slashable
//!   until the vault's withdrawal delay has passed: stake cannot leave an AVS faster than it
//!   can leave the vault. All of this is lazy: records are only rewritten when touched
//!   ([`Pallet::set_allocation`], [`Pallet::prune_allocation`]).
//! - **Leverage bound.** `PoolAllocationTotal(vault, operator)` is the sum over AVSs of each
//!   allocation's footprint (the largest of its current, pending and still-slashable
//!   fractions, in `Perbill` parts) and never exceeds [`Config::MaxTotalAllocation`]. With
//!   `MaxTotalAllocation = 3 * 1_000_000_000` one unit of stake can back at most three full
//!   allocations: restaking leverage 3x.
//! - **Deregistration.** The owner deregisters: the AVS takes no more opt-ins or allocation
//!   changes, and its operators stay slashable for the opt-out delay. After it anyone calls
//!   [`Pallet::finalize_deregistration`], which removes every record of the AVS (bounded by
//!   [`Config::MaxOperatorsPerAvs`] × [`Config::MaxVaultsPerAvs`]) and releases the owner's
//!   deposit and the operators' opt-in deposits.
//!
//! ## Who can fill `AvsOperators`
//!
//! An open AVS (no approval required, possibly no minimum operator stake) takes opt-ins from
//! any active operator, up to [`Config::MaxOperatorsPerAvs`]. Every entry of [`AvsOperators`]
//! (pending, opted in or opting out) is paid for by an opt-in deposit
//! ([`Config::OptInDeposit`]) held for as long as the entry exists, and the owner can remove
//! any operator ([`Pallet::remove_operator`]); a removed operator leaves after the AVS's
//! opt-out delay, when anyone can [`Pallet::finalize_opt_out`] it and opt in to the freed
//! slot. So, with an owner that removes them, no party can keep a real operator out for
//! longer than the opt-out delay, and occupying the slots costs one deposit per slot, locked
//! for at least that delay. (The freed slot goes to the first opt-in after
//! `finalize_opt_out`: an attacker that refills it at once pays, and locks, a new deposit
//! every time the owner removes it; an owner under such an attack can also require approval,
//! and reject pending opt-ins at once.)
//!
//! ## Minimum operator stake
//!
//! `min_operator_stake` is in units of the accepted vaults' collateral (vaults of different
//! assets are not converted: an AVS that mixes assets chooses a number that makes sense for
//! each). It is checked with [`pallet_restaking::traits::RestakingInspect::pool_stake`] (active stake only: stake that is
//! being withdrawn is on its way out):
//! - at opt-in, on the raw pool stake: at least one accepted vault's pool (vault, operator)
//!   must hold `min_operator_stake` of active stake;
//! - at an allocation increase, on the allocated stake: `fraction × active stake` of the pool
//!   must reach `min_operator_stake`.
//!
//! It is a filter at the time of the call, not a guarantee: stake can leave later.
//!
//! ## Safety of configuration changes
//!
//! [`Pallet::update_avs`] replaces the whole configuration, with these rules so that nothing
//! in flight becomes unslashable:
//! - a vault can be removed from the accepted vaults only when no operator has an allocation
//!   record for it in this AVS ([`Error::VaultHasAllocations`]); operators decrease to zero,
//!   and once the decreased fraction is no longer slashable anyone can
//!   [`Pallet::prune_allocation`] the record;
//! - the opt-out delay must stay longer than both the old and the new veto window, so that an
//!   operator opting out after the change is still slashable when a slash requested before the
//!   change becomes executable; operators already opting out keep their `until`.
//!
//! - the rules (slashing parameters and opt-out delay) are in force at once only if they put no
//!   more at risk than those in force: the same slasher, resolver and destination, a cap no
//!   higher, a veto window no shorter, an opt-out delay no longer
//!   ([`AvsConfig::rules_no_riskier_than`]). Any other rule change is scheduled
//!   ([`ScheduledRuleChanges`], [`Event::AvsRulesChangeScheduled`]) for `now +` the longest of
//!   [`Config::RuleChangeDelay`] (the chain's AVS rule-change delay), the AVS's opt-out delay
//!   in force and the longest withdrawal wait of the AVS's vaults. An operator that opts out
//!   when the change is announced is no longer slashable by the AVS when it applies, and a
//!   staker who queues a withdrawal then has it matured: nobody is held to rules they did not
//!   accept. The change applies at its block with no transaction (every read of the AVS
//!   applies it, [`Pallet::live_avs`]). A later riskier change replaces it and waits anew;
//!   submitting the scheduled rules again keeps their block; rules no riskier than those in
//!   force drop it ([`Event::AvsRulesChangeCancelled`]). One per AVS, written only by its
//!   owner: nobody else can fill or block it.
//!
//! A pending slash request never reads the configuration again: the slashing pallet
//! snapshots the resolver, the destination and the basis (pools and fractions) when the request
//! is made, so a change of `slashing` applies to later requests only.
//!
//! ## Timing assumptions (checked in the runtime)
//!
//! `MaxVetoWindow + MaxIncidentAge < MinWithdrawalDelay <= MinOptOutDelay` (the slashing
//! pallet's request latency and the restaking pallet's delay) keeps the windows in the order
//! DESIGN.md invariant 9 states. The runtime reads these bounds from `pallet-time-parameters`,
//! which enforces the relation at genesis and on every change, for new and existing AVSs and
//! vaults. (Stake slashable at a request can no longer leave its pool before the request
//! resolves in any case: the slashing pallet locks the pools it names.) Every AVS also has
//! `opt_out_delay > veto_window`. The bounds may be storage reads (per chain spec): a change
//! applies to configurations made afterwards; existing AVSs keep their windows.
//!
//! ## Interface to other pallets
//!
//! [`traits::AvsInspect`] (implemented for [`Pallet`]) is what the slashing and rewards
//! pallets read. An AVS whose deregistration delay has passed, or an operator whose opt-out
//! delay has passed, is treated by it as gone even before its records are removed.
//!
//! ## Storage
//!
//! [`NextAvsId`], [`Avss`], [`ScheduledRuleChanges`], [`OptIns`], the two indices
//! [`AvsOperators`] and [`OperatorAvs`],
//! [`OptInDeposits`], [`Allocations`], [`PoolAllocationTotal`] and [`VaultAllocationCount`].
//! Every collection is bounded by a [`Config`] constant.
//!
//! ## Invariants (checked by `try_state`)
//!
//! 1. [`AvsOperators`], [`OptIns`] and [`OperatorAvs`] describe the same set of
//!    (AVS, operator) pairs, without duplicates, for registered AVSs only.
//! 2. [`Allocations`] exist only for registered AVSs, for operators that are opted in or opting
//!    out, and only for vaults the AVS accepts; no record is empty.
//! 3. [`PoolAllocationTotal`] equals the recomputed sum of footprints and is at most
//!    [`Config::MaxTotalAllocation`]; [`VaultAllocationCount`] equals the recomputed counts.
//! 4. Every owner has at least the deposits of its AVSs on hold.
//! 5. Every [`OptInDeposits`] entry is non-zero and belongs to an opt-in in [`OptIns`] (a zero
//!    deposit is not recorded, so not every opt-in has one); every operator has at least the
//!    sum of its opt-in deposits on hold with [`HoldReason::OptIn`].
//! 6. Every [`ScheduledRuleChanges`] entry belongs to a registered AVS, and its opt-out delay
//!    is above both the veto window in force and the new one.
//!
//! ## Code map
//!
//! - `lib.rs`: the FRAME pallet: [`Config`], storage, events, errors, hooks and the calls.
//! - [`types`]: storage and call types; the fraction arithmetic of one allocation record
//!   ([`VaultAllocation`]: in force, slashable, footprint, normalization, increase and
//!   decrease) and of an opt-in status ([`OptInStatus::is_slashable_at`]).
//! - [`traits`]: [`traits::AvsInspect`], the interface for the slashing and rewards pallets.
//! - `avs.rs`: AVS lookups with the rules in force ([`Pallet::live_avs`]), configuration
//!   checks and the block of a scheduled rule change.
//! - `opt_in.rs`: removing operators with their opt-in, allocations, index entries and opt-in
//!   deposit.
//! - `allocation.rs`: the rules of [`Pallet::set_allocation`] and the bookkeeping of
//!   [`PoolAllocationTotal`] and [`VaultAllocationCount`] on every allocation write.
//! - `impl_traits.rs`: [`traits::AvsInspect`] for [`Pallet`].
//! - `queries.rs`: read-only queries for the runtime API ([`Pallet::operator_avs_stakes`],
//!   [`Pallet::avs_operator_stakes`]).
//! - `try_state.rs`: the invariant checks (`Pallet::do_try_state`).
//! - [`weights`]: call weights; `benchmarking.rs`, `mock.rs` and `tests/`: benchmarks and
//!   unit tests; `benchmark_helpers` (with `runtime-benchmarks`): AVS set-ups on the real
//!   restaking pallet, shared by the runtime and the pallets' helpers.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod migrations;
pub mod traits;
pub mod types;
pub mod weights;

mod allocation;
mod avs;
mod impl_traits;
mod opt_in;
mod queries;
#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
mod try_state;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Restaking state the benchmarks need, provided by the runtime (which calls the restaking
/// pallet) or by a mock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// Make `operator` an active operator of the restaking pallet (it may already be one).
	fn setup_operator(operator: &AccountId);
	/// Create a new active vault and give pool (vault, `operator`) a non-zero active stake;
	/// `operator` was set up with [`Self::setup_operator`]. Returns the vault.
	fn setup_vault_with_stake(operator: &AccountId) -> pallet_restaking::types::VaultId;
	/// A reward asset; distinct `index`es give distinct assets.
	fn reward_asset(index: u32) -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, MutateHold},
			tokens::Precision,
			Defensive,
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_restaking::traits::RestakingInspect;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, Saturating, Zero},
		Perbill,
	};

	/// The storage version: 1 keeps every AVS's veto window within `MaxVetoWindow` (see
	/// `migrations.rs`).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered AVS.
		AvsRegistration,
		/// The deposit of an operator's opt-in to an AVS.
		OptIn,
	}

	/// Configuration of the AVS registry pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type (the restaking pallet's).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + MaxEncodedLen + Copy + Default;

		/// Asset kind (the restaking pallet's), for reward assets.
		type AssetKind: Parameter + Member + MaxEncodedLen;

		/// Vaults, operators and pool stakes.
		type Restaking: RestakingInspect<
			Self::AccountId,
			Balance = Self::Balance,
			AssetKind = Self::AssetKind,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The native currency, for the registration and opt-in deposits.
		type NativeBalance: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Self::Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Native deposit held from the owner of an AVS while it is registered.
		#[pallet::constant]
		type AvsDeposit: Get<Self::Balance>;

		/// Native deposit held from an operator for each of its opt-ins (pending, opted in or
		/// opting out), released when the opt-in is removed. It makes filling an AVS's
		/// `MaxOperatorsPerAvs` slots cost one deposit per slot. May be zero.
		#[pallet::constant]
		type OptInDeposit: Get<Self::Balance>;

		/// Longest AVS metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most vaults an AVS accepts; hence also most allocations of one operator to one AVS.
		#[pallet::constant]
		type MaxVaultsPerAvs: Get<u32>;

		/// Most operators (pending, opted in or opting out) of one AVS.
		#[pallet::constant]
		type MaxOperatorsPerAvs: Get<u32>;

		/// Most AVSs one operator can be (pending, opted in or opting out) with.
		#[pallet::constant]
		type MaxAvsPerOperator: Get<u32>;

		/// Most reward assets of one AVS.
		#[pallet::constant]
		type MaxRewardAssets: Get<u32>;

		/// Shortest veto window of an AVS, in blocks.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MinVetoWindow: Get<BlockNumberFor<Self>>;

		/// Longest veto window of an AVS, in blocks. With the slashing pallet's
		/// `MaxIncidentAge`, MUST stay below the restaking pallet's `MinWithdrawalDelay`:
		/// stake slashable when an incident occurs has not left its pool when a late report's
		/// veto window ends (the runtime's `pallet-time-parameters` enforces it).
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MaxVetoWindow: Get<BlockNumberFor<Self>>;

		/// Shortest opt-out delay of an AVS, in blocks.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MinOptOutDelay: Get<BlockNumberFor<Self>>;

		/// Longest opt-out delay of an AVS, in blocks (bounds how long an owner can keep an
		/// operator's stake at risk after it opted out).
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MaxOptOutDelay: Get<BlockNumberFor<Self>>;

		/// Blocks before an allocation increase takes effect (becomes slashable and earns).
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type AllocationDelay: Get<BlockNumberFor<Self>>;

		/// Shortest wait, in blocks, before a change of an AVS's rules that puts more at risk
		/// is in force ([`Pallet::update_avs`]); the wait is also at least the AVS's opt-out
		/// delay and the longest withdrawal wait of its vaults.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type RuleChangeDelay: Get<BlockNumberFor<Self>>;

		/// Bound on `PoolAllocationTotal`: the sum over AVSs of the allocations of one pool, in
		/// `Perbill` parts (1_000_000_000 = 100%). `3 * 1_000_000_000` allows restaking
		/// leverage 3x: every unit of stake backs at most three full allocations. At least
		/// 100%.
		#[pallet::constant]
		type MaxTotalAllocation: Get<u64>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// Sets up restaking state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind>;
	}

	/// Id the next registered AVS gets. Ids are never reused.
	#[pallet::storage]
	pub type NextAvsId<T: Config> = StorageValue<_, AvsId, ValueQuery>;

	/// Registered AVSs (active or deregistering) by id.
	#[pallet::storage]
	pub type Avss<T: Config> = StorageMap<_, Twox64Concat, AvsId, AvsInfo<T>>;

	/// A change of an AVS's rules that puts more at risk, waiting for its block (at most one
	/// per AVS, written only by its owner, removed with the AVS; its storage is paid for by the
	/// AVS deposit). From its block on it is in force without any transaction: every read of
	/// the AVS applies it.
	#[pallet::storage]
	pub type ScheduledRuleChanges<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, ScheduledRules<T>>;

	/// Status of each operator with each AVS it opted in to (pending, opted in, opting out).
	#[pallet::storage]
	pub type OptIns<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		OptInStatus<BlockNumberFor<T>>,
	>;

	/// Operators that have an entry in [`OptIns`] for an AVS (index; absent when empty).
	#[pallet::storage]
	pub type AvsOperators<T: Config> = StorageMap<
		_,
		Twox64Concat,
		AvsId,
		BoundedVec<T::AccountId, T::MaxOperatorsPerAvs>,
		ValueQuery,
	>;

	/// AVSs for which an operator has an entry in [`OptIns`] (index; absent when empty).
	#[pallet::storage]
	pub type OperatorAvs<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<AvsId, T::MaxAvsPerOperator>,
		ValueQuery,
	>;

	/// Opt-in deposit held from an operator for its opt-in to an AVS: the amount held at
	/// opt-in, released when the opt-in is removed. Only non-zero amounts are stored.
	#[pallet::storage]
	pub type OptInDeposits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AvsId, Blake2_128Concat, T::AccountId, T::Balance>;

	/// Allocations of an operator to an AVS, one record per vault (absent when empty).
	#[pallet::storage]
	pub type Allocations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultAllocationOf<T>, T::MaxVaultsPerAvs>,
		ValueQuery,
	>;

	/// Sum over AVSs of the footprints of the allocations of pool (vault, operator), in
	/// `Perbill` parts; at most [`Config::MaxTotalAllocation`] (absent when zero).
	#[pallet::storage]
	pub type PoolAllocationTotal<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// Number of operators with an allocation record for (AVS, vault) (absent when zero). A
	/// vault with records cannot be removed from the AVS's accepted vaults.
	#[pallet::storage]
	pub type VaultAllocationCount<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AvsId, Twox64Concat, VaultId, u32, ValueQuery>;

	/// Events of the AVS registry pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS was registered and `deposit` was held from its owner.
		AvsRegistered { avs: AvsId, owner: T::AccountId, deposit: T::Balance },
		/// The owner replaced the configuration of an AVS: everything but a riskier rule change
		/// is in force.
		AvsUpdated { avs: AvsId },
		/// A change of the AVS's rules that puts more at risk (another slasher, resolver or
		/// destination, a higher cap, a shorter veto window, a longer opt-out delay) is in
		/// force from block `effective_at`; until then the rules in force stay. It replaces any
		/// change scheduled before.
		AvsRulesChangeScheduled {
			avs: AvsId,
			slashing: AvsSlashingParamsOf<T>,
			opt_out_delay: BlockNumberFor<T>,
			effective_at: BlockNumberFor<T>,
		},
		/// A scheduled rule change was dropped before its block: the owner set rules that put
		/// no more at risk than those in force.
		AvsRulesChangeCancelled { avs: AvsId },
		/// The owner deregistered an AVS: its operators stay slashable before block `until`.
		AvsDeregistering { avs: AvsId, until: BlockNumberFor<T> },
		/// A deregistered AVS was removed with its `operators` and its deposit released.
		AvsRemoved { avs: AvsId, operators: u32, deposit_released: T::Balance },
		/// An operator asked to opt in to an AVS that requires approval.
		OptInRequested { avs: AvsId, operator: T::AccountId },
		/// An operator is opted in to an AVS (directly, or approved by the owner).
		OperatorOptedIn { avs: AvsId, operator: T::AccountId },
		/// The owner rejected a pending opt-in.
		OptInRejected { avs: AvsId, operator: T::AccountId },
		/// An operator withdrew its pending opt-in.
		OptInCancelled { avs: AvsId, operator: T::AccountId },
		/// An operator opted out: it stays slashable before block `until`.
		OperatorOptingOut { avs: AvsId, operator: T::AccountId, until: BlockNumberFor<T> },
		/// An operator's opt-out is complete and its records were removed.
		OperatorOptedOut { avs: AvsId, operator: T::AccountId },
		/// The owner removed an operator from an AVS. `until: Some(block)`: it was opted in
		/// and is now opting out, slashable before `block`, after which `finalize_opt_out`
		/// removes it. `until: None`: it was pending and its records were removed at once.
		OperatorRemoved { avs: AvsId, operator: T::AccountId, until: Option<BlockNumberFor<T>> },
		/// The opt-in deposit `amount` of `operator` with `avs` was released, because the
		/// opt-in was removed.
		OptInDepositReleased { avs: AvsId, operator: T::AccountId, amount: T::Balance },
		/// An allocation increase to `fraction` takes effect at block `effective_at`.
		AllocationIncreaseScheduled {
			avs: AvsId,
			operator: T::AccountId,
			vault: VaultId,
			fraction: Perbill,
			effective_at: BlockNumberFor<T>,
		},
		/// An allocation was decreased to `fraction`; `slashable` stays slashable before block
		/// `slashable_until`.
		AllocationDecreased {
			avs: AvsId,
			operator: T::AccountId,
			vault: VaultId,
			fraction: Perbill,
			slashable: Perbill,
			slashable_until: BlockNumberFor<T>,
		},
		/// A pending allocation increase was cancelled; `fraction` stays in force.
		AllocationIncreaseCancelled {
			avs: AvsId,
			operator: T::AccountId,
			vault: VaultId,
			fraction: Perbill,
		},
		/// Changes that time made to an allocation record (an increase took effect, a
		/// decreased fraction stopped being slashable) were written; the record was removed if
		/// nothing is left of it.
		AllocationPruned { avs: AvsId, operator: T::AccountId, vault: VaultId, removed: bool },
	}

	/// Errors of the AVS registry pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No AVS with this id is registered.
		AvsNotFound,
		/// Only the owner of the AVS may do this.
		NotAvsOwner,
		/// The AVS is deregistering.
		AvsNotActive,
		/// No AVS id is left.
		AvsIdOverflow,
		/// The veto window is shorter than `MinVetoWindow`.
		VetoWindowTooShort,
		/// The veto window is longer than `MaxVetoWindow`.
		VetoWindowTooLong,
		/// The opt-out delay is shorter than `MinOptOutDelay`.
		OptOutDelayTooShort,
		/// The opt-out delay is longer than `MaxOptOutDelay`.
		OptOutDelayTooLong,
		/// The opt-out delay must be longer than the veto window (on update: the old and the
		/// new one).
		OptOutDelayNotAboveVetoWindow,
		/// An accepted vault does not exist in the restaking pallet.
		VaultNotFound,
		/// A vault appears twice in the accepted vaults.
		DuplicateVault,
		/// An asset appears twice in the reward assets.
		DuplicateRewardAsset,
		/// A vault that operators still have allocation records for cannot be removed from the
		/// accepted vaults.
		VaultHasAllocations,
		/// The AVS is not deregistering.
		AvsNotDeregistering,
		/// The deregistration delay has not passed yet.
		DeregistrationNotDue,
		/// The caller is not an active operator of the restaking pallet.
		NotActiveOperator,
		/// The operator is already opted in to the AVS.
		AlreadyOptedIn,
		/// The operator's opt-in is waiting for the owner's approval.
		OptInPending,
		/// The operator is opting out of the AVS.
		OperatorOptingOut,
		/// The operator has no opt-in (pending or not) with the AVS.
		OptInNotFound,
		/// The operator's opt-in is not pending.
		NotPending,
		/// The operator is not opting out.
		NotOptingOut,
		/// The opt-out delay has not passed yet.
		OptOutNotDue,
		/// No accepted vault's pool of the operator holds the AVS's minimum operator stake.
		InsufficientOperatorStake,
		/// The AVS has the maximum number of operators.
		TooManyOperators,
		/// The operator is with the maximum number of AVSs.
		TooManyAvss,
		/// The vault is not accepted by the AVS.
		VaultNotAccepted,
		/// The vault is paused: no allocation increases.
		VaultNotActive,
		/// The allocated stake (fraction × active pool stake) would be below the AVS's minimum
		/// operator stake.
		AllocatedStakeBelowMinimum,
		/// The pool's allocations across AVSs would exceed `MaxTotalAllocation`.
		TotalAllocationExceeded,
		/// The allocation is already at this fraction, with nothing pending.
		AllocationUnchanged,
		/// The operator has no allocation record for this vault in the AVS.
		AllocationNotFound,
		/// The allocation record has no change that time has made.
		NothingToPrune,
		/// More allocation records than `MaxVaultsPerAvs` (cannot happen: records exist only
		/// for accepted vaults).
		TooManyAllocations,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MinVetoWindow::get() <= T::MaxVetoWindow::get(),
				"MinVetoWindow must not exceed MaxVetoWindow"
			);
			assert!(
				T::MinOptOutDelay::get() <= T::MaxOptOutDelay::get(),
				"MinOptOutDelay must not exceed MaxOptOutDelay"
			);
			assert!(
				T::MaxOptOutDelay::get() > T::MinVetoWindow::get(),
				"MaxOptOutDelay must exceed MinVetoWindow, or no AVS configuration is valid"
			);
			assert!(T::MaxVaultsPerAvs::get() > 0, "MaxVaultsPerAvs must not be zero");
			assert!(T::MaxOperatorsPerAvs::get() > 0, "MaxOperatorsPerAvs must not be zero");
			assert!(T::MaxAvsPerOperator::get() > 0, "MaxAvsPerOperator must not be zero");
			assert!(
				T::MaxTotalAllocation::get() >= u64::from(Perbill::one().deconstruct()),
				"MaxTotalAllocation must allow at least one full (100%) allocation"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register an AVS owned by the caller, configured by `config`. Holds
		/// [`Config::AvsDeposit`] from the caller.
		///
		/// Errors: the configuration checks of [`Error`] (veto window and opt-out delay
		/// bounds, unknown or duplicate vault, duplicate reward asset), `AvsIdOverflow`, or the
		/// currency's error if the deposit cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_avs(config.accepted_vaults.len() as u32))]
		pub fn register_avs(origin: OriginFor<T>, config: AvsConfig<T>) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::validate_config(&config, None)?;
			let avs = NextAvsId::<T>::get();
			let next_avs = avs.checked_add(1).ok_or(Error::<T>::AvsIdOverflow)?;
			let deposit = T::AvsDeposit::get();
			T::NativeBalance::hold(&HoldReason::AvsRegistration.into(), &owner, deposit)?;
			NextAvsId::<T>::put(next_avs);
			Avss::<T>::insert(
				avs,
				AvsInfo { owner: owner.clone(), config, status: AvsStatus::Active, deposit },
			);
			Self::deposit_event(Event::AvsRegistered { avs, owner, deposit });
			Ok(())
		}

		/// Replace the configuration of `avs` (owner only, active AVS only).
		///
		/// Metadata, accepted vaults, minimum operator stake, reward assets and approval are in
		/// force at once. The rules (slashing parameters and opt-out delay) are in force at
		/// once if they put no more at risk than those in force
		/// ([`AvsConfig::rules_no_riskier_than`]; a change scheduled before is then dropped,
		/// [`Event::AvsRulesChangeCancelled`]). Otherwise they are scheduled
		/// ([`Event::AvsRulesChangeScheduled`], [`ScheduledRuleChanges`]) and in force from
		/// `now +` the longest of [`Config::RuleChangeDelay`], the AVS's opt-out delay and the
		/// longest withdrawal wait of its vaults, so every operator and staker who disagrees is
		/// out first; a new riskier change replaces the scheduled one and waits anew, and
		/// submitting the scheduled rules again keeps their block.
		///
		/// Removing an accepted vault requires that no operator has an allocation record for
		/// it ([`Error::VaultHasAllocations`]). The new opt-out delay must exceed both the veto
		/// window in force and the new one. Operators already opting out keep their delay;
		/// pending opt-ins stay pending if approval is no longer required (the owner approves
		/// them). Pending slash requests keep the rules they were made under.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_avs(T::MaxVaultsPerAvs::get())
			.saturating_add(Pallet::<T>::rule_change_weight()))]
		pub fn update_avs(
			origin: OriginFor<T>,
			avs: AvsId,
			config: AvsConfig<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (mut info, _) = Self::owned_avs(avs, &who)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			Self::validate_config(&config, Some(&info.config))?;
			for vault in info.config.accepted_vaults.iter() {
				if !config.accepted_vaults.contains(vault) {
					ensure!(
						VaultAllocationCount::<T>::get(avs, vault) == 0,
						Error::<T>::VaultHasAllocations
					);
				}
			}
			let vaults_touched =
				info.config.accepted_vaults.len().max(config.accepted_vaults.len()) as u32;
			let now = Self::now();
			// Any change applied by `owned_avs` is part of `info` now.
			let scheduled =
				ScheduledRuleChanges::<T>::get(avs).filter(|change| change.effective_at > now);
			let rules_change = if config.rules_no_riskier_than(&info.config) {
				ScheduledRuleChanges::<T>::remove(avs);
				if scheduled.is_some() {
					Self::deposit_event(Event::AvsRulesChangeCancelled { avs });
				}
				info.config = config;
				None
			} else if scheduled.as_ref().is_some_and(|change| config.has_rules_of(change)) {
				// The scheduled rules again: they keep their block.
				info.config = config.with_rules_of(&info.config);
				None
			} else {
				let effective_at = Self::rule_change_block(&info.config, &config);
				let change = ScheduledRules {
					slashing: config.slashing.clone(),
					opt_out_delay: config.opt_out_delay,
					effective_at,
				};
				info.config = config.with_rules_of(&info.config);
				ScheduledRuleChanges::<T>::insert(avs, change.clone());
				Some(change)
			};
			Avss::<T>::insert(avs, info);
			Self::deposit_event(Event::AvsUpdated { avs });
			if let Some(ScheduledRules { slashing, opt_out_delay, effective_at }) = rules_change {
				Self::deposit_event(Event::AvsRulesChangeScheduled {
					avs,
					slashing,
					opt_out_delay,
					effective_at,
				});
			}
			Ok(Some(
				T::WeightInfo::update_avs(vaults_touched)
					.saturating_add(Self::rule_change_weight()),
			)
			.into())
		}

		/// Deregister `avs` (owner only): no new opt-ins or allocation changes; the AVS's
		/// operators stay slashable for its opt-out delay, after which anyone can
		/// [`Pallet::finalize_deregistration`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_avs()
			.saturating_add(Pallet::<T>::rules_in_force_weight()))]
		pub fn deregister_avs(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (mut info, due) = Self::owned_avs(avs, &who)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			let until = Self::now().saturating_add(info.config.opt_out_delay);
			info.status = AvsStatus::Deregistering { until };
			if due {
				// The record takes the change in force.
				ScheduledRuleChanges::<T>::remove(avs);
			}
			Avss::<T>::insert(avs, info);
			Self::deposit_event(Event::AvsDeregistering { avs, until });
			Ok(())
		}

		/// Remove a deregistered `avs` whose delay has passed, with all its opt-ins and
		/// allocations, and release the owner's deposit. Anyone may call.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::finalize_deregistration(
			T::MaxOperatorsPerAvs::get(),
			T::MaxOperatorsPerAvs::get().saturating_mul(T::MaxVaultsPerAvs::get()),
		))]
		pub fn finalize_deregistration(
			origin: OriginFor<T>,
			avs: AvsId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
			let AvsStatus::Deregistering { until } = info.status else {
				return Err(Error::<T>::AvsNotDeregistering.into());
			};
			ensure!(Self::now() >= until, Error::<T>::DeregistrationNotDue);

			let (operators, allocations) = Self::remove_all_operators(avs);
			Avss::<T>::remove(avs);
			ScheduledRuleChanges::<T>::remove(avs);
			let deposit_released = T::NativeBalance::release(
				&HoldReason::AvsRegistration.into(),
				&info.owner,
				info.deposit,
				Precision::BestEffort,
			)
			.defensive_unwrap_or(Zero::zero());
			Self::deposit_event(Event::AvsRemoved { avs, operators, deposit_released });
			Ok(Some(T::WeightInfo::finalize_deregistration(operators, allocations)).into())
		}

		/// Opt the caller, an active operator, in to `avs`: `Pending` until the owner approves
		/// if the AVS requires approval, opted in (slashable) at once otherwise. At least one
		/// accepted vault's pool of the caller must hold the AVS's minimum operator stake.
		/// Holds [`Config::OptInDeposit`] from the caller until the opt-in is removed.
		///
		/// Errors: `AvsNotFound`, `AvsNotActive`, `NotActiveOperator`, `OptInPending`,
		/// `AlreadyOptedIn`, `OperatorOptingOut`, `InsufficientOperatorStake`,
		/// `TooManyOperators`, `TooManyAvss`, or the currency's error if the deposit cannot be
		/// held.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::opt_in(
			T::MaxOperatorsPerAvs::get(),
			T::MaxVaultsPerAvs::get(),
		))]
		pub fn opt_in(origin: OriginFor<T>, avs: AvsId) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			ensure!(T::Restaking::is_active_operator(&operator), Error::<T>::NotActiveOperator);
			match OptIns::<T>::get(avs, &operator) {
				None => {},
				Some(OptInStatus::Pending) => return Err(Error::<T>::OptInPending.into()),
				Some(OptInStatus::OptedIn) => return Err(Error::<T>::AlreadyOptedIn.into()),
				Some(OptInStatus::OptingOut { .. }) =>
					return Err(Error::<T>::OperatorOptingOut.into()),
			}
			let min_stake = info.config.min_operator_stake;
			let mut vaults_checked = 0u32;
			if !min_stake.is_zero() {
				let has_min_stake = info.config.accepted_vaults.iter().any(|vault| {
					vaults_checked = vaults_checked.saturating_add(1);
					T::Restaking::pool_stake(*vault, &operator).active >= min_stake
				});
				ensure!(has_min_stake, Error::<T>::InsufficientOperatorStake);
			}
			let mut operators = AvsOperators::<T>::get(avs);
			operators.try_push(operator.clone()).map_err(|_| Error::<T>::TooManyOperators)?;
			let mut avss = OperatorAvs::<T>::get(&operator);
			avss.try_push(avs).map_err(|_| Error::<T>::TooManyAvss)?;

			let deposit = T::OptInDeposit::get();
			if !deposit.is_zero() {
				T::NativeBalance::hold(&HoldReason::OptIn.into(), &operator, deposit)?;
				OptInDeposits::<T>::insert(avs, &operator, deposit);
			}

			let operators_before = operators.len().saturating_sub(1) as u32;
			AvsOperators::<T>::insert(avs, operators);
			OperatorAvs::<T>::insert(&operator, avss);
			if info.config.requires_approval {
				OptIns::<T>::insert(avs, &operator, OptInStatus::Pending);
				Self::deposit_event(Event::OptInRequested { avs, operator });
			} else {
				OptIns::<T>::insert(avs, &operator, OptInStatus::OptedIn);
				Self::deposit_event(Event::OperatorOptedIn { avs, operator });
			}
			Ok(Some(T::WeightInfo::opt_in(operators_before, vaults_checked)).into())
		}

		/// Approve the pending opt-in of `operator` (owner only, active AVS only).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::approve_operator()
			.saturating_add(Pallet::<T>::rules_in_force_weight()))]
		pub fn approve_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (info, _) = Self::owned_avs(avs, &who)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			let status = OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)?;
			ensure!(status == OptInStatus::Pending, Error::<T>::NotPending);
			OptIns::<T>::insert(avs, &operator, OptInStatus::OptedIn);
			Self::deposit_event(Event::OperatorOptedIn { avs, operator });
			Ok(())
		}

		/// Reject the pending opt-in of `operator` (owner only): its records are removed and its
		/// opt-in deposit is released.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reject_operator(T::MaxOperatorsPerAvs::get())
			.saturating_add(Pallet::<T>::rules_in_force_weight()))]
		pub fn reject_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::owned_avs(avs, &who)?;
			let status = OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)?;
			ensure!(status == OptInStatus::Pending, Error::<T>::NotPending);
			let operators = Self::remove_operator_records(avs, &operator);
			Self::deposit_event(Event::OptInRejected { avs, operator });
			Ok(Some(
				T::WeightInfo::reject_operator(operators)
					.saturating_add(Self::rules_in_force_weight()),
			)
			.into())
		}

		/// Opt the caller out of `avs`. A pending opt-in is withdrawn at once (its deposit is
		/// released). An opted-in operator is `OptingOut` and stays slashable, with its
		/// allocations frozen, for the AVS's opt-out delay; then anyone can
		/// [`Pallet::finalize_opt_out`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::opt_out(T::MaxOperatorsPerAvs::get())
			.saturating_add(Pallet::<T>::rules_in_force_weight()))]
		pub fn opt_out(origin: OriginFor<T>, avs: AvsId) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let (info, _) = Self::avs_in_force(avs).ok_or(Error::<T>::AvsNotFound)?;
			match OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)? {
				OptInStatus::Pending => {
					let operators = Self::remove_operator_records(avs, &operator);
					Self::deposit_event(Event::OptInCancelled { avs, operator });
					Ok(Some(
						T::WeightInfo::opt_out(operators)
							.saturating_add(Self::rules_in_force_weight()),
					)
					.into())
				},
				OptInStatus::OptedIn => {
					let until = Self::now().saturating_add(info.config.opt_out_delay);
					OptIns::<T>::insert(avs, &operator, OptInStatus::OptingOut { until });
					Self::deposit_event(Event::OperatorOptingOut { avs, operator, until });
					Ok(Some(
						T::WeightInfo::opt_out(0).saturating_add(Self::rules_in_force_weight()),
					)
					.into())
				},
				OptInStatus::OptingOut { .. } => Err(Error::<T>::OperatorOptingOut.into()),
			}
		}

		/// Complete the opt-out of `operator` from `avs` once its delay has passed: remove its
		/// opt-in and allocations and release its opt-in deposit. Anyone may call.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::finalize_opt_out(T::MaxVaultsPerAvs::get()))]
		pub fn finalize_opt_out(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let status = OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)?;
			let OptInStatus::OptingOut { until } = status else {
				return Err(Error::<T>::NotOptingOut.into());
			};
			ensure!(Self::now() >= until, Error::<T>::OptOutNotDue);
			let allocations = Allocations::<T>::decode_len(avs, &operator).unwrap_or(0) as u32;
			Self::remove_operator_records(avs, &operator);
			Self::deposit_event(Event::OperatorOptedOut { avs, operator });
			Ok(Some(T::WeightInfo::finalize_opt_out(allocations)).into())
		}

		/// Set the fraction of the caller's pool (`vault`, caller) that `avs` may slash. The
		/// caller must be opted in and the vault accepted by the AVS.
		///
		/// - An increase (over the fraction in force) is pending and takes effect at
		///   `now + AllocationDelay` (an existing pending increase to at least `fraction` keeps
		///   its earlier block). It needs an active operator, an active vault, and an allocated
		///   stake of at least the AVS's minimum operator stake.
		/// - A decrease is in force at once, but the fraction in force until now stays slashable
		///   for the vault's withdrawal delay. A pending increase is dropped.
		/// - Setting the fraction in force cancels a pending increase.
		///
		/// The footprint of the pool's allocations across AVSs must stay within
		/// [`Config::MaxTotalAllocation`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_allocation(T::MaxVaultsPerAvs::get()))]
		pub fn set_allocation(
			origin: OriginFor<T>,
			avs: AvsId,
			vault: VaultId,
			fraction: Perbill,
		) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			Self::do_set_allocation(avs, operator, vault, fraction)
		}

		/// Write the changes time has made to the allocation of `operator` to `avs` for
		/// `vault` (an increase took effect, a decreased fraction stopped being slashable),
		/// lowering the pool's allocation total, and remove the record if nothing is left of
		/// it. Anyone may call (e.g. the AVS owner before removing a vault).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::prune_allocation(T::MaxVaultsPerAvs::get()))]
		pub fn prune_allocation(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
			vault: VaultId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let allocations = Allocations::<T>::get(avs, &operator);
			let records = allocations.len() as u32;
			let index = allocations
				.iter()
				.position(|record| record.vault == vault)
				.ok_or(Error::<T>::AllocationNotFound)?;
			let before = allocations
				.get(index)
				.copied()
				.defensive_proof(
					"`index` is the position of the record in these same `allocations`; qed",
				)
				.ok_or(Error::<T>::AllocationNotFound)?;
			let after = before.normalized(Self::now());
			ensure!(after != before, Error::<T>::NothingToPrune);
			let removed = after.is_empty();
			Self::store_allocation(avs, &operator, allocations, Some(index), &before, after)?;
			Self::deposit_event(Event::AllocationPruned { avs, operator, vault, removed });
			Ok(Some(T::WeightInfo::prune_allocation(records)).into())
		}

		/// Remove `operator` from `avs` (owner only; also while the AVS deregisters).
		///
		/// - A pending operator is removed at once, as by [`Pallet::reject_operator`]: its
		///   records are removed and its opt-in deposit is released.
		/// - An opted-in operator is `OptingOut` exactly as after its own [`Pallet::opt_out`]:
		///   it stays slashable, with its allocations frozen, for the AVS's opt-out delay; then
		///   anyone can [`Pallet::finalize_opt_out`] it, which frees its slot and releases its
		///   deposit.
		///
		/// Errors: `AvsNotFound`, `NotAvsOwner`, `OptInNotFound` (no opt-in of `operator`),
		/// `OperatorOptingOut` (it is already opting out).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_operator(T::MaxOperatorsPerAvs::get())
			.saturating_add(Pallet::<T>::rules_in_force_weight()))]
		pub fn remove_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (info, _) = Self::owned_avs(avs, &who)?;
			match OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)? {
				OptInStatus::Pending => {
					let operators = Self::remove_operator_records(avs, &operator);
					Self::deposit_event(Event::OperatorRemoved { avs, operator, until: None });
					Ok(Some(
						T::WeightInfo::remove_operator(operators)
							.saturating_add(Self::rules_in_force_weight()),
					)
					.into())
				},
				OptInStatus::OptedIn => {
					let until = Self::now().saturating_add(info.config.opt_out_delay);
					OptIns::<T>::insert(avs, &operator, OptInStatus::OptingOut { until });
					Self::deposit_event(Event::OperatorRemoved {
						avs,
						operator,
						until: Some(until),
					});
					Ok(Some(
						T::WeightInfo::remove_operator(0)
							.saturating_add(Self::rules_in_force_weight()),
					)
					.into())
				},
				OptInStatus::OptingOut { .. } => Err(Error::<T>::OperatorOptingOut.into()),
			}
		}
	}
}
