//! Migrations of the AVS registry.

/// Version 0 to 1: every AVS's veto window within the `MaxVetoWindow` in force.
///
/// Runtimes before version 1 allowed veto windows that, with the slashing pallet's request
/// latency, could outlast the shortest withdrawal delay (`MaxVetoWindow` 8 blocks against 10,
/// with a day to report). The time parameters now keep `max_veto_window + max_incident_age <
/// min_withdrawal_delay` for every existing AVS, so this step shortens the veto window of each
/// AVS above the new bound to the bound. The opt-out delay stays above it (it was above the
/// longer window). Requests already pending keep the veto window they were made with (it is
/// stored in the request). One pass over [`Avss`](crate::Avss): an AVS costs a deposit, so
/// their number is small; weight is charged per AVS.
pub mod v1 {
	use crate::pallet::{Avss, Config, Pallet};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The unversioned step; use [`MigrateToV1`].
	pub struct ClampVetoWindows<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for ClampVetoWindows<T> {
		fn on_runtime_upgrade() -> Weight {
			let max = T::MaxVetoWindow::get();
			let (mut reads, mut writes) = (1u64, 0u64);
			Avss::<T>::translate_values::<crate::types::AvsInfo<T>, _>(|mut info| {
				reads += 1;
				if info.config.slashing.veto_window > max {
					log::info!(
						target: "runtime::avs-registry",
						"veto window {:?} shortened to {:?}",
						info.config.slashing.veto_window,
						max
					);
					info.config.slashing.veto_window = max;
				}
				writes += 1;
				Some(info)
			});
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((Avss::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state decodes")?;
			let max = T::MaxVetoWindow::get();
			let mut after = 0u64;
			for info in Avss::<T>::iter_values() {
				after += 1;
				frame_support::ensure!(
					info.config.slashing.veto_window <= max,
					"an AVS's veto window is above MaxVetoWindow"
				);
				frame_support::ensure!(
					info.config.opt_out_delay > info.config.slashing.veto_window,
					"an AVS's opt-out delay is not above its veto window"
				);
			}
			frame_support::ensure!(before == after, "the migration keeps every AVS");
			Ok(())
		}
	}

	/// Clamps the veto windows on a chain at storage version 0, then sets version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		ClampVetoWindows<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
