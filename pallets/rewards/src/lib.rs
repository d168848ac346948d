//! # Rewards pallet
//!
//! AVS reward submissions split into a protocol fee, operator commission and a per-share pool
//! accumulator; claims by stakers and operators. Distribution never iterates over delegators.
//!
//! ## Model
//!
//! An AVS owner submits `amount` of one of the AVS's accepted reward assets for a period of
//! `duration` blocks starting at the submission's block ([`Pallet::submit_rewards`]). The
//! amount moves to the *reward pot* (the account of [`Config::PalletId`]) and is split at once
//! (EigenLayer's `RewardsCoordinator` and operator split, nomination pools' reward counter):
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
//!    `allocation × active stake`, through [`RestakingRewards::credit_pool_reward`](pallet_restaking::traits::RestakingRewards::credit_pool_reward).
//! 3. **Streamed to each pool.** A pool's part is not credited at once: the restaking pallet
//!    releases it to the pool's active shares at a constant rate until the period's end (a
//!    reward-rate accumulator in the manner of Synthetix `StakingRewards` on top of the
//!    per-share counter, O(reward assets) per pool touch, never per delegator). A staker earns
//!    in proportion to shares × blocks staked: one who is in for one block of a period of `d`
//!    blocks earns at most `1 / d` of the pool's part at its share of the pool, so a deposit
//!    placed just before a submission and withdrawn just after takes next to nothing
//!    ([`Config::MinRewardDuration`] bounds `d` below).
//! 4. **Dust.** All rounding remainders of the split, and the share of an operator that has
//!    no active allocated stake, accrue to the treasury. Nothing is ever rounded in the
//!    stakers' favour.
//!
//! The cost is O(operators × vaults), bounded by the AVS registry's `MaxOperatorsPerAvs ×
//! MaxVaultsPerAvs`, never per delegator.
//!
//! ### What happens during a period
//!
//! - **Overlapping submissions.** A pool keeps one stream per reward asset. A new part is
//!   merged with what the pool still streams of the asset: both are released together until
//!   the amount-weighted mean of their two ends (never later than the later end). Nothing is
//!   lost or released before the earlier end as a whole; a small submission barely moves a
//!   large stream's end, so no AVS can delay another's rewards cheaply.
//! - **A pool's stake drops to zero.** While a pool has no active shares its stream keeps
//!   running and what it releases is *undistributed*: anyone returns it to the treasury
//!   (accrued with the protocol fees) with [`Pallet::return_undistributed`]. Stakers who join
//!   later earn only what is released after they joined.
//! - **A slash.** Shares do not change, so the stream goes on at the same rate per share; the
//!   stakers lose collateral, not rewards.
//! - **Opt-out, removal or deallocation.** The pool's stream of a submission runs to the
//!   period's end: the AVS paid for the stake allocated at submission, and that stake stays
//!   slashable by the AVS for the whole period, because a period is at most the AVS's opt-out
//!   delay and the withdrawal delay of every vault it pays ([`Error::PeriodTooLong`]). A staker
//!   who queues a withdrawal stops earning at once (queued stake is not active) while it
//!   stays slashable.
//!
//! ### Reward assets
//!
//! Only the chain's *reward assets* ([`RewardAssets`]) can pay rewards, and only while
//! enabled; root maintains the list ([`Pallet::set_reward_asset`]), of at most
//! `MaxRewardAssets` assets for the chain's life (a disabled asset keeps its slot). So no party
//! can fill a pool's reward-asset list (it only ever holds reward assets) and the pot never
//! needs more consumer references than `MaxRewardAssets` (an `integrity_test` checks that the
//! runtime's `MaxConsumers` is larger).
//!
//! Stakers claim everything they earned in every pool with [`Pallet::claim_rewards`] (bounded
//! by the restaking pallet's `MaxStakerPools × MaxRewardAssets`) or one pool with
//! [`Pallet::claim_rewards_from`]; what is still streaming is reported by
//! [`Pallet::claimable_rewards`]. Operators claim their commission per asset with
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
//! [`Config::MaxProtocolFee`], [`Config::MinRewardDuration`].
//!
//! ## Storage
//!
//! [`ProtocolFee`], [`OperatorCommission`], [`AccruedProtocolFees`],
//! [`OutstandingStakerRewards`] (credited to pools, streaming or released, not claimed),
//! [`NextSubmissionId`], [`RewardAssets`].
//!
//! ## Calls
//!
//! [`Pallet::submit_rewards`] (AVS owner), [`Pallet::claim_rewards`],
//! [`Pallet::claim_rewards_from`] (stakers), [`Pallet::claim_commission`] (operators),
//! [`Pallet::transfer_protocol_fees`], [`Pallet::return_undistributed`] (anyone),
//! [`Pallet::set_protocol_fee`], [`Pallet::set_reward_asset`] (root).
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
//! `queries.rs` (runtime API); `try_state.rs`; [`migrations`] (v1: reward assets). The reward
//! counter and the streams are the restaking pallet's (`pallet_restaking::reward`);
//! cross-pallet tests are in `pallets/integration-tests`.
//! `benchmark_helpers` (with `runtime-benchmarks`): this pallet's benchmark helper on the real
//! restaking and AVS-registry pallets, for the runtime and the integration tests.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod types;
pub mod weights;

mod distribution;
mod impls;
pub mod migrations;
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
	/// Create a pool that streamed `assets` reward assets (submitted through this pallet)
	/// while all of its stakers left, with the streams ended. Returns (vault, operator).
	fn setup_undistributed(assets: u32) -> (pallet_restaking::types::VaultId, AccountId);
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
		traits::{AtLeast32BitUnsigned, MaybeSerializeDeserialize, Zero},
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

	/// Storage version: 1 since rewards are paid only in [`RewardAssets`]
	/// ([`crate::migrations::v1`]).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the rewards pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type of rewards (matches the restaking pallet's).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Copy + MaxEncodedLen + Default;

		/// Reward asset kind (native token or an asset of `pallet-assets`).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

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

		/// Shortest reward period, in blocks. A submission is released to each pool at a
		/// constant rate over its period, so a staker in for one block of a period of `d`
		/// blocks earns at most `1 / d` of the pool's part: this bounds what a deposit made
		/// just before a submission and withdrawn just after can take.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MinRewardDuration: Get<BlockNumberFor<Self>>;

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

	/// Credited to pools (still streaming, or released to their accumulators) and not yet
	/// claimed by stakers or returned to the treasury, per reward asset. (It can exceed what
	/// stakers can claim by the accumulators' rounding dust.)
	#[pallet::storage]
	pub type OutstandingStakerRewards<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, T::Balance, ValueQuery>;

	/// Id the next reward submission will get.
	#[pallet::storage]
	pub type NextSubmissionId<T: Config> = StorageValue<_, SubmissionId, ValueQuery>;

	/// The assets rewards may be paid in, kept by root ([`Pallet::set_reward_asset`]); at
	/// most `MaxRewardAssets` (the restaking pallet's bound on a pool's reward assets) ever
	/// hold a slot. A disabled asset keeps its slot (pools and positions still track it) but
	/// takes no new submission. So no pool's asset list can be filled by anyone, and the
	/// reward pot never needs more than `MaxRewardAssets` consumer references.
	#[pallet::storage]
	pub type RewardAssets<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AssetKind, RewardAssetStatus, OptionQuery>;

	/// Genesis configuration: the assets rewards may be paid in ([`RewardAssets`], enabled).
	/// Also gives the reward pot a provider reference so it can hold assets that are not
	/// sufficient.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Reward assets enabled at genesis (at most `MaxRewardAssets`, no duplicates).
		pub reward_assets: Vec<T::AssetKind>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pot = Pallet::<T>::pot_account();
			if frame_system::Pallet::<T>::providers(&pot) == 0 {
				frame_system::Pallet::<T>::inc_providers(&pot);
			}
			assert!(
				self.reward_assets.len() <= MaxRewardAssetsOf::<T>::get() as usize,
				"more genesis reward assets than MaxRewardAssets"
			);
			for asset in self.reward_assets.iter() {
				assert!(!RewardAssets::<T>::contains_key(asset), "duplicate genesis reward asset");
				RewardAssets::<T>::insert(asset, RewardAssetStatus::Enabled);
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
			/// The reward period: released to the pools from its start (the submission's
			/// block) until its end.
			period: RewardPeriod<BlockNumberFor<T>>,
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
		/// Root enabled or disabled a reward asset.
		RewardAssetSet {
			/// The asset.
			asset: T::AssetKind,
			/// Whether it takes new submissions.
			status: RewardAssetStatus,
		},
		/// What a pool released while it had no active shares was returned to the treasury
		/// (accrued with the protocol fees).
		UndistributedReturned {
			/// Vault of the pool.
			vault: VaultId,
			/// Operator of the pool.
			operator: T::AccountId,
			/// The reward asset.
			asset: T::AssetKind,
			/// The amount returned.
			amount: T::Balance,
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
		/// The asset is not one of the chain's enabled reward assets ([`RewardAssets`]).
		AssetNotApproved,
		/// The reward period is shorter than [`Config::MinRewardDuration`].
		PeriodTooShort,
		/// The reward period is longer than the stake it pays for stays slashable by the AVS
		/// after leaving: the AVS's opt-out delay, or the withdrawal delay of a vault it would
		/// pay.
		PeriodTooLong,
		/// [`RewardAssets`] already holds `MaxRewardAssets` assets.
		TooManyRewardAssets,
		/// The pool has nothing undistributed to return.
		NothingUndistributed,
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
			// The pot holds at most one consumer reference per reward asset.
			assert!(
				MaxRewardAssetsOf::<T>::get() <
					<<T as frame_system::Config>::MaxConsumers as frame_system::ConsumerLimits>::max_consumers(),
				"the reward pot must be able to hold every reward asset"
			);
			assert!(
				!T::MinRewardDuration::get().is_zero(),
				"MinRewardDuration must be at least one block"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submit `amount` of `asset` as rewards of `avs` for the `duration` blocks from now,
		/// split at once across the AVS's opted-in operators and streamed to their pools.
		///
		/// The origin must be the AVS's owner; it pays `amount` (plus, the first time the pot
		/// receives `asset`, the asset's minimum balance as the pot's endowment). `asset` must
		/// be an accepted reward asset of the AVS and an enabled reward asset of the chain
		/// ([`RewardAssets`]). Operators are weighted by `operator_weights` if given (each must
		/// be opted in, no duplicates), otherwise by their allocated active stake. Each pool's
		/// part is released to its active shares at a constant rate until `now + duration`
		/// (see the crate docs). `duration` is at least [`Config::MinRewardDuration`] and at
		/// most the AVS's opt-out delay and the withdrawal delay of every vault paid, so the
		/// stake paid for stays slashable by the AVS for the whole period.
		///
		/// Errors: [`Error::AvsNotFound`], [`Error::NotAvsOwner`], [`Error::ZeroAmount`],
		/// [`Error::AssetNotAccepted`], [`Error::AssetNotApproved`], [`Error::PeriodTooShort`],
		/// [`Error::PeriodTooLong`], [`Error::TooManyOperatorWeights`],
		/// [`Error::OperatorNotOptedIn`], [`Error::DuplicateOperator`],
		/// [`Error::NoRewardWeight`], [`Error::AmountOverflow`],
		/// [`Error::SubmissionIdOverflow`], [`Error::InsufficientFunds`].
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
			duration: BlockNumberFor<T>,
			operator_weights: Option<Vec<(T::AccountId, u32)>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_submit_rewards(who, avs, asset, amount, duration, operator_weights)
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

		/// Enable `asset` as a reward asset of the chain, or disable it (`enabled = false`:
		/// no new submissions; what was submitted streams and is claimed as before). A new
		/// asset takes one of the `MaxRewardAssets` slots for good.
		///
		/// The origin must be root. Errors: [`Error::TooManyRewardAssets`] (a new asset when
		/// every slot is taken).
		///
		/// Emits [`Event::RewardAssetSet`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_reward_asset())]
		pub fn set_reward_asset(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			enabled: bool,
		) -> DispatchResult {
			ensure_root(origin)?;
			ensure!(
				RewardAssets::<T>::contains_key(&asset) ||
					RewardAssets::<T>::count() < MaxRewardAssetsOf::<T>::get(),
				Error::<T>::TooManyRewardAssets
			);
			let status =
				if enabled { RewardAssetStatus::Enabled } else { RewardAssetStatus::Disabled };
			RewardAssets::<T>::insert(&asset, status);
			Self::deposit_event(Event::RewardAssetSet { asset, status });
			Ok(())
		}

		/// Return to the treasury what pool (`vault`, `operator`) released while it had no
		/// active shares (nobody earned it). Any signed origin.
		///
		/// Errors: [`Error::NothingUndistributed`].
		///
		/// Emits [`Event::UndistributedReturned`] per asset.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::return_undistributed(MaxRewardAssetsOf::<T>::get()))]
		pub fn return_undistributed(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let taken = T::Restaking::take_undistributed(vault, &operator);
			ensure!(!taken.is_empty(), Error::<T>::NothingUndistributed);
			let assets = taken.len() as u32;
			for (asset, amount) in taken {
				Self::return_to_treasury(&asset, amount);
				Self::deposit_event(Event::UndistributedReturned {
					vault,
					operator: operator.clone(),
					asset,
					amount,
				});
			}
			Ok(Some(T::WeightInfo::return_undistributed(assets)).into())
		}
	}
}
