//! # Slashing pallet
//!
//! Slash requests with a veto window, executed against an operator's allocated stake without
//! ever iterating over delegators, and built to hold when the parties are adversaries: no
//! party can jam another's request, no stake can escape a pending request, and no rule can be
//! rewritten under it.
//!
//! ## Model
//!
//! An AVS (see `pallet-avs-registry`) names a *slasher* account, an optional *resolver*
//! account, a cap on the fraction one request may take (`max_slash`), a *veto window* in blocks
//! and a *destination* for slashed collateral (burn, or an account of the AVS). The lifecycle of
//! a slash follows Symbiotic's `VetoSlasher`, Karak's veto committee and `pallet-staking`'s
//! deferred slashes:
//!
//! 1. **Request.** The AVS's slasher calls [`Pallet::request_slash`] with the operator, the
//!    fraction of the operator's *allocated* stake to slash, an incident id, the block the
//!    incident occurred in and evidence. The fraction must be at most the AVS's `max_slash`,
//!    the operator must be slashable by the AVS (opted in, or inside its opt-out delay) and
//!    must have a non-empty slashable allocation. [`Config::RequestDeposit`] is held from the
//!    slasher. The request is pending until `now + veto_window`.
//!
//!    The request **snapshots** what it will do: the resolver and the destination in force
//!    now, and its *basis*: each pool (vault, operator) of the allocations slashable now, with
//!    `fraction × allocation` ([`types::PoolFraction`]). It **locks** those pools in the
//!    restaking ledger ([`RestakingSlash::lock_for_slash`](pallet_restaking::traits::RestakingSlash::lock_for_slash)):
//!    until it is resolved nobody can deposit into them, queue their shares or complete a
//!    withdrawal from them, and their withdrawal buckets that were live at the request stay
//!    slashable even if they mature in the window. So the stake a request takes is exactly
//!    the stake that was slashable when it was made: none escapes (DESIGN invariant 7), none
//!    that arrived later is taken, and a later `update_avs`, allocation change, opt-out or
//!    deregistration changes nothing about it.
//! 2. **Veto.** While the window is open, the resolver named at the request or root may veto
//!    it ([`Pallet::veto_slash`]). Once the window has closed the resolver can no longer veto
//!    (as in Symbiotic, the veto is only possible inside the window); root can, as the
//!    governance backstop for a request whose execution keeps failing.
//! 3. **Execution.** From `executable_at` on, anyone may execute the request
//!    ([`Pallet::execute_slash`]); in addition, `on_initialize` of block `executable_at`
//!    executes up to [`Config::MaxAutoExecutionsPerBlock`] of the requests due in that block.
//!    Requests left over stay executable by anyone; they never expire. For every pool of the
//!    basis the restaking pallet cuts the active stake and the buckets live at the request by
//!    the pool's fraction, moving the pool's stake-per-share rate: O(vaults of the operator for
//!    that AVS), independent of the number of delegators. A payout that cannot land (a
//!    beneficiary that cannot receive the asset, dust below its minimum balance) does not
//!    abort the slash: the amount is kept in the vault as an unpaid slash that anyone can pay
//!    later (`pallet_restaking::Pallet::pay_unpaid_slash`).
//!
//! ## Bounds and who can fill them
//!
//! Every collection a signed account can grow is paid for, and none that several parties
//! write can be filled by one of them to block another:
//! - [`PendingSlashCount`] (≤ [`Config::MaxPendingSlashesPerAvs`]) is per AVS and only its
//!   own slasher adds to it.
//! - [`SlashesDueAt`] has no per-block capacity: it is a map of (block, id), so a request is
//!   never refused because other AVSs' requests end their windows in the same block. Each entry
//!   is paid by its request's deposit. Spam can only push a request out of one block's
//!   automatic execution, never out of [`Pallet::execute_slash`].
//! - [`Incidents`] records are held by their request's deposit and pruned with
//!   [`Pallet::prune_incident`] once the incident is too old to be reported
//!   ([`Config::MaxIncidentAge`]); [`SlashBudgets`] records go with the last incident record
//!   of their (AVS, operator).
//! - The restaking pallet's slash locks are counters, not lists.
//!
//! ## Double-slash protection and the budget of an incident family
//!
//! Every request carries an [`IncidentId`](types::IncidentId) and the block it occurred in.
//! The triple (AVS, operator, incident) is recorded in [`Incidents`] when the request is made
//! and kept until `occurred_at + MaxIncidentAge`; a request naming an `occurred_at` that old is
//! refused ([`Error::IncidentTooOld`]). So an AVS that reports honestly cannot slash the same
//! incident twice, even by resubmitting it. `occurred_at` is the slasher's own claim, though:
//! an AVS that lies about it can present a pruned incident id as new, exactly as it can
//! invent a fresh id; what bounds a dishonest AVS is the family budget below, not the
//! deduplication. (A veto is the outcome of the dispute; the AVS may report a *different*
//! incident if it has new evidence.)
//!
//! Fresh incident ids cannot multiply the cap either: the requests one AVS makes against one
//! operator within one [`Config::SlashBudgetWindow`] (an *incident family*) add up to at most
//! the AVS's `max_slash` at the start of the window, or a lower `max_slash` set since
//! ([`Error::SlashBudgetExceeded`]); raising `max_slash` takes effect in the next window; a
//! vetoed request gives its fraction back. So within any window an AVS takes at most
//! `max_slash` of an operator's allocated stake, and at most `2 × max_slash` across two
//! back-to-back windows. Each request takes at least [`Config::MinSlashFraction`], which
//! bounds how many requests (and so how much locked time) one window allows.
//!
//! ## Config
//!
//! - [`Config::Restaking`]: the restaking ledger ([`RestakingSlash`](pallet_restaking::traits::RestakingSlash)).
//! - [`Config::Avs`]: the AVS registry ([`AvsInspect`](pallet_avs_registry::traits::AvsInspect)).
//! - [`Config::Currency`], [`Config::RequestDeposit`]: request deposits.
//! - [`Config::MaxEvidenceLen`], [`Config::MaxPendingSlashesPerAvs`],
//!   [`Config::MaxAutoExecutionsPerBlock`]: bounds; [`Config::MaxIncidentAge`],
//!   [`Config::SlashBudgetWindow`]: incident retention and the family budget.
//!
//! ## Storage
//!
//! - [`NextSlashId`]: id of the next request.
//! - [`PendingSlashes`]: pending requests by id (removed once executed or vetoed).
//! - [`Incidents`]: record of every reported (AVS, operator, incident) until it expires.
//! - [`PendingSlashCount`]: pending requests per AVS (bounded).
//! - [`SlashesDueAt`]: (block, id) of every pending request (the automatic-execution queue).
//! - [`SlashBudgets`]: the budget window of every (AVS, operator) with incident records.
//!
//! ## Calls
//!
//! - [`Pallet::request_slash`] (the AVS's slasher), [`Pallet::veto_slash`] (the resolver named
//!   at the request, or root), [`Pallet::execute_slash`] and [`Pallet::prune_incident`]
//!   (anyone).
//!
//! ## Hooks
//!
//! - `on_initialize`: bounded automatic execution of the slashes due in the block.
//! - `try_state`: consistency of pending requests, incident records, deposits, budgets,
//!   per-AVS counters, the due queue and the pools' slash locks.
//!
//! ## Code map
//!
//! `lib.rs` (config, storage, events, errors, hooks, calls); [`types`] (with the budget math
//! on [`types::SlashBudget`]); `request.rs` (checking and recording a request: snapshot,
//! locks, deposit, budget); `execution.rs` (executing a due request, removing a finished one
//! from every index); `incidents.rs` (pruning expired incident records); [`migrations`];
//! `queries.rs` (runtime API); `try_state.rs`. Tests against the real restaking and AVS
//! registry pallets are in `pallets/integration-tests`.
//! `benchmark_helpers` (with `runtime-benchmarks`): this pallet's benchmark helper on the real
//! restaking and AVS-registry pallets, for the runtime and the integration tests.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;
pub mod types;
pub mod weights;

mod execution;
mod incidents;
mod queries;
mod request;
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

pub use weights::WeightInfo;

/// Hooks the benchmarks need to create a slashable operator in a generic runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register an AVS whose slasher and resolver are accounts, and an operator opted in to it
	/// with `vaults` pools that hold stake and are allocated to the AVS, each pool with
	/// `delegators` (at least one) stakers. The slasher must be able to pay request deposits.
	/// Returns (AVS, slasher, operator).
	fn setup_slashable_operator(
		vaults: u32,
		delegators: u32,
	) -> (pallet_avs_registry::types::AvsId, AccountId, AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::fungible};
	use frame_system::pallet_prelude::*;
	use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
	use pallet_restaking::traits::RestakingSlash;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, Saturating, Zero},
		Perbill,
	};

	/// The storage version: 1 snapshots the rules and basis of every request, holds deposits
	/// and keys the due queue by (block, id) (see `migrations.rs`).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// The bound on the vaults of one operator allocated to one AVS (from the AVS registry).
	pub type MaxVaultsOf<T> =
		<<T as Config>::Avs as AvsInspect<<T as frame_system::Config>::AccountId>>::MaxVaultsPerAvs;

	/// A pending slash request as stored by this pallet.
	pub type PendingSlashOf<T> = PendingSlash<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxEvidenceLen,
		MaxVaultsOf<T>,
	>;

	/// The record of a reported incident as stored by this pallet.
	pub type IncidentRecordOf<T> = IncidentRecord<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		BlockNumberFor<T>,
	>;

	/// Amounts slashed from each pool by one execution.
	pub type PoolSlashesOf<T> = BoundedVec<PoolSlash<<T as Config>::Balance>, MaxVaultsOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a slash request, held from the AVS's slasher until the incident's
		/// record is pruned.
		SlashRequest,
	}

	/// Configuration of the slashing pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type of collateral (matches the restaking pallet's) and of the native
		/// currency.
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Copy + MaxEncodedLen + Default;

		/// The restaking ledger: locks and slashes delegation pools.
		type Restaking: RestakingSlash<
			Self::AccountId,
			Balance = Self::Balance,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The AVS registry: slashing parameters, opt-ins and allocations.
		type Avs: AvsInspect<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// The native currency, for request deposits.
		type Currency: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Self::Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Native deposit held from the slasher for every request, until the record of its
		/// incident is pruned ([`Pallet::prune_incident`]). It pays for the request, its
		/// due-queue entry, its incident record and the budget record.
		#[pallet::constant]
		type RequestDeposit: Get<Self::Balance>;

		/// Smallest fraction one request may take. It bounds how long requests can keep a pool
		/// locked: within one budget window an AVS makes at most `max_slash /
		/// MinSlashFraction` requests against an operator, each locking its pools for one veto
		/// window, and each of them really slashes.
		#[pallet::constant]
		type MinSlashFraction: Get<Perbill>;

		/// Maximum length in bytes of the evidence attached to a slash request.
		#[pallet::constant]
		type MaxEvidenceLen: Get<u32>;

		/// Maximum number of pending slash requests of one AVS.
		#[pallet::constant]
		type MaxPendingSlashesPerAvs: Get<u32>;

		/// Maximum number of due slashes `on_initialize` executes in one block. Requests beyond
		/// that stay executable by anyone through [`Pallet::execute_slash`].
		#[pallet::constant]
		type MaxAutoExecutionsPerBlock: Get<u32>;

		/// How old (in blocks) an incident may be when it is reported: a request for an
		/// incident that occurred at `occurred_at` must be made before
		/// `occurred_at + MaxIncidentAge`. From then on the incident can never be reported
		/// again, so its record can be pruned. A runtime that changes it (a storage read) may
		/// only lower it: a raise would make pruned incidents reportable again (the runtime's
		/// `pallet-time-parameters` refuses raises).
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MaxIncidentAge: Get<BlockNumberFor<Self>>;

		/// Length in blocks of an incident family's budget window: the requests of one AVS
		/// against one operator made in one window take at most the AVS's `max_slash` in all.
		#[pallet::constant]
		type SlashBudgetWindow: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Creates slashable operators for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Id the next slash request will get.
	#[pallet::storage]
	pub type NextSlashId<T: Config> = StorageValue<_, SlashId, ValueQuery>;

	/// Slash requests that are pending (not yet executed or vetoed), by id.
	#[pallet::storage]
	pub type PendingSlashes<T: Config> =
		StorageMap<_, Twox64Concat, SlashId, PendingSlashOf<T>, OptionQuery>;

	/// Record of every incident reported by an AVS against an operator, kept until the incident
	/// is too old to be reported again ([`Config::MaxIncidentAge`]): this is what prevents
	/// slashing the same incident twice. Each record holds its request's deposit.
	#[pallet::storage]
	pub type Incidents<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, AvsId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, IncidentId>,
		),
		IncidentRecordOf<T>,
		OptionQuery,
	>;

	/// Number of pending slash requests per AVS, at most [`Config::MaxPendingSlashesPerAvs`].
	/// Only the AVS's own slasher adds to it.
	#[pallet::storage]
	pub type PendingSlashCount<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// The automatic-execution queue: (block in which the veto window ends, request id) of
	/// every pending request. It has no capacity per block, so no request can be refused
	/// because others end their window in the same block; every entry is paid by its
	/// request's deposit and removed when the request is executed or vetoed.
	#[pallet::storage]
	pub type SlashesDueAt<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		SlashId,
		(),
		OptionQuery,
	>;

	/// Budget of the current incident family of (AVS, operator): how much of `max_slash` the
	/// requests of the current window have used. Removed with the last incident record of the
	/// pair.
	#[pallet::storage]
	pub type SlashBudgets<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		SlashBudget<BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// Events of the slashing pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The AVS's slasher requested a slash; it can be vetoed until `executable_at`.
		SlashRequested {
			/// Id of the request.
			slash_id: SlashId,
			/// The requesting AVS.
			avs: AvsId,
			/// The operator to slash.
			operator: T::AccountId,
			/// Fraction of the operator's allocated stake to slash.
			fraction: Perbill,
			/// The incident the request is about.
			incident: IncidentId,
			/// First block in which the slash can be executed.
			executable_at: BlockNumberFor<T>,
			/// The pools the request locked and will cut, with their fractions.
			pools: BoundedVec<PoolFraction, MaxVaultsOf<T>>,
			/// The deposit held from the slasher.
			deposit: T::Balance,
		},
		/// A pending slash was vetoed.
		SlashVetoed {
			/// Id of the request.
			slash_id: SlashId,
			/// The vetoing resolver, `None` for root.
			vetoed_by: Option<T::AccountId>,
		},
		/// A slash was executed against the operator's pools.
		SlashExecuted {
			/// Id of the request.
			slash_id: SlashId,
			/// The requesting AVS.
			avs: AvsId,
			/// The slashed operator.
			operator: T::AccountId,
			/// Fraction of the operator's allocated stake that was slashed.
			fraction: Perbill,
			/// Total collateral taken, over all pools.
			total_slashed: T::Balance,
			/// Collateral taken from each pool.
			pools: PoolSlashesOf<T>,
		},
		/// `on_initialize` could not execute a due slash; it stays pending and executable.
		AutoExecutionFailed {
			/// Id of the request.
			slash_id: SlashId,
			/// The error returned by the execution.
			error: DispatchError,
		},
		/// The record of an incident too old to be reported again was removed and its deposit
		/// released.
		IncidentPruned {
			/// The AVS that reported it.
			avs: AvsId,
			/// The operator it was about.
			operator: T::AccountId,
			/// The incident.
			incident: IncidentId,
			/// The account the deposit was released to (`None` for records without deposit).
			depositor: Option<T::AccountId>,
			/// The amount released.
			released: T::Balance,
		},
	}

	/// Errors of the slashing pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The AVS is not registered (it has no slashing parameters).
		AvsNotFound,
		/// The caller is not the AVS's slasher account.
		NotSlasher,
		/// The slash fraction is zero.
		ZeroFraction,
		/// The slash fraction is above the AVS's `max_slash`.
		FractionAboveMax,
		/// The slash fraction is below [`Config::MinSlashFraction`].
		FractionBelowMin,
		/// The evidence is longer than [`Config::MaxEvidenceLen`].
		EvidenceTooLong,
		/// The operator is neither opted in to the AVS nor inside its opt-out delay.
		OperatorNotSlashable,
		/// The operator has no non-zero slashable allocation to the AVS.
		NoSlashableAllocation,
		/// The same incident of this operator was already reported by this AVS (pending,
		/// executed or vetoed) and its record has not expired.
		IncidentAlreadyReported,
		/// The AVS already has [`Config::MaxPendingSlashesPerAvs`] pending requests.
		TooManyPendingSlashes,
		/// The end of the veto window overflows the block number.
		VetoWindowOverflow,
		/// The slash id counter overflowed.
		SlashIdOverflow,
		/// There is no pending slash request with this id.
		SlashNotFound,
		/// The caller is neither root nor the resolver named when the request was made.
		NotResolver,
		/// The veto window of the request has closed; it can no longer be vetoed.
		VetoWindowClosed,
		/// The veto window of the request is still open; it cannot be executed yet.
		VetoWindowOpen,
		/// The incident's `occurred_at` is in the future.
		IncidentInFuture,
		/// The incident occurred [`Config::MaxIncidentAge`] blocks ago or more: too old to be
		/// reported.
		IncidentTooOld,
		/// The requests of this AVS against this operator in the current budget window would
		/// add up to more than the AVS's `max_slash`.
		SlashBudgetExceeded,
		/// There is no record of this incident.
		IncidentNotFound,
		/// The incident's request is still pending.
		IncidentPending,
		/// The incident can still be reported (its `expires_at` has not come): its record
		/// must stay.
		IncidentNotExpired,
		/// This is the last incident record of its (AVS, operator) and the budget window it
		/// pays for has not ended.
		BudgetWindowOpen,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due: Vec<SlashId> = SlashesDueAt::<T>::iter_key_prefix(now)
				.take(T::MaxAutoExecutionsPerBlock::get() as usize)
				.collect();
			if due.is_empty() {
				return T::WeightInfo::on_initialize_idle();
			}
			let max_vaults = MaxVaultsOf::<T>::get();
			let mut attempted: u32 = 0;
			for slash_id in due {
				attempted.saturating_inc();
				let Some(slash) = PendingSlashes::<T>::get(slash_id) else {
					// The queue and the pending map are kept in sync; tolerate a stale id.
					log::warn!(target: LOG_TARGET, "due slash {slash_id} is not pending");
					SlashesDueAt::<T>::remove(now, slash_id);
					continue;
				};
				let result = with_storage_layer(|| Self::do_execute(slash_id, slash));
				if let Err(error) = result {
					log::warn!(target: LOG_TARGET, "auto execution of slash {slash_id} failed: {error:?}");
					Self::deposit_event(Event::AutoExecutionFailed { slash_id, error });
				}
			}
			T::WeightInfo::on_initialize(attempted, max_vaults)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::MaxPendingSlashesPerAvs::get() > 0, "MaxPendingSlashesPerAvs must be > 0");
			assert!(
				!T::MinSlashFraction::get().is_zero(),
				"MinSlashFraction must be > 0, or requests of nothing could lock pools"
			);
			assert!(
				T::MaxIncidentAge::get() > Zero::zero(),
				"MaxIncidentAge must be > 0, or no incident can be reported"
			);
			assert!(
				T::SlashBudgetWindow::get() > Zero::zero(),
				"SlashBudgetWindow must be > 0, or the budget bounds nothing"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Request a slash of `fraction` of `operator`'s stake allocated to `avs`, for
		/// `incident`, which occurred in block `occurred_at`, with `evidence`.
		///
		/// The origin must be the AVS's slasher account; [`Config::RequestDeposit`] is held
		/// from it until the incident's record is pruned. The request snapshots the AVS's
		/// resolver and slash destination and the pools (with their fractions) of the
		/// allocations slashable now, and locks those pools in the restaking ledger: until the
		/// request is executed or vetoed their stake can neither leave nor grow. It is pending
		/// until the end of the AVS's veto window, then executable by anyone (and
		/// automatically in that block's `on_initialize`, within
		/// [`Config::MaxAutoExecutionsPerBlock`]).
		///
		/// Errors: [`Error::AvsNotFound`], [`Error::NotSlasher`], [`Error::ZeroFraction`],
		/// [`Error::FractionAboveMax`], [`Error::FractionBelowMin`], [`Error::EvidenceTooLong`],
		/// [`Error::IncidentInFuture`], [`Error::IncidentTooOld`],
		/// [`Error::OperatorNotSlashable`], [`Error::NoSlashableAllocation`],
		/// [`Error::IncidentAlreadyReported`], [`Error::TooManyPendingSlashes`],
		/// [`Error::SlashBudgetExceeded`], [`Error::VetoWindowOverflow`],
		/// [`Error::SlashIdOverflow`], or the hold error if the deposit cannot be held.
		///
		/// Emits [`Event::SlashRequested`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_slash(
			evidence.len().min(T::MaxEvidenceLen::get() as usize) as u32,
			MaxVaultsOf::<T>::get(),
		))]
		pub fn request_slash(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
			fraction: Perbill,
			incident: IncidentId,
			occurred_at: BlockNumberFor<T>,
			evidence: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let evidence_len = (evidence.len() as u32).min(T::MaxEvidenceLen::get());
			let pools = Self::do_request_slash(
				who,
				avs,
				operator,
				fraction,
				incident,
				occurred_at,
				evidence,
			)?;
			Ok(Some(T::WeightInfo::request_slash(evidence_len, pools)).into())
		}

		/// Veto the pending slash `slash_id`.
		///
		/// The origin must be root or the resolver named when the request was made. The
		/// resolver can veto only while the veto window is open (`now < executable_at`); root
		/// (governance) can veto at any time, the backstop for a request whose execution keeps
		/// failing and would otherwise keep its pools locked. The incident is recorded as
		/// vetoed and cannot be requested again; its fraction goes back to the budget of the
		/// (AVS, operator); the pools are unlocked.
		///
		/// Errors: [`Error::SlashNotFound`], [`Error::VetoWindowClosed`],
		/// [`Error::NotResolver`].
		///
		/// Emits [`Event::SlashVetoed`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::veto_slash(MaxVaultsOf::<T>::get()))]
		pub fn veto_slash(origin: OriginFor<T>, slash_id: SlashId) -> DispatchResultWithPostInfo {
			let maybe_who = ensure_signed_or_root(origin)?;
			let slash = PendingSlashes::<T>::get(slash_id).ok_or(Error::<T>::SlashNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			if let Some(who) = &maybe_who {
				ensure!(now < slash.executable_at, Error::<T>::VetoWindowClosed);
				ensure!(slash.resolver.as_ref() == Some(who), Error::<T>::NotResolver);
			}
			let pools = slash.pools.len() as u32;
			Self::finish(slash_id, &slash, IncidentStatus::Vetoed);
			Self::deposit_event(Event::SlashVetoed { slash_id, vetoed_by: maybe_who });
			Ok(Some(T::WeightInfo::veto_slash(pools)).into())
		}

		/// Execute the pending slash `slash_id` once its veto window has ended.
		///
		/// Any signed origin may call this. Each pool the request named is cut by its
		/// fraction (active stake, and the withdrawals that were live when the request was
		/// made) and the collateral goes to the destination named at the request (or, if it
		/// cannot be paid there, is kept as an unpaid slash in the vault). Then the pools are
		/// unlocked.
		///
		/// Errors: [`Error::SlashNotFound`], [`Error::VetoWindowOpen`], and any error of the
		/// restaking ledger's `slash_pool` (nothing changes in that case).
		///
		/// Emits [`Event::SlashExecuted`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::execute_slash(MaxVaultsOf::<T>::get()))]
		pub fn execute_slash(
			origin: OriginFor<T>,
			slash_id: SlashId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let slash = PendingSlashes::<T>::get(slash_id).ok_or(Error::<T>::SlashNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= slash.executable_at, Error::<T>::VetoWindowOpen);
			let pools_slashed = Self::do_execute(slash_id, slash)?;
			Ok(Some(T::WeightInfo::execute_slash(pools_slashed)).into())
		}

		/// Remove the record of `incident` of `operator` reported by `avs`, once it can no
		/// longer be reported (`now >= expires_at`) and its request is resolved, and release
		/// its deposit to the slasher that paid it. The last record of an (AVS, operator) also
		/// removes its budget record, once the budget window has ended.
		///
		/// Any signed origin may call this.
		///
		/// Errors: [`Error::IncidentNotFound`], [`Error::IncidentPending`],
		/// [`Error::IncidentNotExpired`], [`Error::BudgetWindowOpen`].
		///
		/// Emits [`Event::IncidentPruned`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::prune_incident())]
		pub fn prune_incident(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
			incident: IncidentId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_prune_incident(avs, operator, incident)
		}
	}

	/// Log target of this pallet.
	pub(crate) const LOG_TARGET: &str = "runtime::slashing";
}
