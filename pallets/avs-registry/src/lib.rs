// The crate documentation (model, bounds, invariants, code map) is `docs.md` beside this
// file, rendered by rustdoc as the crate docs; this file holds the config, storage, events,
// errors and calls.

#![doc = include_str!("docs.md")]
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
mod genesis;
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
		type Balance: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ MaxEncodedLen
			+ MaybeSerializeDeserialize
			+ Copy
			+ Default;

		/// Asset kind (the restaking pallet's), for reward assets.
		type AssetKind: Parameter + Member + MaxEncodedLen + MaybeSerializeDeserialize;

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
	/// Genesis configuration: AVSs, opt-ins and allocations that exist from block 0 (the
	/// consensus AVS of a chain secured by its own restaked collateral is one). They are made
	/// by the code of [`Pallet::register_avs`], [`Pallet::opt_in`] (approved) and
	/// [`Pallet::set_allocation`], with one difference: genesis allocations are in force at
	/// once, because there is no earlier stake whose owners the allocation delay could protect.
	/// An entry those calls would refuse fails the genesis build.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// AVSs, ids `0..` in this order. The owner's AVS deposit is held.
		pub avss:
			alloc::vec::Vec<GenesisAvs<T::AccountId, T::Balance, BlockNumberFor<T>, T::AssetKind>>,
		/// Opt-ins `(avs, operator)`, approved; the operator's opt-in deposit is held.
		pub opt_ins: alloc::vec::Vec<(AvsId, T::AccountId)>,
		/// Allocations `(avs, operator, vault, fraction)`, in force from genesis.
		pub allocations: alloc::vec::Vec<(AvsId, T::AccountId, VaultId, Perbill)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.build_genesis();
		}
	}

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
