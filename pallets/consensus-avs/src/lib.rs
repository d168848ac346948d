#![doc = include_str!("docs.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub mod weights;

mod election;
mod session;
pub use session::UnitIdentification;

/// The id of the consensus AVS: the first AVS of the registry, created at genesis.
pub const CONSENSUS_AVS: pallet_avs_registry::types::AvsId = 0;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration, PalletId};
	use frame_system::pallet_prelude::*;
	use pallet_avs_registry::traits::AvsInspect;
	use pallet_restaking::traits::RestakingInspect;
	use sp_runtime::traits::{AccountIdConversion, AtLeast32BitUnsigned};
	use sp_staking::SessionIndex;

	/// Balance type of the pallet (the restaking pallet's).
	pub type BalanceOf<T> = <T as Config>::Balance;

	/// The validators of one election with the stake each has allocated to the consensus AVS,
	/// by decreasing stake.
	pub type ElectedOf<T> = BoundedVec<
		(<T as frame_system::Config>::AccountId, BalanceOf<T>),
		<T as Config>::MaxValidators,
	>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the consensus AVS pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Amount type of collateral (the restaking pallet's).
		type Balance: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ MaxEncodedLen
			+ MaybeSerializeDeserialize
			+ Copy
			+ Default;

		/// Operators and their pools' stake.
		type Restaking: RestakingInspect<
			Self::AccountId,
			Balance = Self::Balance,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The AVS registry holding the consensus AVS: its opted-in operators and their
		/// allocations.
		type Avs: AvsInspect<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// Whether an account has session keys registered (pallet-session).
		type SessionKeys: ValidatorRegistration<Self::AccountId>;

		/// Largest validator set: the top `MaxValidators` candidates by stake are elected. At
		/// most the consensus engines' `MaxAuthorities`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Smallest validator set: an election with fewer eligible candidates keeps the
		/// current set (a chain must not hand itself to one or two operators because the
		/// others let their allocation lapse).
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Origin that sets the minimum validator stake (root on the runtime).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Id of the pallet's keyless account: the owner and slasher of the consensus AVS.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Weights of the calls and of the election.
		type WeightInfo: WeightInfo;
	}

	/// Smallest stake an operator must have allocated to the consensus AVS to be elected, in
	/// units of the native token (the consensus AVS accepts native vaults only).
	#[pallet::storage]
	pub type MinValidatorStake<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// BABE's epoch length in slots, which is also the session length: set by the chain spec
	/// at genesis and never changed (BABE cannot change it on a live chain).
	#[pallet::storage]
	pub type EpochLength<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The result of the latest election: the validators planned for session
	/// [`LastElection`] (they are active from the session after it is planned, as
	/// pallet-session queues a set one session ahead), with their stake.
	#[pallet::storage]
	pub type Elected<T: Config> = StorageValue<_, ElectedOf<T>, ValueQuery>;

	/// Index of the session the latest successful election planned.
	#[pallet::storage]
	pub type LastElection<T: Config> = StorageValue<_, SessionIndex, OptionQuery>;

	/// Genesis configuration: the session length and the minimum validator stake. The
	/// genesis validators are elected by the same rule as every later set, from the genesis
	/// operators of the restaking and AVS-registry genesis (pallet-session's genesis asks for
	/// them after those are built).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// BABE epoch (session) length in slots. Zero keeps the runtime's default (what the
		/// runtime's `EpochDuration` returns while [`EpochLength`] is unset).
		pub epoch_length: u64,
		/// See [`MinValidatorStake`].
		pub min_validator_stake: BalanceOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.epoch_length > 0 {
				EpochLength::<T>::put(self.epoch_length);
			}
			MinValidatorStake::<T>::put(self.min_validator_stake);
			// The pallet account owns the consensus AVS (its deposit is held there).
			let account = Pallet::<T>::account_id();
			if frame_system::Pallet::<T>::providers(&account) == 0 {
				frame_system::Pallet::<T>::inc_providers(&account);
			}
		}
	}

	/// Events of the consensus AVS pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The validators of `session` are elected: `validators` with their stake allocated
		/// to the consensus AVS, by decreasing stake. `candidates` operators were eligible.
		ValidatorsElected { session: SessionIndex, validators: ElectedOf<T>, candidates: u32 },
		/// Fewer than `MinValidators` operators were eligible (`candidates`) for `session`:
		/// the current validators stay.
		ElectionKeptCurrentSet { session: SessionIndex, candidates: u32 },
		/// The minimum validator stake is now `stake`.
		MinValidatorStakeSet { stake: BalanceOf<T> },
	}

	/// Errors of the consensus AVS pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The minimum validator stake is already this value.
		Unchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the minimum stake an operator must have allocated to the consensus AVS to be
		/// elected ([`Config::AdminOrigin`]). In force from the next election; validators below
		/// it leave the set then.
		///
		/// Errors: [`Error::Unchanged`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_min_validator_stake())]
		pub fn set_min_validator_stake(
			origin: OriginFor<T>,
			stake: BalanceOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(MinValidatorStake::<T>::get() != stake, Error::<T>::Unchanged);
			MinValidatorStake::<T>::put(stake);
			Self::deposit_event(Event::MinValidatorStakeSet { stake });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The pallet's keyless account: owner and slasher of the consensus AVS.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}
	}
}
