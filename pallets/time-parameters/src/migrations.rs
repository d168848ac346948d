//! Migrations of the time-parameters pallet.

/// Version 0 to 1: a chain that upgrades to a runtime with this pallet has no genesis for it;
/// store [`Config::DefaultParameters`](crate::Config::DefaultParameters) (the runtime sets
/// them to the windows its constants had before) and their envelope, so the values in force
/// are explicit and `set_parameters` starts from them.
pub mod v1 {
	use crate::pallet::{Config, Pallet, Parameters, WindowEnvelope};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The unversioned step; use [`MigrateToV1`].
	pub struct InitializeParameters<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InitializeParameters<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut writes = 0;
			if !Parameters::<T>::exists() {
				Parameters::<T>::put(T::DefaultParameters::get());
				writes += 1;
			}
			if !WindowEnvelope::<T>::exists() {
				WindowEnvelope::<T>::put(T::DefaultParameters::get().envelope());
				writes += 1;
			}
			T::DbWeight::get().reads_writes(2, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((Parameters::<T>::exists(), WindowEnvelope::<T>::exists()).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (had_parameters, had_envelope) =
				<(bool, bool)>::decode(&mut &state[..]).map_err(|_| "pre_upgrade state decodes")?;
			frame_support::ensure!(
				!had_parameters && !had_envelope,
				"a version-0 chain has no time parameters stored"
			);
			frame_support::ensure!(
				Parameters::<T>::exists() && WindowEnvelope::<T>::exists(),
				"the migration stores the parameters and the envelope"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Stores the default parameters and their envelope on a chain at storage version 0, then
	/// sets version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InitializeParameters<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
