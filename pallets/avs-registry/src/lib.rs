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
//!   removed. The owner can replace the configuration ([`Pallet::update_avs`]) and deregister
//!   the AVS ([`Pallet::deregister_avs`]).
//! - **Opt-in.** An active operator of the restaking pallet opts in to an AVS
//!   ([`Pallet::opt_in`]). If the AVS requires approval the opt-in is `Pending` until the owner
//!   approves or rejects it; otherwise the operator is `OptedIn` at once. An opted-in operator
//!   is slashable by the AVS and earns its rewards.
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
//!   [`Config::MaxOperatorsPerAvs`] × [`Config::MaxVaultsPerAvs`]) and releases the deposit.
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
//! ## Timing assumptions (checked in the runtime)
//!
//! The slashing pallet relies on `MaxVetoWindow < MinWithdrawalDelay` of the restaking pallet:
//! stake that is slashable when a slash is requested is still in its pool (active or in a live
//! withdrawal bucket) when the veto window ends. Every AVS also has `opt_out_delay >
//! veto_window`.
//!
//! ## Interface to other pallets
//!
//! [`traits::AvsInspect`] (implemented for [`Pallet`]) is what the slashing and rewards
//! pallets read. An AVS whose deregistration delay has passed, or an operator whose opt-out
//! delay has passed, is treated by it as gone even before its records are removed.
//!
//! ## Storage
//!
//! [`NextAvsId`], [`Avss`], [`OptIns`], the two indices [`AvsOperators`] and [`OperatorAvs`],
//! [`Allocations`], [`PoolAllocationTotal`] and [`VaultAllocationCount`]. Every collection is
//! bounded by a [`Config`] constant.
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
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod traits;
pub mod types;
pub mod weights;

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
			Defensive, DefensiveSaturating,
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_restaking::traits::RestakingInspect;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, Saturating, Zero},
		Perbill,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered AVS.
		AvsRegistration,
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

		/// The native currency, for the registration deposit.
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
		#[pallet::constant]
		type MinVetoWindow: Get<BlockNumberFor<Self>>;

		/// Longest veto window of an AVS, in blocks. MUST be smaller than the restaking
		/// pallet's `MinWithdrawalDelay`: the slashing pallet relies on stake that is
		/// slashable when a slash is requested not having left its pool when the window ends.
		/// The runtime has a unit test for this.
		#[pallet::constant]
		type MaxVetoWindow: Get<BlockNumberFor<Self>>;

		/// Shortest opt-out delay of an AVS, in blocks.
		#[pallet::constant]
		type MinOptOutDelay: Get<BlockNumberFor<Self>>;

		/// Longest opt-out delay of an AVS, in blocks (bounds how long an owner can keep an
		/// operator's stake at risk after it opted out).
		#[pallet::constant]
		type MaxOptOutDelay: Get<BlockNumberFor<Self>>;

		/// Blocks before an allocation increase takes effect (becomes slashable and earns).
		#[pallet::constant]
		type AllocationDelay: Get<BlockNumberFor<Self>>;

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
		/// The owner replaced the configuration of an AVS.
		AvsUpdated { avs: AvsId },
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
		/// Removing an accepted vault requires that no operator has an allocation record for
		/// it ([`Error::VaultHasAllocations`]). The new opt-out delay must exceed both the old
		/// and the new veto window. Operators already opting out keep their delay; pending
		/// opt-ins stay pending if approval is no longer required (the owner approves them).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_avs(T::MaxVaultsPerAvs::get()))]
		pub fn update_avs(
			origin: OriginFor<T>,
			avs: AvsId,
			config: AvsConfig<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut info = Self::owned_avs(avs, &who)?;
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
			info.config = config;
			Avss::<T>::insert(avs, info);
			Self::deposit_event(Event::AvsUpdated { avs });
			Ok(Some(T::WeightInfo::update_avs(vaults_touched)).into())
		}

		/// Deregister `avs` (owner only): no new opt-ins or allocation changes; the AVS's
		/// operators stay slashable for its opt-out delay, after which anyone can
		/// [`Pallet::finalize_deregistration`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_avs())]
		pub fn deregister_avs(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Self::owned_avs(avs, &who)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			let until = Self::now().saturating_add(info.config.opt_out_delay);
			info.status = AvsStatus::Deregistering { until };
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

			let operators = AvsOperators::<T>::take(avs);
			let mut allocations = 0u32;
			for operator in operators.iter() {
				OptIns::<T>::remove(avs, operator);
				allocations = allocations.saturating_add(Self::release_allocations(avs, operator));
				Self::remove_from_operator_index(operator, avs);
			}
			Avss::<T>::remove(avs);
			let deposit_released = T::NativeBalance::release(
				&HoldReason::AvsRegistration.into(),
				&info.owner,
				info.deposit,
				Precision::BestEffort,
			)
			.defensive_unwrap_or(Zero::zero());
			let operators = operators.len() as u32;
			Self::deposit_event(Event::AvsRemoved { avs, operators, deposit_released });
			Ok(Some(T::WeightInfo::finalize_deregistration(operators, allocations)).into())
		}

		/// Opt the caller, an active operator, in to `avs`: `Pending` until the owner approves
		/// if the AVS requires approval, opted in (slashable) at once otherwise. At least one
		/// accepted vault's pool of the caller must hold the AVS's minimum operator stake.
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
		#[pallet::weight(T::WeightInfo::approve_operator())]
		pub fn approve_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::owned_avs(avs, &who)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			let status = OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)?;
			ensure!(status == OptInStatus::Pending, Error::<T>::NotPending);
			OptIns::<T>::insert(avs, &operator, OptInStatus::OptedIn);
			Self::deposit_event(Event::OperatorOptedIn { avs, operator });
			Ok(())
		}

		/// Reject the pending opt-in of `operator` (owner only): its records are removed.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reject_operator(T::MaxOperatorsPerAvs::get()))]
		pub fn reject_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::owned_avs(avs, &who)?;
			let status = OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)?;
			ensure!(status == OptInStatus::Pending, Error::<T>::NotPending);
			let operators = Self::remove_operator(avs, &operator);
			Self::deposit_event(Event::OptInRejected { avs, operator });
			Ok(Some(T::WeightInfo::reject_operator(operators)).into())
		}

		/// Opt the caller out of `avs`. A pending opt-in is withdrawn at once. An opted-in
		/// operator is `OptingOut` and stays slashable, with its allocations frozen, for the
		/// AVS's opt-out delay; then anyone can [`Pallet::finalize_opt_out`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::opt_out(T::MaxOperatorsPerAvs::get()))]
		pub fn opt_out(origin: OriginFor<T>, avs: AvsId) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
			match OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)? {
				OptInStatus::Pending => {
					let operators = Self::remove_operator(avs, &operator);
					Self::deposit_event(Event::OptInCancelled { avs, operator });
					Ok(Some(T::WeightInfo::opt_out(operators)).into())
				},
				OptInStatus::OptedIn => {
					let until = Self::now().saturating_add(info.config.opt_out_delay);
					OptIns::<T>::insert(avs, &operator, OptInStatus::OptingOut { until });
					Self::deposit_event(Event::OperatorOptingOut { avs, operator, until });
					Ok(Some(T::WeightInfo::opt_out(0)).into())
				},
				OptInStatus::OptingOut { .. } => Err(Error::<T>::OperatorOptingOut.into()),
			}
		}

		/// Complete the opt-out of `operator` from `avs` once its delay has passed: remove its
		/// opt-in and allocations. Anyone may call.
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
			Self::remove_operator(avs, &operator);
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
			let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
			ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
			ensure!(info.config.accepted_vaults.contains(&vault), Error::<T>::VaultNotAccepted);
			match OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)? {
				OptInStatus::OptedIn => {},
				OptInStatus::Pending => return Err(Error::<T>::OptInPending.into()),
				OptInStatus::OptingOut { .. } => return Err(Error::<T>::OperatorOptingOut.into()),
			}

			let now = Self::now();
			let allocations = Allocations::<T>::get(avs, &operator);
			let records = allocations.len() as u32;
			let index = allocations.iter().position(|record| record.vault == vault);
			let before = index
				.and_then(|index| allocations.get(index).copied())
				.unwrap_or_else(|| VaultAllocation::empty(vault));
			let mut after = before.normalized(now);
			let in_force = after.current;

			let event = if fraction > in_force {
				ensure!(T::Restaking::is_active_operator(&operator), Error::<T>::NotActiveOperator);
				ensure!(T::Restaking::vault_is_active(vault), Error::<T>::VaultNotActive);
				let min_stake = info.config.min_operator_stake;
				if !min_stake.is_zero() {
					let active = T::Restaking::pool_stake(vault, &operator).active;
					ensure!(
						fraction.mul_floor(active) >= min_stake,
						Error::<T>::AllocatedStakeBelowMinimum
					);
				}
				let effective_at = match after.pending {
					Some(pending) if fraction <= pending.fraction => pending.effective_at,
					_ => now.saturating_add(T::AllocationDelay::get()),
				};
				after.pending = Some(PendingIncrease { fraction, effective_at });
				Event::AllocationIncreaseScheduled {
					avs,
					operator: operator.clone(),
					vault,
					fraction,
					effective_at,
				}
			} else if fraction < in_force {
				let delay =
					T::Restaking::vault_withdrawal_delay(vault).ok_or(Error::<T>::VaultNotFound)?;
				let mut slashable =
					SlashableDecrease { fraction: in_force, until: now.saturating_add(delay) };
				if let Some(older) = after.slashable {
					// One slot keeps the larger fraction until the later block: never less
					// slashable than each decrease alone.
					slashable.fraction = slashable.fraction.max(older.fraction);
					slashable.until = slashable.until.max(older.until);
				}
				after.current = fraction;
				after.pending = None;
				after.slashable = Some(slashable);
				Event::AllocationDecreased {
					avs,
					operator: operator.clone(),
					vault,
					fraction,
					slashable: slashable.fraction,
					slashable_until: slashable.until,
				}
			} else if after.pending.is_some() {
				after.pending = None;
				Event::AllocationIncreaseCancelled {
					avs,
					operator: operator.clone(),
					vault,
					fraction,
				}
			} else {
				Event::AllocationPruned {
					avs,
					operator: operator.clone(),
					vault,
					removed: after.is_empty(),
				}
			};
			ensure!(after != before, Error::<T>::AllocationUnchanged);

			Self::store_allocation(avs, &operator, allocations, index, &before, after)?;
			Self::deposit_event(event);
			Ok(Some(T::WeightInfo::set_allocation(records)).into())
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
			let before = allocations.get(index).copied().ok_or(Error::<T>::AllocationNotFound)?;
			let after = before.normalized(Self::now());
			ensure!(after != before, Error::<T>::NothingToPrune);
			let removed = after.is_empty();
			Self::store_allocation(avs, &operator, allocations, Some(index), &before, after)?;
			Self::deposit_event(Event::AllocationPruned { avs, operator, vault, removed });
			Ok(Some(T::WeightInfo::prune_allocation(records)).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block number.
		pub(crate) fn now() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number()
		}

		/// The AVS if it is registered and not past the end of its deregistration.
		pub fn live_avs(avs: AvsId) -> Option<AvsInfo<T>> {
			Avss::<T>::get(avs).filter(|info| match info.status {
				AvsStatus::Active => true,
				AvsStatus::Deregistering { until } => Self::now() < until,
			})
		}

		/// The AVS, if `who` owns it.
		fn owned_avs(avs: AvsId, who: &T::AccountId) -> Result<AvsInfo<T>, DispatchError> {
			let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
			ensure!(info.owner == *who, Error::<T>::NotAvsOwner);
			Ok(info)
		}

		/// Check a configuration for registration (`previous` is `None`) or as a replacement of
		/// `previous`.
		fn validate_config(
			config: &AvsConfig<T>,
			previous: Option<&AvsConfig<T>>,
		) -> DispatchResult {
			let veto_window = config.slashing.veto_window;
			ensure!(veto_window >= T::MinVetoWindow::get(), Error::<T>::VetoWindowTooShort);
			ensure!(veto_window <= T::MaxVetoWindow::get(), Error::<T>::VetoWindowTooLong);
			let opt_out_delay = config.opt_out_delay;
			ensure!(opt_out_delay >= T::MinOptOutDelay::get(), Error::<T>::OptOutDelayTooShort);
			ensure!(opt_out_delay <= T::MaxOptOutDelay::get(), Error::<T>::OptOutDelayTooLong);
			let longest_veto_window = match previous {
				Some(previous) => veto_window.max(previous.slashing.veto_window),
				None => veto_window,
			};
			ensure!(opt_out_delay > longest_veto_window, Error::<T>::OptOutDelayNotAboveVetoWindow);
			for (index, vault) in config.accepted_vaults.iter().enumerate() {
				ensure!(
					!config.accepted_vaults.iter().take(index).any(|earlier| earlier == vault),
					Error::<T>::DuplicateVault
				);
				ensure!(T::Restaking::vault_asset(*vault).is_some(), Error::<T>::VaultNotFound);
			}
			for (index, asset) in config.reward_assets.iter().enumerate() {
				ensure!(
					!config.reward_assets.iter().take(index).any(|earlier| earlier == asset),
					Error::<T>::DuplicateRewardAsset
				);
			}
			Ok(())
		}

		/// Write the allocation record at `index` of `allocations` (a new one if `None`),
		/// which was `before` and becomes `after`: update the pool total (checking the bound
		/// if the footprint grows) and the per-vault record count.
		fn store_allocation(
			avs: AvsId,
			operator: &T::AccountId,
			mut allocations: BoundedVec<VaultAllocationOf<T>, T::MaxVaultsPerAvs>,
			index: Option<usize>,
			before: &VaultAllocationOf<T>,
			after: VaultAllocationOf<T>,
		) -> DispatchResult {
			let vault = after.vault;
			let (old_footprint, new_footprint) = (before.footprint(), after.footprint());
			let new_total = PoolAllocationTotal::<T>::get(vault, operator)
				.defensive_saturating_sub(old_footprint)
				.saturating_add(new_footprint);
			if new_footprint > old_footprint {
				ensure!(
					new_total <= T::MaxTotalAllocation::get(),
					Error::<T>::TotalAllocationExceeded
				);
			}
			match (index, after.is_empty()) {
				(Some(_), true) => {
					allocations.retain(|record| record.vault != vault);
					Self::change_vault_allocation_count(avs, vault, false);
				},
				(Some(index), false) =>
					if let Some(record) = allocations.get_mut(index) {
						*record = after;
					},
				(None, true) => {},
				(None, false) => {
					allocations.try_push(after).map_err(|_| Error::<T>::TooManyAllocations)?;
					Self::change_vault_allocation_count(avs, vault, true);
				},
			}
			if allocations.is_empty() {
				Allocations::<T>::remove(avs, operator);
			} else {
				Allocations::<T>::insert(avs, operator, allocations);
			}
			Self::set_pool_total(vault, operator, new_total);
			Ok(())
		}

		/// Store the allocation total of a pool (removing it when zero).
		fn set_pool_total(vault: VaultId, operator: &T::AccountId, total: u64) {
			if total == 0 {
				PoolAllocationTotal::<T>::remove(vault, operator);
			} else {
				PoolAllocationTotal::<T>::insert(vault, operator, total);
			}
		}

		/// Count one allocation record more (`increment`) or less for (`avs`, `vault`).
		fn change_vault_allocation_count(avs: AvsId, vault: VaultId, increment: bool) {
			VaultAllocationCount::<T>::mutate_exists(avs, vault, |count| {
				let current = count.unwrap_or(0);
				let new = if increment {
					current.saturating_add(1)
				} else {
					current.defensive_saturating_sub(1)
				};
				*count = if new == 0 { None } else { Some(new) };
			});
		}

		/// Remove every allocation of `operator` to `avs`, lowering the pools' totals. Returns
		/// the number of records removed.
		fn release_allocations(avs: AvsId, operator: &T::AccountId) -> u32 {
			let allocations = Allocations::<T>::take(avs, operator);
			for record in allocations.iter() {
				let total = PoolAllocationTotal::<T>::get(record.vault, operator)
					.defensive_saturating_sub(record.footprint());
				Self::set_pool_total(record.vault, operator, total);
				Self::change_vault_allocation_count(avs, record.vault, false);
			}
			allocations.len() as u32
		}

		/// Remove `avs` from the AVS index of `operator`.
		fn remove_from_operator_index(operator: &T::AccountId, avs: AvsId) {
			OperatorAvs::<T>::mutate_exists(operator, |entry| {
				if let Some(avss) = entry {
					avss.retain(|other| *other != avs);
					if avss.is_empty() {
						*entry = None;
					}
				}
			});
		}

		/// Remove every record of `operator` with `avs`: opt-in, allocations and both index
		/// entries. Returns the number of operators the AVS had before.
		fn remove_operator(avs: AvsId, operator: &T::AccountId) -> u32 {
			OptIns::<T>::remove(avs, operator);
			Self::release_allocations(avs, operator);
			Self::remove_from_operator_index(operator, avs);
			let mut operators_before = 0;
			AvsOperators::<T>::mutate_exists(avs, |entry| {
				if let Some(operators) = entry {
					operators_before = operators.len() as u32;
					operators.retain(|other| other != operator);
					if operators.is_empty() {
						*entry = None;
					}
				}
			});
			operators_before
		}

		/// Whether `operator` can be slashed by a live `avs` at `now` (status only).
		fn status_is_slashable(
			status: Option<OptInStatus<BlockNumberFor<T>>>,
			now: BlockNumberFor<T>,
		) -> bool {
			match status {
				Some(OptInStatus::OptedIn) => true,
				Some(OptInStatus::OptingOut { until }) => now < until,
				Some(OptInStatus::Pending) | None => false,
			}
		}

		/// Standing of `operator` with every AVS it is pending, opted in or opting out with
		/// (read-only query for the runtime API; bounded by `MaxAvsPerOperator ×
		/// MaxVaultsPerAvs`), in the order of [`OperatorAvs`].
		pub fn operator_avs_stakes(
			operator: &T::AccountId,
		) -> alloc::vec::Vec<OperatorAvsStake<T>> {
			OperatorAvs::<T>::get(operator)
				.into_iter()
				.filter_map(|avs| {
					let status = OptIns::<T>::get(avs, operator)?;
					Some(Self::operator_avs_stake(avs, operator.clone(), status))
				})
				.collect()
		}

		/// Operators of a live `avs` (pending, opted in or opting out) with their allocations,
		/// in the order of [`AvsOperators`]; `None` if the AVS is not live (read-only query for
		/// the runtime API; bounded by `MaxOperatorsPerAvs × MaxVaultsPerAvs`).
		pub fn avs_operator_stakes(avs: AvsId) -> Option<alloc::vec::Vec<OperatorAvsStake<T>>> {
			Self::live_avs(avs)?;
			Some(
				AvsOperators::<T>::get(avs)
					.into_iter()
					.filter_map(|operator| {
						let status = OptIns::<T>::get(avs, &operator)?;
						Some(Self::operator_avs_stake(avs, operator, status))
					})
					.collect(),
			)
		}

		/// Standing of `operator` (with opt-in `status`) with `avs`: its allocation records and
		/// the stake they cover now.
		fn operator_avs_stake(
			avs: AvsId,
			operator: T::AccountId,
			status: OptInStatus<BlockNumberFor<T>>,
		) -> OperatorAvsStake<T> {
			let now = Self::now();
			let slashable =
				Self::live_avs(avs).is_some() && Self::status_is_slashable(Some(status), now);
			let allocations = Allocations::<T>::get(avs, &operator)
				.into_iter()
				.map(|record| {
					let stake = T::Restaking::pool_stake(record.vault, &operator);
					let in_force = record.in_force(now);
					let slashable_fraction =
						if slashable { record.slashable_at(now) } else { Perbill::zero() };
					let slashable_until = record
						.slashable
						.filter(|old| slashable && now < old.until && old.fraction > in_force)
						.map(|old| old.until);
					AllocationStake {
						vault: record.vault,
						in_force,
						pending: record.pending.filter(|pending| now < pending.effective_at),
						slashable_fraction,
						slashable_until,
						allocated_stake: in_force.mul_floor(stake.active),
						slashable_stake: slashable_fraction
							.mul_floor(stake.active.saturating_add(stake.withdrawing)),
					}
				})
				.collect();
			OperatorAvsStake { avs, operator, status, slashable, allocations }
		}

		/// Check the pallet's invariants (see the crate docs).
		#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::{BTreeMap, BTreeSet};
			use frame_support::traits::fungible::InspectHold;
			use sp_runtime::TryRuntimeError;

			let next_avs = NextAvsId::<T>::get();
			let mut deposits: BTreeMap<T::AccountId, T::Balance> = BTreeMap::new();
			for (avs, info) in Avss::<T>::iter() {
				ensure!(avs < next_avs, TryRuntimeError::Other("AVS id not below NextAvsId"));
				let vaults: BTreeSet<VaultId> =
					info.config.accepted_vaults.iter().copied().collect();
				ensure!(
					vaults.len() == info.config.accepted_vaults.len(),
					TryRuntimeError::Other("duplicate accepted vault")
				);
				let deposit = deposits.entry(info.owner.clone()).or_default();
				*deposit = deposit.saturating_add(info.deposit);
			}
			for (owner, deposit) in deposits {
				ensure!(
					T::NativeBalance::balance_on_hold(&HoldReason::AvsRegistration.into(), &owner) >=
						deposit,
					TryRuntimeError::Other("AVS deposits not on hold")
				);
			}

			// Invariant 1: the three views of (AVS, operator) pairs agree.
			let mut pairs = BTreeSet::new();
			for (avs, operators) in AvsOperators::<T>::iter() {
				ensure!(
					Avss::<T>::contains_key(avs),
					TryRuntimeError::Other("index of unknown AVS")
				);
				ensure!(!operators.is_empty(), TryRuntimeError::Other("empty AvsOperators entry"));
				for operator in operators.iter() {
					ensure!(
						pairs.insert((avs, operator.clone())),
						TryRuntimeError::Other("duplicate operator in AvsOperators")
					);
					ensure!(
						OptIns::<T>::contains_key(avs, operator),
						TryRuntimeError::Other("AvsOperators entry without opt-in")
					);
				}
			}
			let mut opt_ins = 0usize;
			for (avs, operator, _) in OptIns::<T>::iter() {
				opt_ins = opt_ins.saturating_add(1);
				ensure!(
					pairs.contains(&(avs, operator)),
					TryRuntimeError::Other("opt-in missing from AvsOperators")
				);
			}
			ensure!(opt_ins == pairs.len(), TryRuntimeError::Other("opt-in count mismatch"));
			let mut operator_entries = 0usize;
			for (operator, avss) in OperatorAvs::<T>::iter() {
				ensure!(!avss.is_empty(), TryRuntimeError::Other("empty OperatorAvs entry"));
				for avs in avss.iter() {
					operator_entries = operator_entries.saturating_add(1);
					ensure!(
						pairs.contains(&(*avs, operator.clone())),
						TryRuntimeError::Other("OperatorAvs entry without opt-in")
					);
				}
			}
			ensure!(
				operator_entries == pairs.len(),
				TryRuntimeError::Other("OperatorAvs has duplicates or misses opt-ins")
			);

			// Invariants 2 and 3: allocations and their totals.
			let mut totals: BTreeMap<(VaultId, T::AccountId), u64> = BTreeMap::new();
			let mut counts: BTreeMap<(AvsId, VaultId), u32> = BTreeMap::new();
			for (avs, operator, allocations) in Allocations::<T>::iter() {
				let info = Avss::<T>::get(avs)
					.ok_or(TryRuntimeError::Other("allocation to an unknown AVS"))?;
				let status = OptIns::<T>::get(avs, &operator)
					.ok_or(TryRuntimeError::Other("allocation without opt-in"))?;
				ensure!(
					status != OptInStatus::Pending,
					TryRuntimeError::Other("allocation of a pending operator")
				);
				ensure!(!allocations.is_empty(), TryRuntimeError::Other("empty Allocations entry"));
				let mut seen = BTreeSet::new();
				for record in allocations.iter() {
					ensure!(
						seen.insert(record.vault),
						TryRuntimeError::Other("two allocation records for one vault")
					);
					ensure!(
						info.config.accepted_vaults.contains(&record.vault),
						TryRuntimeError::Other("allocation to a vault the AVS does not accept")
					);
					ensure!(!record.is_empty(), TryRuntimeError::Other("empty allocation record"));
					if let Some(pending) = record.pending {
						ensure!(
							pending.fraction > record.current,
							TryRuntimeError::Other("pending increase not above current")
						);
					}
					if let Some(old) = record.slashable {
						ensure!(
							old.fraction > record.current,
							TryRuntimeError::Other("slashable decrease not above current")
						);
					}
					let total = totals.entry((record.vault, operator.clone())).or_default();
					*total = total.saturating_add(record.footprint());
					let count = counts.entry((avs, record.vault)).or_default();
					*count = count.saturating_add(1);
				}
			}
			let mut stored_totals = 0usize;
			for (vault, operator, total) in PoolAllocationTotal::<T>::iter() {
				stored_totals = stored_totals.saturating_add(1);
				ensure!(
					totals.get(&(vault, operator)) == Some(&total),
					TryRuntimeError::Other(
						"PoolAllocationTotal differs from the sum of footprints"
					)
				);
				ensure!(
					total <= T::MaxTotalAllocation::get(),
					TryRuntimeError::Other("PoolAllocationTotal above MaxTotalAllocation")
				);
			}
			ensure!(
				stored_totals == totals.len(),
				TryRuntimeError::Other("PoolAllocationTotal entries missing")
			);
			let mut stored_counts = 0usize;
			for (avs, vault, count) in VaultAllocationCount::<T>::iter() {
				stored_counts = stored_counts.saturating_add(1);
				ensure!(
					counts.get(&(avs, vault)) == Some(&count),
					TryRuntimeError::Other("VaultAllocationCount differs from the records")
				);
			}
			ensure!(
				stored_counts == counts.len(),
				TryRuntimeError::Other("VaultAllocationCount entries missing")
			);
			Ok(())
		}
	}

	impl<T: Config> traits::AvsInspect<T::AccountId> for Pallet<T> {
		type BlockNumber = BlockNumberFor<T>;
		type AssetKind = T::AssetKind;
		type MaxVaultsPerAvs = T::MaxVaultsPerAvs;
		type MaxOperatorsPerAvs = T::MaxOperatorsPerAvs;

		fn avs_owner(avs: AvsId) -> Option<T::AccountId> {
			Self::live_avs(avs).map(|info| info.owner)
		}

		fn slashing_params(avs: AvsId) -> Option<AvsSlashingParamsOf<T>> {
			Self::live_avs(avs).map(|info| info.config.slashing)
		}

		fn accepts_reward_asset(avs: AvsId, asset: &T::AssetKind) -> bool {
			Self::live_avs(avs).is_some_and(|info| info.config.reward_assets.contains(asset))
		}

		fn is_slashable(avs: AvsId, operator: &T::AccountId) -> bool {
			Self::live_avs(avs).is_some() &&
				Self::status_is_slashable(OptIns::<T>::get(avs, operator), Self::now())
		}

		fn slashable_allocations(
			avs: AvsId,
			operator: &T::AccountId,
		) -> BoundedVec<(VaultId, Perbill), T::MaxVaultsPerAvs> {
			if !Self::is_slashable(avs, operator) {
				return BoundedVec::new();
			}
			let now = Self::now();
			let allocations = Allocations::<T>::get(avs, operator);
			let slashable = allocations
				.iter()
				.map(|record| (record.vault, record.slashable_at(now)))
				.filter(|(_, fraction)| !fraction.is_zero())
				.collect::<alloc::vec::Vec<_>>();
			// At most as many entries as records: cannot be truncated.
			BoundedVec::truncate_from(slashable)
		}

		fn active_allocations(
			avs: AvsId,
			operator: &T::AccountId,
		) -> BoundedVec<(VaultId, Perbill), T::MaxVaultsPerAvs> {
			if Self::live_avs(avs).is_none() ||
				OptIns::<T>::get(avs, operator) != Some(OptInStatus::OptedIn)
			{
				return BoundedVec::new();
			}
			let now = Self::now();
			let allocations = Allocations::<T>::get(avs, operator);
			let active = allocations
				.iter()
				.map(|record| (record.vault, record.in_force(now)))
				.filter(|(_, fraction)| !fraction.is_zero())
				.collect::<alloc::vec::Vec<_>>();
			BoundedVec::truncate_from(active)
		}

		fn opted_in_operators(avs: AvsId) -> BoundedVec<T::AccountId, T::MaxOperatorsPerAvs> {
			if Self::live_avs(avs).is_none() {
				return BoundedVec::new();
			}
			let mut operators = AvsOperators::<T>::get(avs);
			operators
				.retain(|operator| OptIns::<T>::get(avs, operator) == Some(OptInStatus::OptedIn));
			operators
		}
	}
}
