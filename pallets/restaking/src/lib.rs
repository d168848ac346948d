//! # Restaking pallet
//!
//! The ledger of a restaking chain: vaults of collateral, operators, delegation pools with
//! share accounting and a withdrawal queue that stays slashable until it matures. The AVS
//! registry, slashing and rewards pallets use it through the traits of [`traits`].
//!
//! ## Model
//!
//! - **Vault** ([`VaultInfo`]): one collateral asset (`T::AssetKind`: the native token or an
//!   asset of pallet-assets), a deposit cap, a minimum deposit, a withdrawal delay
//!   (`MinWithdrawalDelay ..= MaxWithdrawalDelay`), an owner (curator) and a paused flag. The
//!   collateral sits in the vault's own account, `PalletId.into_sub_account_truncating(id)`.
//!   A signed [`Pallet::create_vault`] holds `VaultDeposit` of the creator's native balance;
//!   root creates vaults without a deposit with [`Pallet::force_create_vault`]. At creation the
//!   owner also puts the asset's minimum balance into the vault account (the *existential
//!   reserve*) and the pallet adds a provider reference to it: the account can therefore never
//!   be reaped, no payout can turn collateral into dust, and the reserve is not part of any
//!   pool.
//! - **Operator** ([`OperatorInfo`]): registers with a commission (≤ `MaxCommission`) and
//!   metadata. A commission *increase* takes effect `CommissionChangeDelay` blocks after it is
//!   set (applied lazily when read); a decrease takes effect at once, since it only favours
//!   stakers. An operator can pause (no new delegations) and resume, or leave: status
//!   `Leaving` is final, accepts no new delegations, and keeps existing stake (slashable)
//!   until its stakers withdraw. Operator records are kept (there is no operator bond).
//! - **Pool** ([`PoolInfo`]) of (vault, operator): `active_stake` backing `active_shares`, the
//!   list of live withdrawal buckets and a reward-per-share accumulator per reward asset.
//!   Stakers hold shares ([`Position`]). The first deposit into a pool without shares mints
//!   1:1; later deposits mint `amount * active_shares / active_stake` (rounded down). A pool
//!   whose active stake was slashed to zero while shares remain refuses deposits
//!   ([`Error::PoolSlashedToZero`]).
//! - **Withdrawal queue**: [`Pallet::queue_withdrawal`] turns shares into stake at the pool
//!   rate and moves it into the pool's withdrawal bucket
//!   `ceil((now + withdrawal_delay) / bucket_length)`; all withdrawals of a pool due in the
//!   same epoch share one bucket. Bucket `i` matures at block `i * bucket_length`, so the
//!   real delay is in `[withdrawal_delay, withdrawal_delay + bucket_length)`. Until it matures
//!   a bucket is *live*: slashes hit it like the active stake.
//!
//!   The bucket length is per vault: `max(1, ceil(withdrawal_delay / WithdrawalEpochs))`. A
//!   pool therefore never has more than `WithdrawalEpochs + 1` live buckets whatever the
//!   delay (which bounds the cost of a slash), a short delay stays exact (a 10-block delay
//!   with `WithdrawalEpochs = 24` has 1-block buckets) and a long one overshoots by less than
//!   `1 / WithdrawalEpochs` of itself (7 days + under 7 hours with 24 epochs). A single
//!   global bucket length would force either hour-long extra waits on short delays or
//!   thousands of live buckets per pool on a 7-day delay. [`Pallet::complete_withdrawal`]
//!   pays `shares * bucket.stake / bucket.shares` (the post-slash rate; the last shares get
//!   the remainder). [`Pallet::redelegate`] queues with a target operator: completion deposits
//!   the amount into (vault, target) instead of paying it out (if the target no longer
//!   accepts it, the amount is paid out and [`Event::RedelegationFailed`] says why). Queued
//!   stake earns no rewards.
//! - **Slashing** ([`traits::RestakingSlash::slash_pool`]): `fraction` of the active stake and
//!   of every live bucket leaves the vault account (burned or sent to an account). Cost is
//!   O(`MaxLiveBuckets`) per pool and independent of the number of delegators: share counts
//!   do not change, each share is simply worth less.
//! - **Rewards** ([`traits::RestakingRewards`]): a nomination-pools style reward counter.
//!   `credit_pool_reward` raises the pool's per-asset accumulator by `amount / active_shares`
//!   (rounded down). Before any change of a staker's shares the pallet settles
//!   `shares * (accumulator - debt)` (rounded down) into the position's unclaimed rewards;
//!   `take_pending_rewards` settles and drains them. All rounding favours the pool, so the
//!   reward pot (held by the rewards pallet) can never be short.
//!
//! ## Invariants (checked by `try_state`)
//!
//! 1. For every vault: `total_stake == Σ pools' active_stake + Σ buckets' stake` (matured but
//!    not completed buckets included), and the vault account holds at least
//!    `existential_reserve + total_stake` of the asset. Anyone can transfer extra tokens to
//!    the vault account, so `try_state` checks solvency (`>=`); the unit tests, where nobody
//!    does, check equality.
//! 2. Σ staker shares of a pool == `active_shares`; Σ pending-withdrawal shares of a bucket ==
//!    the bucket's shares.
//!
//! Plus structural checks: live buckets sorted and existing, the staker index matches the
//! positions, no empty bucket or position is stored, a pool without shares has no stake.
//!
//! ## Calls
//!
//! Operators: [`Pallet::register_operator`], [`Pallet::set_commission`],
//! [`Pallet::pause_operator`], [`Pallet::resume_operator`], [`Pallet::leave_operators`].
//! Vaults: [`Pallet::create_vault`], [`Pallet::force_create_vault`],
//! [`Pallet::set_vault_limits`], [`Pallet::pause_vault`], [`Pallet::resume_vault`].
//! Stakers: [`Pallet::deposit`], [`Pallet::queue_withdrawal`],
//! [`Pallet::complete_withdrawal`], [`Pallet::redelegate`].
//!
//! Every call checks its input before it changes anything and returns a specific [`Error`];
//! every change emits an [`Event`].
//!
//! ## Not (yet) supported
//!
//! Closing a vault (releasing its deposit and reserve) and changing a vault's withdrawal
//! delay or owner.

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

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::restaking";

/// Helps the benchmarks to name assets of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// A collateral asset that exists and that `fungibles::Mutate::mint_into` can mint.
	fn collateral_asset() -> AssetKind;
	/// The `index`-th distinct reward asset (it need not exist: crediting moves no funds).
	fn reward_asset(index: u32) -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible,
			fungibles::{self, Inspect as _, Mutate as _},
			tokens::{Fortitude, Precision, Preservation},
			DefensiveOption,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::{per_things::Rounding, MultiplyRational};
	use sp_runtime::{
		traits::{
			AccountIdConversion, AtLeast32BitUnsigned, CheckedAdd, EnsureSubAssign, One,
			Saturating, Zero,
		},
		ArithmeticError, FixedPointNumber, FixedPointOperand, FixedU128, Perbill,
	};

	/// Balance type of the pallet.
	pub type BalanceOf<T> = <T as Config>::Balance;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for creating a vault.
		VaultDeposit,
	}

	/// Configuration of the restaking pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Amount type of collateral and rewards (the same for every asset kind).
		type Balance: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ FixedPointOperand
			+ MultiplyRational
			+ MaxEncodedLen
			+ Copy
			+ Default;

		/// Kind of collateral / reward asset (e.g. `NativeOrWithId<u32>`).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// The collateral currency: moves collateral into and out of vault accounts and burns
		/// slashed collateral.
		type Assets: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetKind, Balance = Self::Balance>
			+ fungibles::Mutate<Self::AccountId>;

		/// The native currency, for the vault-creation deposit.
		type NativeBalance: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Self::Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Pallet id; vault accounts are its sub-accounts (by vault id).
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Native deposit held from the creator of a vault (signed creation only).
		#[pallet::constant]
		type VaultDeposit: Get<Self::Balance>;

		/// Shortest withdrawal delay a vault can have.
		#[pallet::constant]
		type MinWithdrawalDelay: Get<BlockNumberFor<Self>>;

		/// Longest withdrawal delay a vault can have.
		#[pallet::constant]
		type MaxWithdrawalDelay: Get<BlockNumberFor<Self>>;

		/// Number of withdrawal buckets (epochs) a vault's withdrawal delay is divided into: a
		/// vault's bucket length is `max(1, ceil(withdrawal_delay / WithdrawalEpochs))` blocks.
		/// Must not be zero.
		#[pallet::constant]
		type WithdrawalEpochs: Get<u32>;

		/// Most withdrawal buckets a pool can have live at once. Must be at least
		/// `WithdrawalEpochs + 2` (checked by `integrity_test`).
		#[pallet::constant]
		type MaxLiveBuckets: Get<u32>;

		/// Blocks after which a commission increase takes effect.
		#[pallet::constant]
		type CommissionChangeDelay: Get<BlockNumberFor<Self>>;

		/// Largest commission an operator may charge.
		#[pallet::constant]
		type MaxCommission: Get<Perbill>;

		/// Longest operator metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most pools one staker can hold a position in.
		#[pallet::constant]
		type MaxStakerPools: Get<u32>;

		/// Most queued withdrawals one staker can have.
		#[pallet::constant]
		type MaxPendingWithdrawals: Get<u32>;

		/// Most distinct reward assets per pool.
		#[pallet::constant]
		type MaxRewardAssets: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// Names assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
	}

	/// Id the next vault gets.
	#[pallet::storage]
	pub type NextVaultId<T: Config> = StorageValue<_, VaultId, ValueQuery>;

	/// Vaults by id.
	#[pallet::storage]
	pub type Vaults<T: Config> = StorageMap<_, Twox64Concat, VaultId, VaultInfo<T>>;

	/// Registered operators.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorInfo<T>>;

	/// Delegation pools by (vault, operator). A pool is created by its first deposit and kept.
	#[pallet::storage]
	pub type Pools<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, PoolInfo<T>>;

	/// Withdrawal buckets by (vault, operator, bucket index); removed when empty.
	#[pallet::storage]
	pub type WithdrawalBuckets<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, VaultId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, BucketIndex<T>>,
		),
		WithdrawalBucket<T>,
	>;

	/// Positions by (staker, (vault, operator)); removed when they hold no shares and no
	/// untaken rewards.
	#[pallet::storage]
	pub type Positions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		PoolKey<T>,
		Position<T>,
	>;

	/// Pools in which a staker has a position (index of [`Positions`], bounded).
	#[pallet::storage]
	pub type StakerPools<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PoolKey<T>, T::MaxStakerPools>,
		ValueQuery,
	>;

	/// Queued withdrawals of a staker, in the order they were queued.
	#[pallet::storage]
	pub type PendingWithdrawals<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PendingWithdrawal<T>, T::MaxPendingWithdrawals>,
		ValueQuery,
	>;

	/// Events of the restaking pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A vault was created.
		VaultCreated {
			vault: VaultId,
			owner: T::AccountId,
			asset: T::AssetKind,
			deposit_cap: T::Balance,
			min_deposit: T::Balance,
			withdrawal_delay: BlockNumberFor<T>,
			/// Native deposit held from the owner.
			deposit: T::Balance,
			/// Collateral the owner put into the vault account to keep it alive.
			existential_reserve: T::Balance,
		},
		/// A vault's deposit cap and minimum deposit changed.
		VaultLimitsSet { vault: VaultId, deposit_cap: T::Balance, min_deposit: T::Balance },
		/// A vault stopped accepting deposits.
		VaultPaused { vault: VaultId },
		/// A vault accepts deposits again.
		VaultResumed { vault: VaultId },
		/// An operator registered.
		OperatorRegistered { operator: T::AccountId, commission: Perbill },
		/// An operator's commission changed with immediate effect.
		CommissionChanged { operator: T::AccountId, commission: Perbill },
		/// An operator's commission increase takes effect at block `effective_at`.
		CommissionChangeScheduled {
			operator: T::AccountId,
			commission: Perbill,
			effective_at: BlockNumberFor<T>,
		},
		/// An operator stopped accepting new delegations.
		OperatorPaused { operator: T::AccountId },
		/// An operator accepts new delegations again.
		OperatorResumed { operator: T::AccountId },
		/// An operator left (final): no new delegations.
		OperatorLeaving { operator: T::AccountId },
		/// A staker deposited `amount` into pool (`vault`, `operator`) for `shares`.
		Deposited {
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			amount: T::Balance,
			shares: T::Balance,
		},
		/// A staker queued `shares` of pool (`vault`, `operator`), worth `stake`, into `bucket`,
		/// which matures at block `matures_at`.
		WithdrawalQueued {
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			shares: T::Balance,
			stake: T::Balance,
			bucket: BucketIndex<T>,
			matures_at: BlockNumberFor<T>,
			redelegate_to: Option<T::AccountId>,
		},
		/// Shares worth nothing (their pool was slashed to zero) were given up.
		WorthlessSharesBurned {
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			shares: T::Balance,
		},
		/// A queued withdrawal was paid out.
		WithdrawalCompleted {
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			amount: T::Balance,
		},
		/// A queued redelegation was completed: `amount` left pool (`vault`, `from`) and joined
		/// pool (`vault`, `to`) for `shares`.
		Redelegated {
			staker: T::AccountId,
			vault: VaultId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
			shares: T::Balance,
		},
		/// A matured redelegation could not join pool (`vault`, `to`) for `reason`; the amount
		/// was paid out instead (see the following `WithdrawalCompleted`).
		RedelegationFailed {
			staker: T::AccountId,
			vault: VaultId,
			to: T::AccountId,
			reason: DispatchError,
		},
		/// Pool (`vault`, `operator`) was slashed by `fraction`: `active` from the active stake
		/// and `withdrawing` from live buckets left the vault to `destination`.
		PoolSlashed {
			vault: VaultId,
			operator: T::AccountId,
			fraction: Perbill,
			active: T::Balance,
			withdrawing: T::Balance,
			destination: SlashDestination<T::AccountId>,
		},
		/// `amount` of `asset` was credited to the active shares of pool (`vault`, `operator`).
		PoolRewarded {
			vault: VaultId,
			operator: T::AccountId,
			asset: T::AssetKind,
			amount: T::Balance,
		},
		/// A staker's settled rewards of pool (`vault`, `operator`) were taken for payout.
		RewardsTaken {
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			rewards: BoundedVec<(T::AssetKind, T::Balance), T::MaxRewardAssets>,
		},
	}

	/// Errors of the restaking pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No vault has this id.
		VaultNotFound,
		/// Only the vault's owner (or root) can do this.
		NotVaultOwner,
		/// The vault is paused: it accepts no deposits.
		VaultPaused,
		/// The vault is not paused.
		VaultNotPaused,
		/// The withdrawal delay is below `MinWithdrawalDelay`.
		WithdrawalDelayTooShort,
		/// The withdrawal delay is above `MaxWithdrawalDelay`.
		WithdrawalDelayTooLong,
		/// The minimum deposit is above the deposit cap.
		MinDepositAboveCap,
		/// The collateral asset does not exist.
		AssetNotFound,
		/// No vault id is left.
		VaultIdOverflow,
		/// The account is already a registered operator.
		AlreadyOperator,
		/// The account is not a registered operator.
		NotOperator,
		/// The commission is above `MaxCommission`.
		CommissionTooHigh,
		/// The operator is paused or leaving: it accepts no new delegations.
		OperatorNotActive,
		/// The operator is not paused.
		OperatorNotPaused,
		/// The operator has already left.
		OperatorAlreadyLeaving,
		/// The amount (or number of shares) is zero.
		ZeroAmount,
		/// The deposit is below the vault's minimum deposit.
		BelowMinDeposit,
		/// The deposit would take the vault above its deposit cap.
		DepositCapExceeded,
		/// The pool's active stake was slashed to zero while it has shares: new deposits
		/// would be minted at a broken rate.
		PoolSlashedToZero,
		/// The deposit is too small to mint a single share.
		DepositTooSmall,
		/// The staker already has positions in `MaxStakerPools` pools.
		TooManyStakerPools,
		/// The staker has no position in this pool.
		NoPosition,
		/// The staker holds fewer shares of this pool.
		InsufficientShares,
		/// The staker already has `MaxPendingWithdrawals` queued withdrawals.
		TooManyPendingWithdrawals,
		/// This epoch's withdrawal bucket of the pool was slashed to zero; queue in a later
		/// epoch.
		BucketSlashedToZero,
		/// A redelegation must go to another operator.
		SameOperator,
		/// The staker has no queued withdrawal at this index.
		WithdrawalNotFound,
		/// The withdrawal's bucket has not matured yet.
		WithdrawalNotMatured,
		/// The pool (vault, operator) does not exist.
		PoolNotFound,
		/// The pool has no active shares to credit a reward to.
		NoActiveShares,
		/// The pool already tracks `MaxRewardAssets` reward assets.
		TooManyRewardAssets,
		/// The reward-per-share accumulator would overflow.
		RewardCounterOverflow,
		/// The pool has `MaxLiveBuckets` live buckets (cannot happen with a sound config).
		TooManyLiveBuckets,
		/// Stored accounting is inconsistent (a bug; reported defensively).
		InconsistentAccounting,
		/// The caller cannot spend `amount` of the vault's asset and keep its account alive.
		InsufficientCollateral,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::WithdrawalEpochs::get() > 0, "WithdrawalEpochs must not be zero");
			assert!(
				T::MinWithdrawalDelay::get() <= T::MaxWithdrawalDelay::get(),
				"MinWithdrawalDelay must not exceed MaxWithdrawalDelay"
			);
			assert!(
				T::MaxLiveBuckets::get() >= T::WithdrawalEpochs::get().saturating_add(2),
				"MaxLiveBuckets must be at least WithdrawalEpochs + 2"
			);
			assert!(T::MaxRewardAssets::get() > 0, "MaxRewardAssets must not be zero");
			assert!(
				Self::vault_account(0) != Self::vault_account(VaultId::MAX),
				"AccountId is too short to tell vault accounts apart"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as an operator charging `commission` on rewards, described by
		/// `metadata`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_operator())]
		pub fn register_operator(
			origin: OriginFor<T>,
			commission: Perbill,
			metadata: BoundedVec<u8, T::MaxMetadataLen>,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			ensure!(!Operators::<T>::contains_key(&operator), Error::<T>::AlreadyOperator);
			Operators::<T>::insert(
				&operator,
				OperatorInfo {
					commission,
					pending_commission: None,
					status: OperatorStatus::Active,
					metadata,
				},
			);
			Self::deposit_event(Event::OperatorRegistered { operator, commission });
			Ok(())
		}

		/// Change the caller's commission. A decrease (or no change) takes effect at once and
		/// cancels a scheduled increase; an increase takes effect `CommissionChangeDelay`
		/// blocks from now.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_commission())]
		pub fn set_commission(origin: OriginFor<T>, commission: Perbill) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			let now = Self::now();
			let current = info.commission_at(now);
			info.commission = current;
			info.pending_commission = None;
			if commission <= current {
				info.commission = commission;
				Operators::<T>::insert(&operator, info);
				Self::deposit_event(Event::CommissionChanged { operator, commission });
			} else {
				let effective_at = now.saturating_add(T::CommissionChangeDelay::get());
				info.pending_commission = Some((commission, effective_at));
				Operators::<T>::insert(&operator, info);
				Self::deposit_event(Event::CommissionChangeScheduled {
					operator,
					commission,
					effective_at,
				});
			}
			Ok(())
		}

		/// Stop accepting new delegations (existing stake is unaffected).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pause_operator())]
		pub fn pause_operator(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(info.status == OperatorStatus::Active, Error::<T>::OperatorNotActive);
			info.status = OperatorStatus::Paused;
			Operators::<T>::insert(&operator, info);
			Self::deposit_event(Event::OperatorPaused { operator });
			Ok(())
		}

		/// Accept new delegations again after [`Pallet::pause_operator`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::resume_operator())]
		pub fn resume_operator(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(info.status == OperatorStatus::Paused, Error::<T>::OperatorNotPaused);
			info.status = OperatorStatus::Active;
			Operators::<T>::insert(&operator, info);
			Self::deposit_event(Event::OperatorResumed { operator });
			Ok(())
		}

		/// Leave for good: no new delegations from now on. Existing stake stays (and stays
		/// slashable) until its stakers withdraw; the record is kept.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::leave_operators())]
		pub fn leave_operators(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(info.status != OperatorStatus::Leaving, Error::<T>::OperatorAlreadyLeaving);
			info.status = OperatorStatus::Leaving;
			Operators::<T>::insert(&operator, info);
			Self::deposit_event(Event::OperatorLeaving { operator });
			Ok(())
		}

		/// Create a vault of collateral `asset` owned by the caller. Holds `VaultDeposit` of
		/// the caller's native balance and moves the asset's minimum balance from the caller
		/// into the vault account (the existential reserve).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::create_vault())]
		pub fn create_vault(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			deposit_cap: T::Balance,
			min_deposit: T::Balance,
			withdrawal_delay: BlockNumberFor<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_create_vault(
				owner,
				asset,
				deposit_cap,
				min_deposit,
				withdrawal_delay,
				T::VaultDeposit::get(),
			)
		}

		/// Create a vault owned by `owner` without a deposit (root only). The existential
		/// reserve (the asset's minimum balance) still comes from `owner`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::force_create_vault())]
		pub fn force_create_vault(
			origin: OriginFor<T>,
			owner: T::AccountId,
			asset: T::AssetKind,
			deposit_cap: T::Balance,
			min_deposit: T::Balance,
			withdrawal_delay: BlockNumberFor<T>,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_create_vault(
				owner,
				asset,
				deposit_cap,
				min_deposit,
				withdrawal_delay,
				Zero::zero(),
			)
		}

		/// Set the deposit cap and the minimum deposit of `vault` (owner or root). A cap below
		/// the current stake only stops further deposits.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_vault_limits())]
		pub fn set_vault_limits(
			origin: OriginFor<T>,
			vault: VaultId,
			deposit_cap: T::Balance,
			min_deposit: T::Balance,
		) -> DispatchResult {
			let mut info = Self::vault_of_owner_or_root(origin, vault)?;
			ensure!(min_deposit <= deposit_cap, Error::<T>::MinDepositAboveCap);
			info.deposit_cap = deposit_cap;
			info.min_deposit = min_deposit;
			Vaults::<T>::insert(vault, info);
			Self::deposit_event(Event::VaultLimitsSet { vault, deposit_cap, min_deposit });
			Ok(())
		}

		/// Stop `vault` accepting deposits (owner or root). Withdrawals, slashes and rewards
		/// go on.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::pause_vault())]
		pub fn pause_vault(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let mut info = Self::vault_of_owner_or_root(origin, vault)?;
			ensure!(!info.paused, Error::<T>::VaultPaused);
			info.paused = true;
			Vaults::<T>::insert(vault, info);
			Self::deposit_event(Event::VaultPaused { vault });
			Ok(())
		}

		/// Let a paused `vault` accept deposits again (owner or root).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::resume_vault())]
		pub fn resume_vault(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let mut info = Self::vault_of_owner_or_root(origin, vault)?;
			ensure!(info.paused, Error::<T>::VaultNotPaused);
			info.paused = false;
			Vaults::<T>::insert(vault, info);
			Self::deposit_event(Event::VaultResumed { vault });
			Ok(())
		}

		/// Deposit `amount` of the vault's asset and delegate it to `operator`: the caller
		/// gets shares of pool (`vault`, `operator`). The caller's account is kept alive.
		/// A deposit into a position the caller already has is charged the lower
		/// `deposit_top_up` weight (the index of the staker's pools is not written).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
			amount: T::Balance,
		) -> DispatchResultWithPostInfo {
			let staker = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
			ensure!(!info.paused, Error::<T>::VaultPaused);
			ensure!(amount >= info.min_deposit, Error::<T>::BelowMinDeposit);
			let total_stake =
				info.total_stake.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			ensure!(total_stake <= info.deposit_cap, Error::<T>::DepositCapExceeded);
			let mut pool = Self::touched_pool(vault, &info, &operator);
			let shares = Self::prepare_join(&staker, vault, &operator, &pool, amount)?;
			ensure!(
				T::Assets::reducible_balance(
					info.asset.clone(),
					&staker,
					Preservation::Preserve,
					Fortitude::Polite,
				) >= amount,
				Error::<T>::InsufficientCollateral
			);

			T::Assets::transfer(
				info.asset.clone(),
				&staker,
				&Self::vault_account(vault),
				amount,
				Preservation::Preserve,
			)?;
			let opened = Self::join(&staker, vault, &operator, &mut pool, amount, shares)?;
			info.total_stake = total_stake;
			Vaults::<T>::insert(vault, info);
			Pools::<T>::insert(vault, &operator, pool);
			Self::deposit_event(Event::Deposited { staker, vault, operator, amount, shares });
			Ok((!opened).then(T::WeightInfo::deposit_top_up).into())
		}

		/// Queue `shares` of pool (`vault`, `operator`) for withdrawal (part or all of the
		/// position). Their stake moves into the pool's withdrawal bucket, where it earns no
		/// rewards and stays slashable until the bucket matures. Rewards are settled first.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::queue_withdrawal())]
		pub fn queue_withdrawal(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
			shares: T::Balance,
		) -> DispatchResult {
			let staker = ensure_signed(origin)?;
			Self::do_queue_withdrawal(staker, vault, operator, shares, None)
		}

		/// Complete the caller's queued withdrawal at `index` once its bucket has matured: pay
		/// out its share of the bucket, or, for a redelegation, deposit it into the target
		/// pool.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::complete_withdrawal().max(T::WeightInfo::complete_redelegation())
		)]
		pub fn complete_withdrawal(origin: OriginFor<T>, index: u32) -> DispatchResult {
			let staker = ensure_signed(origin)?;
			Self::do_complete_withdrawal(staker, index)
		}

		/// Move `shares` of pool (`vault`, `from_operator`) to `to_operator` through the
		/// withdrawal queue: the stake stays slashable in `from_operator`'s bucket for the
		/// withdrawal delay and joins (`vault`, `to_operator`) on completion.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::redelegate())]
		pub fn redelegate(
			origin: OriginFor<T>,
			vault: VaultId,
			from_operator: T::AccountId,
			to_operator: T::AccountId,
			shares: T::Balance,
		) -> DispatchResult {
			let staker = ensure_signed(origin)?;
			ensure!(from_operator != to_operator, Error::<T>::SameOperator);
			let target = Operators::<T>::get(&to_operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(target.status == OperatorStatus::Active, Error::<T>::OperatorNotActive);
			Self::do_queue_withdrawal(staker, vault, from_operator, shares, Some(to_operator))
		}
	}

	impl<T: Config> Pallet<T> {
		/// Account holding the collateral of `vault`.
		pub fn vault_account(vault: VaultId) -> T::AccountId {
			T::PalletId::get().into_sub_account_truncating(vault)
		}

		/// Current block number.
		pub(crate) fn now() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number()
		}

		/// Bucket length of a vault with withdrawal `delay`:
		/// `max(1, ceil(delay / WithdrawalEpochs))`.
		pub fn bucket_length_for(delay: BlockNumberFor<T>) -> BlockNumberFor<T> {
			let epochs: BlockNumberFor<T> = T::WithdrawalEpochs::get().max(1).into();
			let whole = delay / epochs;
			let length =
				if (delay % epochs).is_zero() { whole } else { whole.saturating_add(One::one()) };
			length.max(One::one())
		}

		/// The pool (`vault`, `operator`) with matured buckets pruned from its live list, or
		/// a new empty pool.
		fn touched_pool(
			vault: VaultId,
			info: &VaultInfo<T>,
			operator: &T::AccountId,
		) -> PoolInfo<T> {
			let mut pool = Pools::<T>::get(vault, operator).unwrap_or_default();
			Self::prune_matured(&mut pool, info, Self::now());
			pool
		}

		/// Drop buckets that have matured at `now` from the pool's live list.
		fn prune_matured(pool: &mut PoolInfo<T>, info: &VaultInfo<T>, now: BlockNumberFor<T>) {
			pool.live_buckets.retain(|bucket| now < info.maturity_of(*bucket));
		}

		/// Load `vault` and check that `origin` is root or the vault's owner.
		fn vault_of_owner_or_root(
			origin: OriginFor<T>,
			vault: VaultId,
		) -> Result<VaultInfo<T>, DispatchError> {
			let maybe_who = ensure_signed_or_root(origin)?;
			let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
			if let Some(who) = maybe_who {
				ensure!(who == info.owner, Error::<T>::NotVaultOwner);
			}
			Ok(info)
		}

		fn do_create_vault(
			owner: T::AccountId,
			asset: T::AssetKind,
			deposit_cap: T::Balance,
			min_deposit: T::Balance,
			withdrawal_delay: BlockNumberFor<T>,
			deposit: T::Balance,
		) -> DispatchResult {
			ensure!(
				withdrawal_delay >= T::MinWithdrawalDelay::get(),
				Error::<T>::WithdrawalDelayTooShort
			);
			ensure!(
				withdrawal_delay <= T::MaxWithdrawalDelay::get(),
				Error::<T>::WithdrawalDelayTooLong
			);
			ensure!(min_deposit <= deposit_cap, Error::<T>::MinDepositAboveCap);
			ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::AssetNotFound);
			let vault = NextVaultId::<T>::get();
			let next_vault = vault.checked_add(1).ok_or(Error::<T>::VaultIdOverflow)?;

			if !deposit.is_zero() {
				<T::NativeBalance as fungible::MutateHold<_>>::hold(
					&HoldReason::VaultDeposit.into(),
					&owner,
					deposit,
				)?;
			}
			let account = Self::vault_account(vault);
			// The provider lets the account hold non-sufficient assets and keeps it from being
			// reaped; it is never removed.
			frame_system::Pallet::<T>::inc_providers(&account);
			let existential_reserve = T::Assets::minimum_balance(asset.clone());
			if !existential_reserve.is_zero() {
				T::Assets::transfer(
					asset.clone(),
					&owner,
					&account,
					existential_reserve,
					Preservation::Preserve,
				)?;
			}

			Vaults::<T>::insert(
				vault,
				VaultInfo {
					asset: asset.clone(),
					owner: owner.clone(),
					deposit_cap,
					min_deposit,
					withdrawal_delay,
					bucket_length: Self::bucket_length_for(withdrawal_delay),
					paused: false,
					deposit,
					existential_reserve,
					total_stake: Zero::zero(),
				},
			);
			NextVaultId::<T>::put(next_vault);
			Self::deposit_event(Event::VaultCreated {
				vault,
				owner,
				asset,
				deposit_cap,
				min_deposit,
				withdrawal_delay,
				deposit,
				existential_reserve,
			});
			Ok(())
		}

		/// Shares that `amount` of stake buys in `pool` (rounded down, in favour of the pool).
		fn shares_for_stake(
			pool: &PoolInfo<T>,
			amount: T::Balance,
		) -> Result<T::Balance, DispatchError> {
			if pool.active_shares.is_zero() {
				// An empty pool mints 1:1 (it has no stake either: the last shares to leave
				// take all of it).
				return Ok(amount);
			}
			ensure!(!pool.active_stake.is_zero(), Error::<T>::PoolSlashedToZero);
			let shares = amount
				.multiply_rational(pool.active_shares, pool.active_stake, Rounding::Down)
				.ok_or(ArithmeticError::Overflow)?;
			ensure!(!shares.is_zero(), Error::<T>::DepositTooSmall);
			Ok(shares)
		}

		/// Check, without changing anything, that `staker` can add `amount` of stake to pool
		/// (`vault`, `operator`); returns the shares it buys.
		fn prepare_join(
			staker: &T::AccountId,
			vault: VaultId,
			operator: &T::AccountId,
			pool: &PoolInfo<T>,
			amount: T::Balance,
		) -> Result<T::Balance, DispatchError> {
			let info = Operators::<T>::get(operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(info.status == OperatorStatus::Active, Error::<T>::OperatorNotActive);
			let shares = Self::shares_for_stake(pool, amount)?;
			pool.active_shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
			pool.active_stake.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			if !Positions::<T>::contains_key(staker, (vault, operator)) {
				ensure!(
					StakerPools::<T>::decode_len(staker).unwrap_or(0) <
						T::MaxStakerPools::get() as usize,
					Error::<T>::TooManyStakerPools
				);
			}
			Ok(shares)
		}

		/// Add `amount` of stake and `shares` (from [`Self::prepare_join`]) to the staker's
		/// position and to `pool` (which the caller writes back). Returns whether this opened
		/// a new position (and so wrote [`StakerPools`]).
		fn join(
			staker: &T::AccountId,
			vault: VaultId,
			operator: &T::AccountId,
			pool: &mut PoolInfo<T>,
			amount: T::Balance,
			shares: T::Balance,
		) -> Result<bool, DispatchError> {
			let key = (vault, operator.clone());
			let existing = Positions::<T>::get(staker, &key);
			let opened = existing.is_none();
			let mut position = match existing {
				Some(position) => position,
				None => {
					StakerPools::<T>::try_mutate(staker, |pools| pools.try_push(key.clone()))
						.map_err(|_| Error::<T>::TooManyStakerPools)?;
					Position::default()
				},
			};
			Self::settle(pool, &mut position)?;
			position.shares =
				position.shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
			pool.active_shares =
				pool.active_shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
			pool.active_stake =
				pool.active_stake.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			Positions::<T>::insert(staker, &key, position);
			Ok(opened)
		}

		/// Move what `position` earned since its last settlement into its unclaimed rewards
		/// and reset its debts to the pool's accumulators. Must run before its shares change.
		fn settle(pool: &PoolInfo<T>, position: &mut Position<T>) -> DispatchResult {
			for (asset, counter) in pool.reward_per_share.iter() {
				let debt =
					position.reward_debts.iter_mut().find(|(debt_asset, _)| debt_asset == asset);
				let earned_per_share = match &debt {
					Some((_, debt)) => counter.saturating_sub(*debt),
					None => *counter,
				};
				// Rounded down: never more than the pool was credited.
				let earned = earned_per_share
					.checked_mul_int(position.shares)
					.ok_or(ArithmeticError::Overflow)?;
				match debt {
					Some((_, debt)) => *debt = *counter,
					None => position
						.reward_debts
						.try_push((asset.clone(), *counter))
						.map_err(|_| Error::<T>::TooManyRewardAssets)?,
				}
				if earned.is_zero() {
					continue;
				}
				match position
					.unclaimed
					.iter_mut()
					.find(|(unclaimed_asset, _)| unclaimed_asset == asset)
				{
					Some((_, amount)) => *amount = amount.saturating_add(earned),
					None => position
						.unclaimed
						.try_push((asset.clone(), earned))
						.map_err(|_| Error::<T>::TooManyRewardAssets)?,
				}
			}
			Ok(())
		}

		/// Write `position` back, or remove it (and its index entry) if it holds nothing.
		fn store_position(staker: &T::AccountId, key: &PoolKey<T>, position: Position<T>) {
			if position.is_empty() {
				Positions::<T>::remove(staker, key);
				StakerPools::<T>::mutate_exists(staker, |maybe_pools| {
					if let Some(pools) = maybe_pools {
						pools.retain(|pool| pool != key);
						if pools.is_empty() {
							*maybe_pools = None;
						}
					}
				});
			} else {
				Positions::<T>::insert(staker, key, position);
			}
		}

		fn do_queue_withdrawal(
			staker: T::AccountId,
			vault: VaultId,
			operator: T::AccountId,
			shares: T::Balance,
			redelegate_to: Option<T::AccountId>,
		) -> DispatchResult {
			ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
			let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
			let key = (vault, operator.clone());
			let mut position = Positions::<T>::get(&staker, &key).ok_or(Error::<T>::NoPosition)?;
			ensure!(position.shares >= shares, Error::<T>::InsufficientShares);
			let mut pool = Pools::<T>::get(vault, &operator)
				.defensive_ok_or(Error::<T>::InconsistentAccounting)?;
			let now = Self::now();
			Self::prune_matured(&mut pool, &info, now);

			// Stake of the shares at the pool rate, rounded down; the last shares take all.
			let stake = Self::value_of_shares(shares, pool.active_stake, pool.active_shares)
				.ok_or(ArithmeticError::Overflow)?;
			Self::settle(&pool, &mut position)?;
			position
				.shares
				.ensure_sub_assign(shares)
				.map_err(|_| Error::<T>::InsufficientShares)?;
			pool.active_shares
				.ensure_sub_assign(shares)
				.map_err(|_| Error::<T>::InconsistentAccounting)?;
			pool.active_stake
				.ensure_sub_assign(stake)
				.map_err(|_| Error::<T>::InconsistentAccounting)?;

			if stake.is_zero() {
				// Worth nothing (slashed away): give the shares up without a withdrawal entry,
				// so that the pool can become usable again.
				Pools::<T>::insert(vault, &operator, pool);
				Self::store_position(&staker, &key, position);
				Self::deposit_event(Event::WorthlessSharesBurned {
					staker,
					vault,
					operator,
					shares,
				});
				return Ok(());
			}

			let bucket = info.bucket_at(now).ok_or(ArithmeticError::Overflow)?;
			let bucket_key = (vault, operator.clone(), bucket);
			let mut bucket_info = WithdrawalBuckets::<T>::get(&bucket_key).unwrap_or_default();
			let bucket_shares = if bucket_info.shares.is_zero() {
				stake
			} else {
				ensure!(!bucket_info.stake.is_zero(), Error::<T>::BucketSlashedToZero);
				stake
					.multiply_rational(bucket_info.shares, bucket_info.stake, Rounding::Down)
					.ok_or(ArithmeticError::Overflow)?
			};
			bucket_info.stake =
				bucket_info.stake.checked_add(&stake).ok_or(ArithmeticError::Overflow)?;
			bucket_info.shares = bucket_info
				.shares
				.checked_add(&bucket_shares)
				.ok_or(ArithmeticError::Overflow)?;

			let mut pending = PendingWithdrawals::<T>::get(&staker);
			match pending.iter_mut().find(|withdrawal| {
				withdrawal.vault == vault &&
					withdrawal.operator == operator &&
					withdrawal.bucket == bucket &&
					withdrawal.redelegate_to == redelegate_to
			}) {
				Some(withdrawal) =>
					withdrawal.shares = withdrawal
						.shares
						.checked_add(&bucket_shares)
						.ok_or(ArithmeticError::Overflow)?,
				None => pending
					.try_push(PendingWithdrawal {
						vault,
						operator: operator.clone(),
						bucket,
						shares: bucket_shares,
						redelegate_to: redelegate_to.clone(),
					})
					.map_err(|_| Error::<T>::TooManyPendingWithdrawals)?,
			}

			let matures_at = info.maturity_of(bucket);
			if now < matures_at {
				if let Err(position) = pool.live_buckets.binary_search(&bucket) {
					pool.live_buckets
						.try_insert(position, bucket)
						.map_err(|_| Error::<T>::TooManyLiveBuckets)?;
				}
			}
			// The vault's total stake is unchanged: the stake only moved into a bucket.
			WithdrawalBuckets::<T>::insert(&bucket_key, bucket_info);
			PendingWithdrawals::<T>::insert(&staker, pending);
			Pools::<T>::insert(vault, &operator, pool);
			Self::store_position(&staker, &key, position);
			Self::deposit_event(Event::WithdrawalQueued {
				staker,
				vault,
				operator,
				shares,
				stake,
				bucket,
				matures_at,
				redelegate_to,
			});
			Ok(())
		}

		fn do_complete_withdrawal(staker: T::AccountId, index: u32) -> DispatchResult {
			let mut pending = PendingWithdrawals::<T>::get(&staker);
			let index = index as usize;
			let withdrawal = pending.get(index).cloned().ok_or(Error::<T>::WithdrawalNotFound)?;
			let vault = withdrawal.vault;
			let mut info = Vaults::<T>::get(vault).defensive_ok_or(Error::<T>::VaultNotFound)?;
			ensure!(
				Self::now() >= info.maturity_of(withdrawal.bucket),
				Error::<T>::WithdrawalNotMatured
			);
			let bucket_key = (vault, withdrawal.operator.clone(), withdrawal.bucket);
			let mut bucket = WithdrawalBuckets::<T>::get(&bucket_key)
				.defensive_ok_or(Error::<T>::InconsistentAccounting)?;
			// Post-slash rate, rounded down; the last shares take the remainder.
			let amount = Self::value_of_shares(withdrawal.shares, bucket.stake, bucket.shares)
				.ok_or(ArithmeticError::Overflow)?;
			bucket
				.stake
				.ensure_sub_assign(amount)
				.map_err(|_| Error::<T>::InconsistentAccounting)?;
			bucket
				.shares
				.ensure_sub_assign(withdrawal.shares)
				.map_err(|_| Error::<T>::InconsistentAccounting)?;
			pending.remove(index);

			// A redelegation joins the target pool if it still accepts it.
			let mut redelegated = None;
			if let Some(target) = withdrawal.redelegate_to.as_ref().filter(|_| !amount.is_zero()) {
				let pool = Self::touched_pool(vault, &info, target);
				match Self::prepare_join(&staker, vault, target, &pool, amount) {
					Ok(shares) => redelegated = Some((target.clone(), pool, shares)),
					Err(reason) => {
						Self::deposit_event(Event::RedelegationFailed {
							staker: staker.clone(),
							vault,
							to: target.clone(),
							reason,
						});
					},
				}
			}

			match redelegated {
				Some((target, mut pool, shares)) => {
					Self::join(&staker, vault, &target, &mut pool, amount, shares)?;
					Pools::<T>::insert(vault, &target, pool);
					Self::deposit_event(Event::Redelegated {
						staker: staker.clone(),
						vault,
						from: withdrawal.operator.clone(),
						to: target,
						amount,
						shares,
					});
				},
				None => {
					if !amount.is_zero() {
						T::Assets::transfer(
							info.asset.clone(),
							&Self::vault_account(vault),
							&staker,
							amount,
							Preservation::Preserve,
						)?;
					}
					info.total_stake
						.ensure_sub_assign(amount)
						.map_err(|_| Error::<T>::InconsistentAccounting)?;
					Vaults::<T>::insert(vault, info);
					Self::deposit_event(Event::WithdrawalCompleted {
						staker: staker.clone(),
						vault,
						operator: withdrawal.operator.clone(),
						amount,
					});
				},
			}

			if bucket.shares.is_zero() {
				WithdrawalBuckets::<T>::remove(&bucket_key);
			} else {
				WithdrawalBuckets::<T>::insert(&bucket_key, bucket);
			}
			if pending.is_empty() {
				PendingWithdrawals::<T>::remove(&staker);
			} else {
				PendingWithdrawals::<T>::insert(&staker, pending);
			}
			Ok(())
		}

		/// Stake of pool (`vault`, `operator`) at `now`: active and in live buckets.
		pub(crate) fn stake_of_pool(
			vault: VaultId,
			operator: &T::AccountId,
		) -> PoolStake<T::Balance> {
			let (Some(info), Some(pool)) =
				(Vaults::<T>::get(vault), Pools::<T>::get(vault, operator))
			else {
				return PoolStake::default();
			};
			let now = Self::now();
			let withdrawing = pool
				.live_buckets
				.iter()
				.filter(|bucket| now < info.maturity_of(**bucket))
				.filter_map(|bucket| {
					WithdrawalBuckets::<T>::get((vault, operator.clone(), *bucket))
				})
				.fold(T::Balance::zero(), |sum, bucket| sum.saturating_add(bucket.stake));
			PoolStake { active: pool.active_stake, withdrawing }
		}

		pub(crate) fn do_slash_pool(
			vault: VaultId,
			operator: &T::AccountId,
			fraction: Perbill,
			destination: &SlashDestination<T::AccountId>,
		) -> Result<T::Balance, DispatchError> {
			let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
			let Some(mut pool) = Pools::<T>::get(vault, operator) else {
				return Ok(Zero::zero());
			};
			Self::prune_matured(&mut pool, &info, Self::now());

			let active = fraction.mul_floor(pool.active_stake);
			let mut withdrawing = T::Balance::zero();
			let mut slashed_buckets = Vec::with_capacity(pool.live_buckets.len());
			for bucket in pool.live_buckets.iter() {
				let bucket_key = (vault, operator.clone(), *bucket);
				let Some(mut bucket_info) = WithdrawalBuckets::<T>::get(&bucket_key) else {
					continue;
				};
				let cut = fraction.mul_floor(bucket_info.stake);
				if cut.is_zero() {
					continue;
				}
				bucket_info.stake = bucket_info.stake.saturating_sub(cut);
				withdrawing = withdrawing.checked_add(&cut).ok_or(ArithmeticError::Overflow)?;
				slashed_buckets.push((bucket_key, bucket_info));
			}
			let total = active.checked_add(&withdrawing).ok_or(ArithmeticError::Overflow)?;
			info.total_stake
				.ensure_sub_assign(total)
				.map_err(|_| Error::<T>::InconsistentAccounting)?;

			if !total.is_zero() {
				// The collateral leaves first: if it cannot, nothing has changed.
				let account = Self::vault_account(vault);
				match destination {
					SlashDestination::Burn => {
						T::Assets::burn_from(
							info.asset.clone(),
							&account,
							total,
							Preservation::Preserve,
							Precision::Exact,
							Fortitude::Force,
						)?;
					},
					SlashDestination::Account(beneficiary) => {
						T::Assets::transfer(
							info.asset.clone(),
							&account,
							beneficiary,
							total,
							Preservation::Preserve,
						)?;
					},
				}
			}

			pool.active_stake = pool.active_stake.saturating_sub(active);
			for (bucket_key, bucket_info) in slashed_buckets {
				WithdrawalBuckets::<T>::insert(bucket_key, bucket_info);
			}
			Pools::<T>::insert(vault, operator, pool);
			if !total.is_zero() {
				Vaults::<T>::insert(vault, info);
			}
			Self::deposit_event(Event::PoolSlashed {
				vault,
				operator: operator.clone(),
				fraction,
				active,
				withdrawing,
				destination: destination.clone(),
			});
			Ok(total)
		}

		pub(crate) fn do_credit_pool_reward(
			vault: VaultId,
			operator: &T::AccountId,
			asset: T::AssetKind,
			amount: T::Balance,
		) -> DispatchResult {
			if amount.is_zero() {
				return Ok(());
			}
			let mut pool = Pools::<T>::get(vault, operator).ok_or(Error::<T>::PoolNotFound)?;
			ensure!(!pool.active_shares.is_zero(), Error::<T>::NoActiveShares);
			// Rounded down: the pool is never credited more than `amount`.
			let per_share = FixedU128::checked_from_rational(amount, pool.active_shares)
				.ok_or(Error::<T>::RewardCounterOverflow)?;
			match pool
				.reward_per_share
				.iter_mut()
				.find(|(counter_asset, _)| *counter_asset == asset)
			{
				Some((_, counter)) =>
					*counter =
						counter.checked_add(&per_share).ok_or(Error::<T>::RewardCounterOverflow)?,
				None => pool
					.reward_per_share
					.try_push((asset.clone(), per_share))
					.map_err(|_| Error::<T>::TooManyRewardAssets)?,
			}
			Pools::<T>::insert(vault, operator, pool);
			Self::deposit_event(Event::PoolRewarded {
				vault,
				operator: operator.clone(),
				asset,
				amount,
			});
			Ok(())
		}

		/// Settled rewards of `position` in `pool`, without changing storage.
		pub(crate) fn settled(
			pool: &PoolInfo<T>,
			mut position: Position<T>,
		) -> Result<Position<T>, DispatchError> {
			Self::settle(pool, &mut position)?;
			Ok(position)
		}

		pub(crate) fn do_take_pending_rewards(
			staker: &T::AccountId,
			vault: VaultId,
			operator: &T::AccountId,
		) -> Result<BoundedVec<(T::AssetKind, T::Balance), T::MaxRewardAssets>, DispatchError> {
			let key = (vault, operator.clone());
			let position = Positions::<T>::get(staker, &key).ok_or(Error::<T>::NoPosition)?;
			let pool = Pools::<T>::get(vault, operator)
				.defensive_ok_or(Error::<T>::InconsistentAccounting)?;
			let mut position = Self::settled(&pool, position)?;
			let mut rewards = core::mem::take(&mut position.unclaimed);
			rewards.retain(|(_, amount)| !amount.is_zero());
			Self::store_position(staker, &key, position);
			if !rewards.is_empty() {
				Self::deposit_event(Event::RewardsTaken {
					staker: staker.clone(),
					vault,
					operator: operator.clone(),
					rewards: rewards.clone(),
				});
			}
			Ok(rewards)
		}

		/// Check the invariants of the pallet (see the crate docs).
		#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use sp_runtime::TryRuntimeError;

			// Invariant 1: vault accounting and solvency.
			for (vault, info) in Vaults::<T>::iter() {
				let mut accounted = T::Balance::zero();
				for (_, pool) in Pools::<T>::iter_prefix(vault) {
					accounted = accounted.saturating_add(pool.active_stake);
				}
				for (_, bucket) in WithdrawalBuckets::<T>::iter_prefix((vault,)) {
					accounted = accounted.saturating_add(bucket.stake);
				}
				ensure!(
					accounted == info.total_stake,
					TryRuntimeError::Other("vault total_stake != Σ pools + Σ buckets")
				);
				let balance = T::Assets::balance(info.asset.clone(), &Self::vault_account(vault));
				ensure!(
					balance >= info.existential_reserve.saturating_add(info.total_stake),
					TryRuntimeError::Other("vault account holds less than its reserve + stake")
				);
				ensure!(
					vault < NextVaultId::<T>::get(),
					TryRuntimeError::Other("vault id >= next id")
				);
			}

			// Invariant 2: Σ position shares == pool active shares.
			let mut position_shares: BTreeMap<(VaultId, T::AccountId), T::Balance> =
				BTreeMap::new();
			for (staker, key, position) in Positions::<T>::iter() {
				ensure!(!position.is_empty(), TryRuntimeError::Other("empty position stored"));
				ensure!(
					StakerPools::<T>::get(&staker).contains(&key),
					TryRuntimeError::Other("position missing from StakerPools")
				);
				let sum = position_shares.entry(key).or_default();
				*sum = sum.saturating_add(position.shares);
			}
			for (staker, pools) in StakerPools::<T>::iter() {
				ensure!(!pools.is_empty(), TryRuntimeError::Other("empty StakerPools entry"));
				for key in pools.iter() {
					ensure!(
						Positions::<T>::contains_key(&staker, key),
						TryRuntimeError::Other("StakerPools entry without position")
					);
				}
			}
			for (vault, operator, pool) in Pools::<T>::iter() {
				let info =
					Vaults::<T>::get(vault).ok_or(TryRuntimeError::Other("pool of no vault"))?;
				let shares = position_shares.remove(&(vault, operator.clone())).unwrap_or_default();
				ensure!(
					shares == pool.active_shares,
					TryRuntimeError::Other("Σ position shares != pool active shares")
				);
				ensure!(
					!pool.active_shares.is_zero() || pool.active_stake.is_zero(),
					TryRuntimeError::Other("pool has stake but no shares")
				);
				ensure!(
					pool.live_buckets.windows(2).all(|pair| pair[0] < pair[1]),
					TryRuntimeError::Other("live buckets not strictly ascending")
				);
				// Matured entries may linger until the pool is touched; their buckets may be
				// completed and gone. Unmatured ones hold queued shares.
				let now = Self::now();
				for bucket in pool.live_buckets.iter() {
					ensure!(
						now >= info.maturity_of(*bucket) ||
							WithdrawalBuckets::<T>::contains_key((
								vault,
								operator.clone(),
								*bucket
							)),
						TryRuntimeError::Other("unmatured live bucket not stored")
					);
				}
			}
			ensure!(
				position_shares.values().all(|shares| shares.is_zero()),
				TryRuntimeError::Other("positions in a pool that does not exist")
			);

			// Invariant 2: Σ pending-withdrawal shares of a bucket == bucket shares.
			let mut pending_shares: BTreeMap<(VaultId, T::AccountId, BucketIndex<T>), T::Balance> =
				BTreeMap::new();
			for (_, pending) in PendingWithdrawals::<T>::iter() {
				ensure!(!pending.is_empty(), TryRuntimeError::Other("empty pending list stored"));
				for withdrawal in pending.iter() {
					let sum = pending_shares
						.entry((withdrawal.vault, withdrawal.operator.clone(), withdrawal.bucket))
						.or_default();
					*sum = sum.saturating_add(withdrawal.shares);
				}
			}
			for (bucket_key, bucket) in WithdrawalBuckets::<T>::iter() {
				ensure!(!bucket.shares.is_zero(), TryRuntimeError::Other("empty bucket stored"));
				let shares = pending_shares.remove(&bucket_key).unwrap_or_default();
				ensure!(
					shares == bucket.shares,
					TryRuntimeError::Other("Σ pending shares != bucket shares")
				);
			}
			ensure!(
				pending_shares.values().all(|shares| shares.is_zero()),
				TryRuntimeError::Other("pending withdrawals of a bucket that does not exist")
			);
			Ok(())
		}
	}
}

use sp_runtime::traits::Zero;

impl<T: Config> traits::RestakingInspect<T::AccountId> for Pallet<T> {
	type Balance = T::Balance;
	type AssetKind = T::AssetKind;
	type BlockNumber = frame_system::pallet_prelude::BlockNumberFor<T>;

	fn vault_asset(vault: VaultId) -> Option<Self::AssetKind> {
		Vaults::<T>::get(vault).map(|info| info.asset)
	}

	fn vault_is_active(vault: VaultId) -> bool {
		Vaults::<T>::get(vault).is_some_and(|info| !info.paused)
	}

	fn vault_withdrawal_delay(vault: VaultId) -> Option<Self::BlockNumber> {
		Vaults::<T>::get(vault).map(|info| info.withdrawal_delay)
	}

	fn is_operator(who: &T::AccountId) -> bool {
		Operators::<T>::contains_key(who)
	}

	fn is_active_operator(who: &T::AccountId) -> bool {
		Operators::<T>::get(who).is_some_and(|info| info.status == OperatorStatus::Active)
	}

	fn operator_commission(operator: &T::AccountId) -> Option<sp_runtime::Perbill> {
		Operators::<T>::get(operator).map(|info| info.commission_at(Self::now()))
	}

	fn pool_stake(vault: VaultId, operator: &T::AccountId) -> PoolStake<Self::Balance> {
		Self::stake_of_pool(vault, operator)
	}
}

impl<T: Config> traits::RestakingSlash<T::AccountId> for Pallet<T> {
	fn slash_pool(
		vault: VaultId,
		operator: &T::AccountId,
		fraction: sp_runtime::Perbill,
		destination: &SlashDestination<T::AccountId>,
	) -> Result<Self::Balance, sp_runtime::DispatchError> {
		Self::do_slash_pool(vault, operator, fraction, destination)
	}
}

impl<T: Config> traits::RestakingRewards<T::AccountId> for Pallet<T> {
	type MaxRewardAssets = T::MaxRewardAssets;
	type MaxStakerPools = T::MaxStakerPools;

	fn staker_pools(
		staker: &T::AccountId,
	) -> frame_support::BoundedVec<(VaultId, T::AccountId), Self::MaxStakerPools> {
		StakerPools::<T>::get(staker)
	}

	fn credit_pool_reward(
		vault: VaultId,
		operator: &T::AccountId,
		asset: Self::AssetKind,
		amount: Self::Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		Self::do_credit_pool_reward(vault, operator, asset, amount)
	}

	fn take_pending_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> Result<
		frame_support::BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets>,
		sp_runtime::DispatchError,
	> {
		Self::do_take_pending_rewards(staker, vault, operator)
	}

	fn pending_rewards(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
	) -> frame_support::BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets> {
		let (Some(position), Some(pool)) = (
			Positions::<T>::get(staker, (vault, operator.clone())),
			Pools::<T>::get(vault, operator),
		) else {
			return Default::default();
		};
		match Self::settled(&pool, position) {
			Ok(mut position) => {
				position.unclaimed.retain(|(_, amount)| !amount.is_zero());
				position.unclaimed
			},
			Err(_) => Default::default(),
		}
	}
}

/// Read-only queries, for the runtime API (`pallet-restaking-runtime-api`). They change no
/// storage and read only what the queried account indexes (bounded by `MaxStakerPools` and
/// `MaxPendingWithdrawals`), except [`Pallet::operator_pool_stakes`] (one read per vault).
impl<T: Config> Pallet<T> {
	/// Status and commission in force of `operator`, `None` if it is not registered.
	pub fn operator_state(
		operator: &T::AccountId,
	) -> Option<(OperatorStatus, sp_runtime::Perbill)> {
		Operators::<T>::get(operator).map(|info| (info.status, info.commission_at(Self::now())))
	}

	/// Every pool of `operator`, by ascending vault id, with its active stake and unmatured
	/// withdrawals. The ledger keeps no operator → vault index, so this reads one pool key per
	/// vault (`NextVaultId` reads; vaults are never removed and cost a deposit to create).
	pub fn operator_pool_stakes(operator: &T::AccountId) -> alloc::vec::Vec<OperatorPoolStake<T>> {
		(0..NextVaultId::<T>::get())
			.filter(|vault| Pools::<T>::contains_key(vault, operator))
			.filter_map(|vault| {
				let asset = Vaults::<T>::get(vault)?.asset;
				Some(OperatorPoolStake {
					vault,
					asset,
					stake: Self::stake_of_pool(vault, operator),
				})
			})
			.collect()
	}

	/// Positions of `staker` with the current value of their shares, in the order of
	/// [`StakerPools`].
	pub fn staker_position_values(staker: &T::AccountId) -> alloc::vec::Vec<PositionValue<T>> {
		StakerPools::<T>::get(staker)
			.into_iter()
			.filter_map(|(vault, operator)| {
				let position = Positions::<T>::get(staker, (vault, operator.clone()))?;
				let pool = Pools::<T>::get(vault, &operator).unwrap_or_default();
				let asset = Vaults::<T>::get(vault)?.asset;
				let stake =
					Self::value_of_shares(position.shares, pool.active_stake, pool.active_shares)
						.unwrap_or_default();
				Some(PositionValue { vault, operator, asset, shares: position.shares, stake })
			})
			.collect()
	}

	/// Queued withdrawals of `staker` with what completing each would pay now (the bucket's
	/// post-slash rate), by queue index.
	pub fn pending_withdrawal_values(
		staker: &T::AccountId,
	) -> alloc::vec::Vec<PendingWithdrawalValue<T>> {
		PendingWithdrawals::<T>::get(staker)
			.into_iter()
			.enumerate()
			.filter_map(|(index, withdrawal)| {
				let info = Vaults::<T>::get(withdrawal.vault)?;
				let value = WithdrawalBuckets::<T>::get((
					withdrawal.vault,
					withdrawal.operator.clone(),
					withdrawal.bucket,
				))
				.and_then(|bucket| {
					Self::value_of_shares(withdrawal.shares, bucket.stake, bucket.shares)
				})
				.unwrap_or_default();
				Some(PendingWithdrawalValue {
					index: u32::try_from(index).ok()?,
					vault: withdrawal.vault,
					operator: withdrawal.operator,
					asset: info.asset.clone(),
					shares: withdrawal.shares,
					value,
					matures_at: info.maturity_of(withdrawal.bucket),
					redelegate_to: withdrawal.redelegate_to,
				})
			})
			.collect()
	}

	/// Stake of `shares` out of `total_shares` backed by `total_stake`, rounded down; all the
	/// shares take all the stake, so the last to leave get the remainder. `None` if the
	/// division is by zero shares or the product overflows.
	fn value_of_shares(
		shares: T::Balance,
		total_stake: T::Balance,
		total_shares: T::Balance,
	) -> Option<T::Balance> {
		use sp_arithmetic::{per_things::Rounding, MultiplyRational};
		if shares == total_shares {
			return Some(total_stake);
		}
		shares.multiply_rational(total_stake, total_shares, Rounding::Down)
	}
}
