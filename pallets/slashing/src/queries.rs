//! Read-only queries for the runtime API (`pallet-restaking-runtime-api`).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use pallet_avs_registry::types::AvsId;

impl<T: Config> Pallet<T> {
	/// Pending slash requests (not executed or vetoed yet) of `avs` and/or
	/// `operator` (`None`: any), by ascending id, with where each stands now. Read-only
	/// query for the runtime API: it scans [`PendingSlashes`], which holds only pending
	/// requests (at most `MaxPendingSlashesPerAvs` per AVS).
	pub fn pending_slashes_of(
		avs: Option<AvsId>,
		operator: Option<&T::AccountId>,
	) -> Vec<(SlashId, PendingSlashOf<T>, PendingSlashStatus)> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut slashes: Vec<_> = PendingSlashes::<T>::iter()
			.filter(|(_, slash)| avs.is_none_or(|avs| slash.avs == avs))
			.filter(|(_, slash)| operator.is_none_or(|operator| slash.operator == *operator))
			.map(|(slash_id, slash)| {
				let status = if now < slash.executable_at {
					PendingSlashStatus::VetoWindowOpen
				} else {
					PendingSlashStatus::Executable
				};
				(slash_id, slash, status)
			})
			.collect();
		slashes.sort_by_key(|(slash_id, _, _)| *slash_id);
		slashes
	}
}
