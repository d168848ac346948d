//! The pallet's invariants, checked by `try_state`.

use crate::{pallet::*, types::*};
use frame_support::{ensure, traits::Get};
use pallet_avs_registry::types::AvsId;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants:
	/// - every pending request has id < [`NextSlashId`], an incident record `Pending(id)` and
	///   exactly one entry in the due queue at its `executable_at`;
	/// - every due-queue entry and every `Pending` incident points to a matching pending
	///   request;
	/// - [`PendingSlashCount`] equals the number of pending requests of each AVS, is never
	///   stored as zero and is within [`Config::MaxPendingSlashesPerAvs`].
	#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let next_id = NextSlashId::<T>::get();
		let mut per_avs: BTreeMap<AvsId, u32> = BTreeMap::new();
		for (slash_id, slash) in PendingSlashes::<T>::iter() {
			ensure!(slash_id < next_id, "pending slash id not below NextSlashId");
			ensure!(
				Incidents::<T>::get((slash.avs, &slash.operator, slash.incident)) ==
					Some(IncidentStatus::Pending(slash_id)),
				"pending slash without a matching Pending incident"
			);
			let queued = SlashesDueAt::<T>::get(slash.executable_at)
				.iter()
				.filter(|id| **id == slash_id)
				.count();
			ensure!(queued == 1, "pending slash not queued exactly once at executable_at");
			let count = per_avs.entry(slash.avs).or_default();
			*count = count.saturating_add(1);
		}
		for (executable_at, due) in SlashesDueAt::<T>::iter() {
			ensure!(!due.is_empty(), "empty due-queue entry kept in storage");
			for slash_id in due.iter() {
				let slash = PendingSlashes::<T>::get(slash_id)
					.ok_or("due-queue entry without a pending slash")?;
				ensure!(slash.executable_at == executable_at, "slash queued at the wrong block");
			}
		}
		for ((avs, operator, incident), status) in Incidents::<T>::iter() {
			if let IncidentStatus::Pending(slash_id) = status {
				let slash = PendingSlashes::<T>::get(slash_id)
					.ok_or("Pending incident without a pending slash")?;
				ensure!(
					slash.avs == avs && slash.operator == operator && slash.incident == incident,
					"Pending incident points to another request"
				);
			}
		}
		for (avs, count) in PendingSlashCount::<T>::iter() {
			ensure!(count > 0, "zero PendingSlashCount kept in storage");
			ensure!(
				count <= T::MaxPendingSlashesPerAvs::get(),
				"PendingSlashCount above MaxPendingSlashesPerAvs"
			);
			ensure!(
				per_avs.get(&avs).copied().unwrap_or_default() == count,
				"PendingSlashCount differs from the pending requests"
			);
		}
		ensure!(
			per_avs.keys().all(PendingSlashCount::<T>::contains_key),
			"AVS with pending requests but no PendingSlashCount"
		);
		Ok(())
	}
}
