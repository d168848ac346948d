// The crate documentation (model, bounds, invariants, code map) is `docs.md` beside this
// file, rendered by rustdoc as the crate docs; this file holds the config, storage, events,
// errors and calls.

#![doc = include_str!("docs.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod pool;
pub mod reward;
pub mod traits;
pub mod types;
pub mod weights;

mod genesis;
mod impl_traits;
mod impls;
pub mod migrations;
mod queries;
mod slash;
#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
mod try_state;
mod withdrawal;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::restaking";

/// `MaxLiveBuckets` derived from `WithdrawalEpochs` (`E`): `E + 2`. A withdrawal queued at any
/// block lands in one of the next `E + 1` buckets of its vault (the delay spans at most `E`
/// bucket lengths, rounded up to a bucket end), so a pool has at most `E + 1` live buckets; one
/// more keeps the bound strict. Use it as `type MaxLiveBuckets = MaxLiveBucketsFor<Epochs>;` so
/// the two constants cannot drift apart (`integrity_test` checks the relation either way).
pub struct MaxLiveBucketsFor<E>(core::marker::PhantomData<E>);

impl<E: frame_support::traits::Get<u32>> frame_support::traits::Get<u32> for MaxLiveBucketsFor<E> {
	fn get() -> u32 {
		E::get().saturating_add(2)
	}
}

/// Helps the benchmarks to name assets of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// A collateral asset that exists and that `fungibles::Mutate::mint_into` can mint.
	fn collateral_asset() -> AssetKind;
	/// The `index`-th distinct reward asset (it need not exist: crediting moves no funds).
	fn reward_asset(index: u32) -> AssetKind;
	/// The `index`-th distinct asset that exists (created on first use) and that
	/// `fungibles::Mutate::mint_into` can mint, for benchmarks that pay rewards out; index 0
	/// may be the native token.
	fn mintable_asset(index: u32) -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible,
			fungibles::{self, Inspect as _, Mutate as _},
			tokens::{Fortitude, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::MultiplyRational;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, CheckedAdd, Saturating, Zero},
		ArithmeticError, FixedPointOperand, Perbill,
	};

	/// Balance type of the pallet.
	pub type BalanceOf<T> = <T as Config>::Balance;

	/// Storage version: 1 since pools' reward counters carry streams
	/// ([`crate::migrations::v1`]).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for creating a vault.
		VaultDeposit,
		/// Deposit for registering as an operator.
		OperatorRegistration,
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
			+ MaybeSerializeDeserialize
			+ Copy
			+ Default;

		/// Kind of collateral / reward asset (e.g. `NativeOrWithId<u32>`).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

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

		/// Native deposit held from an account that registers as an operator, for as long as
		/// its operator record exists (records are kept: pools and positions refer to them).
		/// It pays for the record, so that registrations cannot grow storage for free.
		#[pallet::constant]
		type OperatorDeposit: Get<Self::Balance>;

		/// Shortest withdrawal delay a vault can have. Must stay above the AVS registry's
		/// longest veto window plus the slashing pallet's `MaxIncidentAge` (the runtime's
		/// `pallet-time-parameters` enforces it). Vaults keep the delay they were created
		/// with when this changes.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
		type MinWithdrawalDelay: Get<BlockNumberFor<Self>>;

		/// Longest withdrawal delay a vault can have.
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
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
		///
		/// Not in the metadata's constants: a runtime may read it from storage (per chain spec),
		/// and metadata must not depend on state.
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

	/// Native deposit held for each operator record (only non-zero amounts are stored): what
	/// was held at registration, so that a later change of [`Config::OperatorDeposit`] does
	/// not change it.
	#[pallet::storage]
	pub type OperatorDeposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::Balance>;

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

	/// Number of pending slash requests that name pool (vault, operator); absent when none.
	/// Written only by the slashing pallet, through
	/// [`traits::RestakingSlash::lock_for_slash`] and
	/// [`traits::RestakingSlash::unlock_after_slash`]. While a pool is locked its shares are
	/// frozen (see `slash.rs`). At most the sum over AVSs of their pending-request bounds.
	#[pallet::storage]
	pub type PoolSlashLocks<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Slashed collateral of a vault that could not be paid to its destination (burned or sent
	/// to the beneficiary) when the slash was executed. It is no longer part of any pool and
	/// stays in the vault account until [`Pallet::pay_unpaid_slash`] succeeds. One entry per
	/// (vault, destination), created only by executed slashes: bounded by the destinations of
	/// the AVSs that slashed the vault (each AVS holds a registration deposit; the request
	/// deposits are released when their incidents are pruned, whether or not an entry is
	/// left).
	#[pallet::storage]
	pub type UnpaidSlashes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		SlashDestination<T::AccountId>,
		T::Balance,
		ValueQuery,
	>;

	/// Genesis configuration: vaults, operators and delegations that exist from block 0, made
	/// by the same code as [`Pallet::force_create_vault`], [`Pallet::register_operator`] and
	/// [`Pallet::deposit`] (so every deposit, hold and share is what those calls would have
	/// made). The genesis validators of a chain secured by its own restaked collateral are
	/// operators with real stake in these pools. A genesis entry that those calls would refuse
	/// fails the genesis build.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Vaults, ids `0..` in this order: `(owner, asset, deposit_cap, min_deposit,
		/// withdrawal_delay)`. No vault deposit is held (as [`Pallet::force_create_vault`]).
		pub vaults: alloc::vec::Vec<(
			T::AccountId,
			T::AssetKind,
			T::Balance,
			T::Balance,
			BlockNumberFor<T>,
		)>,
		/// Operators: `(account, commission)`, registered with empty metadata and their
		/// operator deposit held.
		pub operators: alloc::vec::Vec<(T::AccountId, Perbill)>,
		/// Delegations: `(staker, vault, operator, amount)`, deposited from the staker's
		/// balance (which the balances or assets genesis must provide).
		pub delegations: alloc::vec::Vec<(T::AccountId, VaultId, T::AccountId, T::Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.build_genesis();
		}
	}

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
		/// An operator registered; `deposit` of its native balance is held for the record.
		OperatorRegistered { operator: T::AccountId, commission: Perbill, deposit: T::Balance },
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
		/// The slashed collateral of pool slashes in `vault` could not be paid to `destination`
		/// (`reason`); `amount` is kept in the vault account as an unpaid slash
		/// ([`UnpaidSlashes`]) until [`Pallet::pay_unpaid_slash`] succeeds.
		SlashPayoutDeferred {
			vault: VaultId,
			destination: SlashDestination<T::AccountId>,
			amount: T::Balance,
			reason: DispatchError,
		},
		/// The unpaid slashes of `vault` to `destination`, `amount` in all, were paid.
		UnpaidSlashPaid {
			vault: VaultId,
			destination: SlashDestination<T::AccountId>,
			amount: T::Balance,
		},
		/// A slash request now names pool (`vault`, `operator`): `locks` requests are pending on
		/// it, and its shares are frozen until none is.
		PoolSlashLocked { vault: VaultId, operator: T::AccountId, locks: u32 },
		/// A pending slash request on pool (`vault`, `operator`) was resolved; `locks` remain
		/// (the pool's shares are free again at zero).
		PoolSlashUnlocked { vault: VaultId, operator: T::AccountId, locks: u32 },
		/// `amount` of `asset` was added to the reward stream of pool (`vault`, `operator`),
		/// which now releases what it holds of the asset to the pool's active shares by
		/// `ends_at` (the current block: credited at once).
		PoolRewarded {
			vault: VaultId,
			operator: T::AccountId,
			asset: T::AssetKind,
			amount: T::Balance,
			ends_at: BlockNumberFor<T>,
		},
		/// Pool (`vault`, `operator`) released `amounts` while it had no active shares; they
		/// were taken to be returned to the treasury.
		UndistributedTaken {
			vault: VaultId,
			operator: T::AccountId,
			amounts: BoundedVec<(T::AssetKind, T::Balance), T::MaxRewardAssets>,
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
		/// A slash request against the pool's operator is pending (it names this pool): until
		/// it is executed or vetoed nobody can join the pool, queue its shares or complete a
		/// withdrawal from a bucket it may still cut.
		PoolSlashPending,
		/// The vault has no unpaid slash for this destination.
		NoUnpaidSlash,
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
		/// `metadata`. Holds [`Config::OperatorDeposit`] of the caller's native balance for as
		/// long as the operator record exists.
		///
		/// Errors: [`Error::CommissionTooHigh`], [`Error::AlreadyOperator`], or the hold error
		/// if the deposit cannot be held.
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
			let deposit = T::OperatorDeposit::get();
			if !deposit.is_zero() {
				<T::NativeBalance as fungible::MutateHold<_>>::hold(
					&HoldReason::OperatorRegistration.into(),
					&operator,
					deposit,
				)?;
				OperatorDeposits::<T>::insert(&operator, deposit);
			}
			Operators::<T>::insert(
				&operator,
				OperatorInfo {
					commission,
					pending_commission: None,
					status: OperatorStatus::Active,
					metadata,
				},
			);
			Self::deposit_event(Event::OperatorRegistered { operator, commission, deposit });
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

		/// Retry paying the unpaid slashes of `vault` to `destination` (see
		/// [`UnpaidSlashes`]): burn them, or send them to the beneficiary. Any signed origin may
		/// call this; typically the beneficiary once its account can receive the asset. On
		/// failure nothing changes.
		///
		/// Errors: [`Error::VaultNotFound`], [`Error::NoUnpaidSlash`], and the error of the
		/// transfer or burn.
		///
		/// Emits [`Event::UnpaidSlashPaid`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::pay_unpaid_slash())]
		pub fn pay_unpaid_slash(
			origin: OriginFor<T>,
			vault: VaultId,
			destination: SlashDestination<T::AccountId>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_pay_unpaid_slash(vault, destination)
		}
	}
}
