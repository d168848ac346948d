//! # Rewards pallet
//!
//! AVS reward submissions split into a protocol fee, operator commission and a per-share pool
//! accumulator; claims by stakers and operators. Distribution never iterates over delegators.
//!
//! ## Model
//!
//! An AVS owner submits `amount` of one of the AVS's accepted reward assets for a period
//! ([`Pallet::submit_rewards`]). The amount moves to the *reward pot* (the account of
//! [`Config::PalletId`]) and is split at once (EigenLayer's `RewardsCoordinator` and operator
//! split, nomination pools' reward counter):
//!
//! 1. **Across operators.** Every operator opted in to the AVS gets the share
//!    `amount × wᵢ / Σw` (rounded down), where `wᵢ` is either the weight the AVS gives for it
//!    or, by default, its *allocated active stake* `Σ_vaults allocation × pool active stake`
//!    (allocations in force, from [`AvsInspect::active_allocations`](pallet_avs_registry::traits::AvsInspect::active_allocations); active stake from
//!    [`RestakingInspect::pool_stake`](pallet_restaking::traits::RestakingInspect::pool_stake)). Queued withdrawals are not active stake: they earn
//!    nothing.
//! 2. **Per operator.** The protocol fee ([`ProtocolFee`], set by root) is taken first, then
//!    the operator's commission ([`RestakingInspect::operator_commission`](pallet_restaking::traits::RestakingInspect::operator_commission)) from the rest; the
//!    remainder goes to the operator's pools allocated to the AVS, pro rata to
//!    `allocation × active stake`, through [`RestakingRewards::credit_pool_reward`](pallet_restaking::traits::RestakingRewards::credit_pool_reward), which raises
//!    the pool's reward-per-share accumulator. A staker who deposits after the credit does not
//!    share in it (their reward debt starts at the current accumulator).
//! 3. **Dust.** All rounding remainders, and the share of an operator that has no active
//!    allocated stake, accrue to the treasury. Nothing is ever rounded in the stakers' favour.
//!
//! The cost is O(operators × vaults), bounded by the AVS registry's `MaxOperatorsPerAvs ×
//! MaxVaultsPerAvs`, never per delegator.
//!
//! Stakers claim everything they earned in every pool with [`Pallet::claim_rewards`] (bounded
//! by the restaking pallet's `MaxStakerPools × MaxRewardAssets`) or one pool with
//! [`Pallet::claim_rewards_from`]. Operators claim their commission per asset with
//! [`Pallet::claim_commission`]. Accrued protocol fees are sent to
//! [`Config::TreasuryAccount`] by anyone with [`Pallet::transfer_protocol_fees`] (accruing them
//! keeps submissions independent of whether the treasury can receive a small amount of an
//! asset).
//!
//! ## The reward pot
//!
//! The pot holds every undistributed and unclaimed amount. It keeps the *minimum balance* of
//! each asset it has ever received so that it can never be reaped: the first submission of an
//! asset pays that endowment on top of the amount ([`SplitSummary::pot_endowment`](types::SplitSummary::pot_endowment)); payouts
//! use `Preservation::Preserve`. The pot gets a provider reference at genesis so it can hold
//! non-sufficient assets. Invariant (checked by `try_state`), per asset:
//! `pot balance ≥ minimum balance + Σ OperatorCommission + AccruedProtocolFees +
//! OutstandingStakerRewards`.
//!
//! ## Config
//!
//! [`Config::Assets`] (the `fungibles` currency, `UnionOf` native + assets in the runtime),
//! [`Config::Restaking`] ([`RestakingRewards`](pallet_restaking::traits::RestakingRewards)), [`Config::Avs`] ([`AvsInspect`](pallet_avs_registry::traits::AvsInspect)),
//! [`Config::PalletId`], [`Config::TreasuryAccount`], [`Config::DefaultProtocolFee`],
//! [`Config::MaxProtocolFee`].
//!
//! ## Storage
//!
//! [`ProtocolFee`], [`OperatorCommission`], [`AccruedProtocolFees`],
//! [`OutstandingStakerRewards`], [`NextSubmissionId`].
//!
//! ## Calls
//!
//! [`Pallet::submit_rewards`] (AVS owner), [`Pallet::claim_rewards`],
//! [`Pallet::claim_rewards_from`] (stakers), [`Pallet::claim_commission`] (operators),
//! [`Pallet::transfer_protocol_fees`] (anyone), [`Pallet::set_protocol_fee`] (root).
//!
//! ## Hooks
//!
//! `try_state`: the pot covers everything owed, for every asset.
//!
//! ## Code map
//!
//! `lib.rs` (config, storage, events, errors, calls); [`types`] (the split of one operator's
//! part, [`types::OperatorSplit`], and the summary types); `distribution.rs` (a submission's
//! operators, weights and crediting of the pools); `impls.rs` (the pot and payouts);
//! `queries.rs` (runtime API); `try_state.rs`. The reward counter itself is the restaking
//! pallet's (`pallet_restaking::reward`); cross-pallet tests are in `pallets/integration-tests`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod types;
pub mod weights;

mod distribution;
mod impls;
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

/// Hooks the benchmarks need to create AVSs, operators and staker positions in a generic runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind, Balance> {
	/// Register an AVS accepting a reward asset, owned by an account funded with plenty of that
	/// asset, with `operators` opted-in operators, each with `vaults` pools that hold active
	/// stake and are allocated to the AVS, each pool with `delegators` (at least one) stakers.
	/// Returns (AVS, owner, reward asset).
	fn setup_rewarded_avs(
		operators: u32,
		vaults: u32,
		delegators: u32,
	) -> (pallet_avs_registry::types::AvsId, AccountId, AssetKind);
	/// Create an account with a position in `pools` pools, each with pending rewards in
	/// `assets` assets, with the reward pot funded accordingly. Returns the staker.
	fn setup_staker_with_rewards(pools: u32, assets: u32) -> AccountId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungibles::Mutate, tokens::Preservation},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
	use pallet_restaking::{traits::RestakingRewards, types::VaultId};
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, Zero},
		Perbill,
	};

	/// Bound on the operators opted in to one AVS (from the AVS registry).
	pub type MaxOperatorsOf<T> = <<T as Config>::Avs as AvsInspect<
		<T as frame_system::Config>::AccountId,
	>>::MaxOperatorsPerAvs;
	/// Bound on the vaults one operator allocates to one AVS (from the AVS registry).
	pub type MaxVaultsOf<T> =
		<<T as Config>::Avs as AvsInspect<<T as frame_system::Config>::AccountId>>::MaxVaultsPerAvs;
	/// Bound on the pools of one staker (from the restaking pallet).
	pub type MaxStakerPoolsOf<T> = <<T as Config>::Restaking as RestakingRewards<
		<T as frame_system::Config>::AccountId,
	>>::MaxStakerPools;
	/// Bound on the reward assets of one pool (from the restaking pallet).
	pub type MaxRewardAssetsOf<T> = <<T as Config>::Restaking as RestakingRewards<
		<T as frame_system::Config>::AccountId,
	>>::MaxRewardAssets;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the rewards pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type of rewards (matches the restaking pallet's).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Copy + MaxEncodedLen + Default;

		/// Reward asset kind (native token or an asset of `pallet-assets`).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// The currency of all reward assets.
		type Assets: Mutate<Self::AccountId, AssetId = Self::AssetKind, Balance = Self::Balance>;

		/// The restaking ledger: pool stake, commission and the per-share reward accumulator.
		type Restaking: RestakingRewards<
			Self::AccountId,
			Balance = Self::Balance,
			AssetKind = Self::AssetKind,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The AVS registry: owners, accepted reward assets, opt-ins and allocations.
		type Avs: AvsInspect<
			Self::AccountId,
			BlockNumber = BlockNumberFor<Self>,
			AssetKind = Self::AssetKind,
		>;

		/// Id of the reward pot account, which holds every undistributed and unclaimed reward.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Account that receives protocol fees and rounding dust.
		type TreasuryAccount: Get<Self::AccountId>;

		/// Protocol fee in force until root sets one with [`Pallet::set_protocol_fee`].
		#[pallet::constant]
		type DefaultProtocolFee: Get<Perbill>;

		/// Highest protocol fee root may set.
		#[pallet::constant]
		type MaxProtocolFee: Get<Perbill>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates AVSs, operators and staker positions for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<
			Self::AccountId,
			Self::AssetKind,
			Self::Balance,
		>;
	}

	/// Default of [`ProtocolFee`].
	#[pallet::type_value]
	pub fn DefaultProtocolFeeOf<T: Config>() -> Perbill {
		T::DefaultProtocolFee::get()
	}

	/// Fraction of each operator's share of a submission that goes to the treasury.
	#[pallet::storage]
	pub type ProtocolFee<T: Config> = StorageValue<_, Perbill, ValueQuery, DefaultProtocolFeeOf<T>>;

	/// Unclaimed commission of each operator, per reward asset.
	#[pallet::storage]
	pub type OperatorCommission<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AssetKind,
		T::Balance,
		ValueQuery,
	>;

	/// Protocol fees and dust held in the pot for the treasury, per reward asset.
	#[pallet::storage]
	pub type AccruedProtocolFees<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, T::Balance, ValueQuery>;

	/// Credited to pool accumulators and not yet claimed by stakers, per reward asset. (It can
	/// exceed what stakers can claim by the accumulators' rounding dust.)
	#[pallet::storage]
	pub type OutstandingStakerRewards<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, T::Balance, ValueQuery>;

	/// Id the next reward submission will get.
	#[pallet::storage]
	pub type NextSubmissionId<T: Config> = StorageValue<_, SubmissionId, ValueQuery>;

	/// Genesis configuration: nothing to configure; gives the reward pot a provider reference
	/// so it can hold assets that are not sufficient.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		_config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pot = Pallet::<T>::pot_account();
			if frame_system::Pallet::<T>::providers(&pot) == 0 {
				frame_system::Pallet::<T>::inc_providers(&pot);
			}
		}
	}

	/// Events of the rewards pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS submitted rewards and they were split.
		RewardsSubmitted {
			/// Id of the submission.
			submission_id: SubmissionId,
			/// The rewarding AVS.
			avs: AvsId,
			/// The reward asset.
			asset: T::AssetKind,
			/// The amount split.
			amount: T::Balance,
			/// The AVS's label of the period the rewards are for.
			period: u32,
			/// How the amount was split.
			split: SplitSummary<T::Balance>,
		},
		/// One operator's share of a submission.
		OperatorRewarded {
			/// Id of the submission.
			submission_id: SubmissionId,
			/// The operator.
			operator: T::AccountId,
			/// The operator's share of the submission.
			amount: T::Balance,
			/// Protocol fee taken from it.
			protocol_fee: T::Balance,
			/// Commission recorded for the operator.
			commission: T::Balance,
			/// Credited to the operator's pools.
			to_stakers: T::Balance,
		},
		/// A staker claimed rewards of one asset.
		RewardsClaimed {
			/// The staker.
			staker: T::AccountId,
			/// The reward asset.
			asset: T::AssetKind,
			/// The amount paid.
			amount: T::Balance,
		},
		/// An operator claimed its commission in one asset.
		CommissionClaimed {
			/// The operator.
			operator: T::AccountId,
			/// The reward asset.
			asset: T::AssetKind,
			/// The amount paid.
			amount: T::Balance,
		},
		/// Accrued protocol fees were sent to the treasury.
		ProtocolFeesTransferred {
			/// The reward asset.
			asset: T::AssetKind,
			/// The amount paid.
			amount: T::Balance,
		},
		/// Root set the protocol fee.
		ProtocolFeeSet {
			/// The new fee.
			fee: Perbill,
		},
	}

	/// Errors of the rewards pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The AVS is not registered.
		AvsNotFound,
		/// The caller is not the AVS's owner.
		NotAvsOwner,
		/// The amount is zero.
		ZeroAmount,
		/// The asset is not an accepted reward asset of the AVS.
		AssetNotAccepted,
		/// More operator weights than the AVS registry's `MaxOperatorsPerAvs`.
		TooManyOperatorWeights,
		/// An operator in the given weights is not opted in to the AVS.
		OperatorNotOptedIn,
		/// An operator appears twice in the given weights.
		DuplicateOperator,
		/// The total weight is zero: no opted-in operator has active allocated stake, or all
		/// given weights are zero. Nothing is transferred.
		NoRewardWeight,
		/// The amount plus the pot's endowment overflows.
		AmountOverflow,
		/// The staker has no rewards to claim.
		NothingToClaim,
		/// The operator has no commission to claim in this asset.
		NoCommission,
		/// No protocol fees accrued in this asset.
		NoProtocolFees,
		/// The protocol fee is above [`Config::MaxProtocolFee`].
		ProtocolFeeTooHigh,
		/// The submission id counter overflowed.
		SubmissionIdOverflow,
		/// The caller cannot pay the amount (plus the pot's endowment) of the asset and keep
		/// its account alive.
		InsufficientFunds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(
				T::DefaultProtocolFee::get() <= T::MaxProtocolFee::get(),
				"DefaultProtocolFee must not exceed MaxProtocolFee"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submit `amount` of `asset` as rewards of `avs` for `period`, split at once across the
		/// AVS's opted-in operators.
		///
		/// The origin must be the AVS's owner; it pays `amount` (plus, the first time the pot
		/// receives `asset`, the asset's minimum balance as the pot's endowment). Operators are
		/// weighted by `operator_weights` if given (each must be opted in, no duplicates),
		/// otherwise by their allocated active stake. See the crate docs for the split.
		///
		/// Errors: [`Error::AvsNotFound`], [`Error::NotAvsOwner`], [`Error::ZeroAmount`],
		/// [`Error::AssetNotAccepted`], [`Error::TooManyOperatorWeights`],
		/// [`Error::OperatorNotOptedIn`], [`Error::DuplicateOperator`],
		/// [`Error::NoRewardWeight`], [`Error::AmountOverflow`],
		/// [`Error::SubmissionIdOverflow`], and the currency's errors if the owner cannot pay.
		///
		/// Emits [`Event::OperatorRewarded`] per rewarded operator and
		/// [`Event::RewardsSubmitted`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit_rewards(
			MaxOperatorsOf::<T>::get(),
			MaxVaultsOf::<T>::get(),
		))]
		pub fn submit_rewards(
			origin: OriginFor<T>,
			avs: AvsId,
			asset: T::AssetKind,
			amount: T::Balance,
			period: u32,
			operator_weights: Option<Vec<(T::AccountId, u32)>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_submit_rewards(who, avs, asset, amount, period, operator_weights)
		}

		/// Claim everything the caller earned, in every pool it holds a position in and every
		/// reward asset.
		///
		/// Errors: [`Error::NothingToClaim`] (nothing changes), and the currency's errors if
		/// the caller cannot receive an amount (e.g. below the asset's minimum balance).
		///
		/// Emits [`Event::RewardsClaimed`] per asset.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_rewards(
			MaxStakerPoolsOf::<T>::get(),
			MaxRewardAssetsOf::<T>::get(),
		))]
		pub fn claim_rewards(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let pools = T::Restaking::staker_pools(&who);
			let pool_count = pools.len() as u32;
			let mut totals: Vec<(T::AssetKind, T::Balance)> = Vec::new();
			for (vault, operator) in pools.iter() {
				for (asset, amount) in T::Restaking::take_pending_rewards(&who, *vault, operator)? {
					Self::add_to_totals(&mut totals, asset, amount);
				}
			}
			let asset_count = totals.len() as u32;
			Self::pay_staker(&who, totals)?;
			Ok(Some(T::WeightInfo::claim_rewards(pool_count, asset_count)).into())
		}

		/// Claim everything the caller earned in pool (`vault`, `operator`).
		///
		/// Errors: [`Error::NothingToClaim`], and the currency's errors if the caller cannot
		/// receive an amount.
		///
		/// Emits [`Event::RewardsClaimed`] per asset.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::claim_rewards(1, MaxRewardAssetsOf::<T>::get()))]
		pub fn claim_rewards_from(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Restaking::pending_rewards(&who, vault, &operator)
					.iter()
					.any(|(_, amount)| !amount.is_zero()),
				Error::<T>::NothingToClaim
			);
			let rewards = T::Restaking::take_pending_rewards(&who, vault, &operator)?;
			let asset_count = rewards.len() as u32;
			Self::pay_staker(&who, rewards.into_inner())?;
			Ok(Some(T::WeightInfo::claim_rewards(1, asset_count)).into())
		}

		/// Claim the caller's commission in `asset`.
		///
		/// Errors: [`Error::NoCommission`], and the currency's errors if the caller cannot
		/// receive the amount.
		///
		/// Emits [`Event::CommissionClaimed`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_commission())]
		pub fn claim_commission(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let amount = OperatorCommission::<T>::get(&who, &asset);
			ensure!(!amount.is_zero(), Error::<T>::NoCommission);
			T::Assets::transfer(
				asset.clone(),
				&Self::pot_account(),
				&who,
				amount,
				Preservation::Preserve,
			)?;
			OperatorCommission::<T>::remove(&who, &asset);
			Self::deposit_event(Event::CommissionClaimed { operator: who, asset, amount });
			Ok(())
		}

		/// Send the protocol fees accrued in `asset` to the treasury account. Any signed origin.
		///
		/// Errors: [`Error::NoProtocolFees`], and the currency's errors if the treasury cannot
		/// receive the amount (e.g. below the asset's minimum balance; retry when more accrued).
		///
		/// Emits [`Event::ProtocolFeesTransferred`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer_protocol_fees())]
		pub fn transfer_protocol_fees(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			ensure_signed(origin)?;
			let amount = AccruedProtocolFees::<T>::get(&asset);
			ensure!(!amount.is_zero(), Error::<T>::NoProtocolFees);
			T::Assets::transfer(
				asset.clone(),
				&Self::pot_account(),
				&T::TreasuryAccount::get(),
				amount,
				Preservation::Preserve,
			)?;
			AccruedProtocolFees::<T>::remove(&asset);
			Self::deposit_event(Event::ProtocolFeesTransferred { asset, amount });
			Ok(())
		}

		/// Set the protocol fee taken from every operator's share of future submissions.
		///
		/// The origin must be root. Errors: [`Error::ProtocolFeeTooHigh`].
		///
		/// Emits [`Event::ProtocolFeeSet`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_protocol_fee())]
		pub fn set_protocol_fee(origin: OriginFor<T>, fee: Perbill) -> DispatchResult {
			ensure_root(origin)?;
			ensure!(fee <= T::MaxProtocolFee::get(), Error::<T>::ProtocolFeeTooHigh);
			ProtocolFee::<T>::put(fee);
			Self::deposit_event(Event::ProtocolFeeSet { fee });
			Ok(())
		}
	}
}
