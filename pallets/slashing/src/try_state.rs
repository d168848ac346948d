//! The pallet's invariants, checked by `try_state`.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use pallet_avs_registry::types::AvsId;
use pallet_restaking::{traits::RestakingSlash, types::VaultId};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants:
	/// - every pending request has id < [`NextSlashId`], an incident record `Pending(id)`, an
	///   entry in the due queue at its `executable_at`, a non-empty basis without duplicate
	///   vaults, and holds a slash lock on each pool of its basis (the restaking pallet's lock
	///   count of a pool is the number of pending requests naming it);
	/// - every due-queue entry and every `Pending` incident points to a matching pending
	///   request;
	/// - [`PendingSlashCount`] equals the number of pending requests of each AVS, is never
	///   stored as zero and is within [`Config::MaxPendingSlashesPerAvs`];
	/// - every incident record's (AVS, operator) has a budget record counting exactly its
	///   incident records, and no budget record is left without one;
	/// - every depositor has at least the deposits of its incident records on hold.
	#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let next_id = NextSlashId::<T>::get();
		let mut per_avs: BTreeMap<AvsId, u32> = BTreeMap::new();
		let mut locks: BTreeMap<(VaultId, T::AccountId), u32> = BTreeMap::new();
		for (slash_id, slash) in PendingSlashes::<T>::iter() {
			ensure!(slash_id < next_id, "pending slash id not below NextSlashId");
			ensure!(
				Incidents::<T>::get((slash.avs, &slash.operator, slash.incident))
					.map(|record| record.status) ==
					Some(IncidentStatus::Pending(slash_id)),
				"pending slash without a matching Pending incident"
			);
			ensure!(
				SlashesDueAt::<T>::contains_key(slash.executable_at, slash_id),
				"pending slash not queued at executable_at"
			);
			ensure!(!slash.pools.is_empty(), "pending slash with an empty basis");
			for (index, pool) in slash.pools.iter().enumerate() {
				ensure!(!pool.fraction.is_zero(), "zero pool fraction in a basis");
				ensure!(
					slash.pools.iter().skip(index + 1).all(|other| other.vault != pool.vault),
					"duplicate vault in a basis"
				);
				let count = locks.entry((pool.vault, slash.operator.clone())).or_default();
				*count = count.saturating_add(1);
			}
			let count = per_avs.entry(slash.avs).or_default();
			*count = count.saturating_add(1);
		}
		for ((vault, operator), count) in locks {
			// The slashing pallet is the only one that locks: one lock per request and pool.
			ensure!(
				T::Restaking::pending_slashes(vault, &operator) == count,
				"a pool's slash locks differ from the pending requests naming it"
			);
		}
		for (executable_at, slash_id, ()) in SlashesDueAt::<T>::iter() {
			let slash = PendingSlashes::<T>::get(slash_id)
				.ok_or("due-queue entry without a pending slash")?;
			ensure!(slash.executable_at == executable_at, "slash queued at the wrong block");
		}
		let mut incidents_of: BTreeMap<(AvsId, T::AccountId), u32> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, T::Balance> = BTreeMap::new();
		for ((avs, operator, incident), record) in Incidents::<T>::iter() {
			if let IncidentStatus::Pending(slash_id) = record.status {
				let slash = PendingSlashes::<T>::get(slash_id)
					.ok_or("Pending incident without a pending slash")?;
				ensure!(
					slash.avs == avs && slash.operator == operator && slash.incident == incident,
					"Pending incident points to another request"
				);
			}
			if let Some(deposit) = record.deposit {
				let sum = held.entry(deposit.depositor).or_default();
				*sum = sum.saturating_add(deposit.amount);
			}
			let count = incidents_of.entry((avs, operator)).or_default();
			*count = count.saturating_add(1);
		}
		for (avs, operator, budget) in SlashBudgets::<T>::iter() {
			ensure!(
				incidents_of.remove(&(avs, operator)) == Some(budget.incidents),
				"budget record does not count its incident records"
			);
		}
		ensure!(incidents_of.is_empty(), "incident records without a budget record");
		for (depositor, amount) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::SlashRequest.into(), &depositor) >=
					amount,
				"slasher holds less than the deposits of its incident records"
			);
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
