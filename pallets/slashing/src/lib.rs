//! # Slashing pallet
//!
//! Slash requests with a veto window, executed against an operator's allocated stake without
//! ever iterating over delegators.
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
//!    fraction of the operator's *allocated* stake to slash, an incident id and evidence. The
//!    fraction must be at most the AVS's `max_slash`, the operator must be slashable by the AVS
//!    (opted in, or opted out but still inside its opt-out delay) and must have a non-empty
//!    slashable allocation. The request becomes pending until `now + veto_window`.
//! 2. **Veto.** While the window is open, the AVS's resolver or root may veto the request
//!    ([`Pallet::veto_slash`]). Once the window has closed, the request can no longer be vetoed
//!    (as in Symbiotic, the veto is only possible inside the window).
//! 3. **Execution.** From `executable_at` on, anyone may execute the request
//!    ([`Pallet::execute_slash`]); in addition, `on_initialize` of block `executable_at`
//!    executes up to [`Config::MaxAutoExecutionsPerBlock`] of the requests due in that block.
//!    Requests left over stay in their due queue and remain executable by anyone.
//!    Execution reads the AVS's *slashable allocations* of the operator (one entry per vault,
//!    bounded by the registry's `MaxVaultsPerAvs`) and, for every pool (vault, operator), calls
//!    [`RestakingSlash::slash_pool`](pallet_restaking::traits::RestakingSlash::slash_pool) with `fraction × allocation`. The restaking pallet cuts the
//!    pool's active stake and every not-yet-matured withdrawal bucket by that fraction by
//!    moving the pool's stake-per-share rate: the cost is O(vaults of the operator for that
//!    AVS), independent of the number of delegators. Slashed collateral is burned or sent to
//!    the AVS's destination account.
//!    If, at execution time, the operator is no longer slashable by the AVS (its opt-out delay
//!    ended) the request is *cancelled* ([`Event::SlashCancelled`]) rather than failing, so the
//!    request does not linger.
//!
//! ## Double-slash protection
//!
//! Every request carries an [`IncidentId`](types::IncidentId). The triple (AVS, operator,
//! incident) is recorded in [`Incidents`] when the request is made and is never removed: the
//! same incident cannot be requested again while it is pending, nor after it was executed,
//! vetoed or cancelled. (A veto is the outcome of the dispute; the AVS may report a *different*
//! incident if it has new evidence.)
//!
//! ## Config
//!
//! - [`Config::Restaking`]: the restaking ledger ([`RestakingSlash`](pallet_restaking::traits::RestakingSlash)).
//! - [`Config::Avs`]: the AVS registry ([`AvsInspect`](pallet_avs_registry::traits::AvsInspect)).
//! - [`Config::MaxEvidenceLen`], [`Config::MaxPendingSlashesPerAvs`],
//!   [`Config::MaxSlashesDuePerBlock`], [`Config::MaxAutoExecutionsPerBlock`]: bounds.
//!
//! ## Storage
//!
//! - [`NextSlashId`]: id of the next request.
//! - [`PendingSlashes`]: pending requests by id (removed once executed, vetoed or cancelled).
//! - [`Incidents`]: status of every reported (AVS, operator, incident).
//! - [`PendingSlashCount`]: pending requests per AVS (bounded).
//! - [`SlashesDueAt`]: per block, the pending requests whose veto window ends in it (the
//!   automatic-execution queue).
//!
//! ## Calls
//!
//! - [`Pallet::request_slash`] (the AVS's slasher), [`Pallet::veto_slash`] (the AVS's resolver
//!   or root), [`Pallet::execute_slash`] (anyone, after the veto window).
//!
//! ## Hooks
//!
//! - `on_initialize`: bounded automatic execution of the slashes due in the block.
//! - `try_state`: consistency of pending requests, incident records, per-AVS counters and the
//!   due queue.
//!
//! ## Code map
//!
//! `lib.rs` (config, storage, events, errors, hooks, calls); [`types`]; `execution.rs`
//! (executing or cancelling a due request, removing a finished one from every index);
//! `queries.rs` (runtime API); `try_state.rs`. Tests against the real restaking and AVS
//! registry pallets are in `pallets/integration-tests`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod types;
pub mod weights;

mod execution;
mod queries;
#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
mod try_state;

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
	/// `delegators` (at least one) stakers. Returns (AVS, slasher, operator).
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
	use frame_support::{pallet_prelude::*, storage::with_storage_layer};
	use frame_system::pallet_prelude::*;
	use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
	use pallet_restaking::traits::RestakingSlash;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, CheckedAdd, Saturating},
		Perbill,
	};

	/// The bound on the vaults of one operator allocated to one AVS (from the AVS registry).
	pub type MaxVaultsOf<T> =
		<<T as Config>::Avs as AvsInspect<<T as frame_system::Config>::AccountId>>::MaxVaultsPerAvs;

	/// A pending slash request as stored by this pallet.
	pub type PendingSlashOf<T> = PendingSlash<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxEvidenceLen,
	>;

	/// Amounts slashed from each pool by one execution.
	pub type PoolSlashesOf<T> = BoundedVec<PoolSlash<<T as Config>::Balance>, MaxVaultsOf<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the slashing pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type of collateral (matches the restaking pallet's).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Copy + MaxEncodedLen + Default;

		/// The restaking ledger: applies slashes to delegation pools.
		type Restaking: RestakingSlash<
			Self::AccountId,
			Balance = Self::Balance,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The AVS registry: slashing parameters, opt-ins and allocations.
		type Avs: AvsInspect<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// Maximum length in bytes of the evidence attached to a slash request.
		#[pallet::constant]
		type MaxEvidenceLen: Get<u32>;

		/// Maximum number of pending slash requests of one AVS.
		#[pallet::constant]
		type MaxPendingSlashesPerAvs: Get<u32>;

		/// Maximum number of slash requests whose veto window ends in the same block (size of
		/// one due-queue entry).
		#[pallet::constant]
		type MaxSlashesDuePerBlock: Get<u32>;

		/// Maximum number of due slashes `on_initialize` executes in one block. Requests beyond
		/// that stay executable by anyone through [`Pallet::execute_slash`].
		#[pallet::constant]
		type MaxAutoExecutionsPerBlock: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Creates slashable operators for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Id the next slash request will get.
	#[pallet::storage]
	pub type NextSlashId<T: Config> = StorageValue<_, SlashId, ValueQuery>;

	/// Slash requests that are pending (not yet executed, vetoed or cancelled), by id.
	#[pallet::storage]
	pub type PendingSlashes<T: Config> =
		StorageMap<_, Twox64Concat, SlashId, PendingSlashOf<T>, OptionQuery>;

	/// Status of every incident reported by an AVS against an operator. Never removed: this is
	/// what prevents slashing the same incident twice.
	#[pallet::storage]
	pub type Incidents<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, AvsId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, IncidentId>,
		),
		IncidentStatus,
		OptionQuery,
	>;

	/// Number of pending slash requests per AVS, at most [`Config::MaxPendingSlashesPerAvs`].
	#[pallet::storage]
	pub type PendingSlashCount<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// The automatic-execution queue: pending requests whose veto window ends in the block.
	/// An id stays here until its request is executed, vetoed or cancelled.
	#[pallet::storage]
	pub type SlashesDueAt<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<SlashId, T::MaxSlashesDuePerBlock>,
		ValueQuery,
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
		/// A pending slash was dropped at execution time without slashing anything.
		SlashCancelled {
			/// Id of the request.
			slash_id: SlashId,
			/// Why it was cancelled.
			reason: CancelReason,
		},
		/// `on_initialize` could not execute a due slash; it stays pending and executable.
		AutoExecutionFailed {
			/// Id of the request.
			slash_id: SlashId,
			/// The error returned by the execution.
			error: DispatchError,
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
		/// The evidence is longer than [`Config::MaxEvidenceLen`].
		EvidenceTooLong,
		/// The operator is neither opted in to the AVS nor inside its opt-out delay.
		OperatorNotSlashable,
		/// The operator has no non-zero slashable allocation to the AVS.
		NoSlashableAllocation,
		/// The same incident of this operator was already reported by this AVS (pending,
		/// executed, vetoed or cancelled).
		IncidentAlreadyReported,
		/// The AVS already has [`Config::MaxPendingSlashesPerAvs`] pending requests.
		TooManyPendingSlashes,
		/// [`Config::MaxSlashesDuePerBlock`] requests already end their veto window in the same
		/// block; request again in the next block.
		TooManySlashesDueInBlock,
		/// The end of the veto window overflows the block number.
		VetoWindowOverflow,
		/// The slash id counter overflowed.
		SlashIdOverflow,
		/// There is no pending slash request with this id.
		SlashNotFound,
		/// The caller is neither root nor the AVS's resolver.
		NotResolver,
		/// The veto window of the request has closed; it can no longer be vetoed.
		VetoWindowClosed,
		/// The veto window of the request is still open; it cannot be executed yet.
		VetoWindowOpen,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due = SlashesDueAt::<T>::get(now);
			if due.is_empty() {
				return T::WeightInfo::on_initialize_idle();
			}
			let max_vaults = MaxVaultsOf::<T>::get();
			let mut attempted: u32 = 0;
			for slash_id in due.into_iter().take(T::MaxAutoExecutionsPerBlock::get() as usize) {
				attempted.saturating_inc();
				let Some(slash) = PendingSlashes::<T>::get(slash_id) else {
					// The queue and the pending map are kept in sync; tolerate a stale id.
					log::warn!(target: LOG_TARGET, "due slash {slash_id} is not pending");
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
			assert!(T::MaxSlashesDuePerBlock::get() > 0, "MaxSlashesDuePerBlock must be > 0");
			assert!(T::MaxPendingSlashesPerAvs::get() > 0, "MaxPendingSlashesPerAvs must be > 0");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Request a slash of `fraction` of `operator`'s stake allocated to `avs`, for
		/// `incident`, with `evidence`.
		///
		/// The origin must be the AVS's slasher account. The request is pending until the end of
		/// the AVS's veto window, then executable by anyone (and automatically in that block's
		/// `on_initialize`, within [`Config::MaxAutoExecutionsPerBlock`]).
		///
		/// Errors: [`Error::AvsNotFound`], [`Error::NotSlasher`], [`Error::ZeroFraction`],
		/// [`Error::FractionAboveMax`], [`Error::EvidenceTooLong`],
		/// [`Error::OperatorNotSlashable`], [`Error::NoSlashableAllocation`],
		/// [`Error::IncidentAlreadyReported`], [`Error::TooManyPendingSlashes`],
		/// [`Error::TooManySlashesDueInBlock`], [`Error::VetoWindowOverflow`],
		/// [`Error::SlashIdOverflow`].
		///
		/// Emits [`Event::SlashRequested`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_slash(evidence.len().min(T::MaxEvidenceLen::get() as usize) as u32))]
		pub fn request_slash(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
			fraction: Perbill,
			incident: IncidentId,
			evidence: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let params = T::Avs::slashing_params(avs).ok_or(Error::<T>::AvsNotFound)?;
			ensure!(who == params.slasher, Error::<T>::NotSlasher);
			ensure!(!fraction.is_zero(), Error::<T>::ZeroFraction);
			ensure!(fraction <= params.max_slash, Error::<T>::FractionAboveMax);
			let evidence: BoundedVec<u8, T::MaxEvidenceLen> =
				evidence.try_into().map_err(|_| Error::<T>::EvidenceTooLong)?;
			ensure!(T::Avs::is_slashable(avs, &operator), Error::<T>::OperatorNotSlashable);
			ensure!(
				T::Avs::slashable_allocations(avs, &operator)
					.iter()
					.any(|(_, allocation)| !allocation.is_zero()),
				Error::<T>::NoSlashableAllocation
			);
			ensure!(
				!Incidents::<T>::contains_key((avs, &operator, incident)),
				Error::<T>::IncidentAlreadyReported
			);
			let pending_count = PendingSlashCount::<T>::get(avs);
			ensure!(
				pending_count < T::MaxPendingSlashesPerAvs::get(),
				Error::<T>::TooManyPendingSlashes
			);
			let now = frame_system::Pallet::<T>::block_number();
			let executable_at =
				now.checked_add(&params.veto_window).ok_or(Error::<T>::VetoWindowOverflow)?;
			let slash_id = NextSlashId::<T>::get();
			let next_slash_id = slash_id.checked_add(1).ok_or(Error::<T>::SlashIdOverflow)?;
			let mut due = SlashesDueAt::<T>::get(executable_at);
			due.try_push(slash_id).map_err(|_| Error::<T>::TooManySlashesDueInBlock)?;

			// All checks passed: write.
			SlashesDueAt::<T>::insert(executable_at, due);
			NextSlashId::<T>::put(next_slash_id);
			PendingSlashCount::<T>::insert(avs, pending_count.saturating_add(1));
			Incidents::<T>::insert((avs, &operator, incident), IncidentStatus::Pending(slash_id));
			PendingSlashes::<T>::insert(
				slash_id,
				PendingSlash {
					avs,
					operator: operator.clone(),
					fraction,
					incident,
					evidence,
					requested_at: now,
					executable_at,
				},
			);
			Self::deposit_event(Event::SlashRequested {
				slash_id,
				avs,
				operator,
				fraction,
				incident,
				executable_at,
			});
			Ok(())
		}

		/// Veto the pending slash `slash_id`.
		///
		/// The origin must be root or the AVS's resolver account, and the veto window must still
		/// be open (`now < executable_at`). The incident is recorded as vetoed and cannot be
		/// requested again.
		///
		/// Errors: [`Error::SlashNotFound`], [`Error::VetoWindowClosed`],
		/// [`Error::NotResolver`].
		///
		/// Emits [`Event::SlashVetoed`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::veto_slash())]
		pub fn veto_slash(origin: OriginFor<T>, slash_id: SlashId) -> DispatchResult {
			let maybe_who = ensure_signed_or_root(origin)?;
			let slash = PendingSlashes::<T>::get(slash_id).ok_or(Error::<T>::SlashNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now < slash.executable_at, Error::<T>::VetoWindowClosed);
			if let Some(who) = &maybe_who {
				let resolver =
					T::Avs::slashing_params(slash.avs).and_then(|params| params.resolver);
				ensure!(resolver.as_ref() == Some(who), Error::<T>::NotResolver);
			}
			Self::finish(slash_id, &slash, IncidentStatus::Vetoed);
			Self::deposit_event(Event::SlashVetoed { slash_id, vetoed_by: maybe_who });
			Ok(())
		}

		/// Execute the pending slash `slash_id` once its veto window has ended.
		///
		/// Any signed origin may call this. For each vault the operator allocated to the AVS,
		/// `fraction × allocation` of the pool's stake (active and unmatured withdrawals) is
		/// slashed and sent to the AVS's slash destination. If the operator is no longer
		/// slashable by the AVS, the request is cancelled instead ([`Event::SlashCancelled`]).
		///
		/// Errors: [`Error::SlashNotFound`], [`Error::VetoWindowOpen`], and any error of the
		/// restaking ledger's `slash_pool` (nothing changes in that case).
		///
		/// Emits [`Event::SlashExecuted`] or [`Event::SlashCancelled`].
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
	}

	/// Log target of this pallet.
	pub(crate) const LOG_TARGET: &str = "runtime::slashing";
}
