//! # Time parameters of the restaking ledger
//!
//! The safety windows of the four restaking pallets, set per chain spec at genesis and changed
//! by root only to values that keep slashing sound. One binary runs a development chain whose
//! whole lifecycle takes minutes and a production-like chain whose windows are days.
//!
//! ## Model
//!
//! [`Parameters`] holds one [`TimeParams`]: the veto-window bounds, the request latency
//! (`max_incident_age`), the withdrawal-delay and opt-out-delay bounds, the allocation delay,
//! the commission-increase delay, the AVS rule-change delay and the shortest reward period. The other pallets read them
//! through the `Get` adapters of [`getters`] (`type MinWithdrawalDelay =
//! getters::MinWithdrawalDelay<Runtime>` in the runtime), so their `Config` stays plain `Get`
//! types and their mocks keep constants.
//!
//! The relations that make slashing sound ([`TimeParams::check`]):
//!
//! ```text
//! max_veto_window + max_incident_age < min_withdrawal_delay <= min_opt_out_delay
//! min_reward_duration <= min_withdrawal_delay
//! ```
//!
//! Stake that is slashable when an incident occurs cannot have left its pool before the
//! incident is reported (at most `max_incident_age` later) and the request's veto window ends
//! (at most `max_veto_window` after that); an operator cannot leave an AVS sooner than its
//! stakers can leave the operator.
//!
//! Vaults and AVSs keep the delays they were configured with, so after root moves a bound the
//! objects made under the old bound still exist. [`WindowEnvelope`] records the widest windows
//! any of them may have (longest veto window, shortest withdrawal and opt-out delays ever in
//! force; it only moves outward), and a change must keep the relations against it as well
//! ([`TimeParams::change_to`]). `max_incident_age` may only be lowered: raising it would make
//! incidents whose records were already pruned reportable again.
//!
//! Nothing already queued is shortened by a change: every wait stores its end when it is
//! queued (withdrawal buckets mature at the vault's own delay, slash requests store
//! `executable_at`, opt-outs use their AVS's delay, allocation and commission increases store
//! `effective_at`, incident records `expires_at`).
//!
//! ## Why genesis-set storage and not `pallet-parameters`
//!
//! `pallet-parameters` stores each dynamic parameter on its own and its admin origin sees only
//! the key being set, not the value or the other parameters: it cannot refuse a value that
//! breaks a relation with another parameter, keep the envelope of existing objects, or refuse
//! raising one parameter. It also has no genesis config, so a chain spec could not choose the
//! windows. Here the parameters are one value, validated as a whole at genesis build, at every
//! change and by `try_state`.
//!
//! Each read by another pallet costs one storage read of [`Parameters`] (44 bytes with
//! `u32` block numbers); it is cached for the rest of the block.
//!
//! ## Calls
//!
//! [`Pallet::set_parameters`] ([`Config::AdminOrigin`], root in the runtime).
//!
//! ## Hooks
//!
//! `integrity_test`: [`Config::DefaultParameters`] keep the relations. `try_state`: the
//! parameters in force keep them, on their own and against the envelope, which covers them.
//!
//! ## Code map
//!
//! `types.rs`: [`TimeParams`], [`Envelope`] and the relations; `getters.rs`: the `Get`
//! adapters; `migrations.rs`: initialisation of a chain that upgrades to this pallet;
//! `benchmarking.rs`, `weights.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod getters;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::{Envelope, InvalidParams, TimeParams};
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage version: 1 is the first layout ([`Parameters`] and [`WindowEnvelope`]).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// The time parameters with this runtime's block number.
	pub type TimeParamsOf<T> = TimeParams<BlockNumberFor<T>>;
	/// The envelope with this runtime's block number.
	pub type EnvelopeOf<T> = Envelope<BlockNumberFor<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the time-parameters pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Parameters of a chain before genesis or a migration has stored any: what
		/// [`Parameters`] reads while empty, and the genesis config's default. Must keep the
		/// relations (checked by `integrity_test`).
		type DefaultParameters: Get<TimeParamsOf<Self>>;
		/// Origin that may change the parameters (root in the runtime).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The time parameters in force. Always keeps the relations of [`TimeParams::check`].
	#[pallet::storage]
	pub type Parameters<T: Config> =
		StorageValue<_, TimeParamsOf<T>, ValueQuery, T::DefaultParameters>;

	/// The widest windows any existing vault or AVS may have: the longest veto window and the
	/// shortest withdrawal and opt-out delays ever in force. Only moves outward.
	#[pallet::storage]
	pub type WindowEnvelope<T: Config> =
		StorageValue<_, EnvelopeOf<T>, ValueQuery, DefaultEnvelope<T>>;

	/// The envelope of a chain that has only had [`Config::DefaultParameters`].
	pub struct DefaultEnvelope<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<EnvelopeOf<T>> for DefaultEnvelope<T> {
		fn get() -> EnvelopeOf<T> {
			T::DefaultParameters::get().envelope()
		}
	}

	/// The time parameters of a new chain: its chain spec's choice.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The parameters in force from block 0; they must keep the relations of
		/// [`TimeParams::check`], or the genesis build fails.
		pub parameters: TimeParamsOf<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { parameters: T::DefaultParameters::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Err(reason) = self.parameters.check() {
				panic!("genesis time parameters break a relation: {reason:?}");
			}
			Parameters::<T>::put(self.parameters);
			WindowEnvelope::<T>::put(self.parameters.envelope());
		}
	}

	/// Events of the time-parameters pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The admin origin changed the time parameters; things already queued keep their
		/// ends.
		ParametersChanged {
			/// The parameters before the change.
			previous: TimeParamsOf<T>,
			/// The parameters now in force.
			parameters: TimeParamsOf<T>,
			/// The envelope of existing vaults and AVSs after the change.
			envelope: EnvelopeOf<T>,
		},
	}

	/// Errors of the time-parameters pallet. A refused change changes nothing.
	#[pallet::error]
	pub enum Error<T> {
		/// A minimum is above its maximum, or `min_veto_window`, `max_incident_age` or
		/// `min_reward_duration` is zero.
		InvalidBounds,
		/// `max_veto_window + max_incident_age` is not below `min_withdrawal_delay`: stake
		/// could leave its pool before a late-reported incident's veto window ends.
		SlashWindowNotBelowWithdrawalDelay,
		/// `min_opt_out_delay` is below `min_withdrawal_delay`: an operator could leave an AVS
		/// sooner than its stakers can leave the operator.
		OptOutDelayBelowWithdrawalDelay,
		/// `min_reward_duration` is above `min_withdrawal_delay`: no reward period could be
		/// paid to a vault with the shortest delay.
		RewardDurationAboveWithdrawalDelay,
		/// The change keeps the relations on its own but not for vaults or AVSs configured
		/// under earlier bounds ([`WindowEnvelope`]): for example a longer veto window than
		/// the shortest existing vault's withdrawal delay allows.
		BreaksExistingWindows,
		/// `max_incident_age` may only be lowered: raising it would let incidents whose
		/// records were already pruned be reported (and slashed) again.
		IncidentAgeRaised,
	}

	impl<T> From<InvalidParams> for Error<T> {
		fn from(reason: InvalidParams) -> Self {
			match reason {
				InvalidParams::BadBounds => Error::InvalidBounds,
				InvalidParams::SlashWindowNotBelowWithdrawalDelay =>
					Error::SlashWindowNotBelowWithdrawalDelay,
				InvalidParams::OptOutDelayBelowWithdrawalDelay =>
					Error::OptOutDelayBelowWithdrawalDelay,
				InvalidParams::RewardDurationAboveWithdrawalDelay =>
					Error::RewardDurationAboveWithdrawalDelay,
				InvalidParams::BreaksExistingWindows => Error::BreaksExistingWindows,
				InvalidParams::IncidentAgeRaised => Error::IncidentAgeRaised,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			if let Err(reason) = T::DefaultParameters::get().check() {
				panic!("DefaultParameters break a relation: {reason:?}");
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace the time parameters ([`Config::AdminOrigin`]).
		///
		/// `parameters` must keep the relations of [`TimeParams::check`] on their own and
		/// against [`WindowEnvelope`] (the windows of vaults and AVSs configured under earlier
		/// bounds), and must not raise `max_incident_age`. Vaults and AVSs keep the delays they
		/// have; new configurations are checked against the new bounds. Emits
		/// [`Event::ParametersChanged`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, parameters: TimeParamsOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let previous = Parameters::<T>::get();
			let envelope = previous
				.change_to(&WindowEnvelope::<T>::get(), &parameters)
				.map_err(Error::<T>::from)?;
			Parameters::<T>::put(parameters);
			WindowEnvelope::<T>::put(envelope);
			Self::deposit_event(Event::ParametersChanged { previous, parameters, envelope });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Check the pallet's invariants: the parameters in force keep the relations, the
		/// envelope covers them, and the relations hold against the envelope.
		#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let parameters = Parameters::<T>::get();
			let envelope = WindowEnvelope::<T>::get();
			ensure!(parameters.check().is_ok(), "the time parameters break a relation");
			ensure!(envelope.covers(&parameters), "the envelope does not cover the parameters");
			ensure!(
				parameters.change_to(&envelope, &parameters) == Ok(envelope),
				"the time parameters break a relation against existing vaults and AVSs"
			);
			Ok(())
		}
	}
}
