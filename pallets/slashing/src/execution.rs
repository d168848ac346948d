//! Execution of a slash request whose veto window has ended (by `execute_slash` or by
//! `on_initialize`), and the removal of a finished request from every index.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, traits::DefensiveSaturating};
use pallet_restaking::traits::RestakingSlash;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Execute a pending slash whose veto window has ended against the basis and destination
	/// it snapshotted. Returns the number of pools slashed. On error nothing is expected to be
	/// kept by the caller (dispatch and `on_initialize` run it in a storage layer).
	pub(crate) fn do_execute(
		slash_id: SlashId,
		slash: PendingSlashOf<T>,
	) -> Result<u32, DispatchError> {
		let mut pools = PoolSlashesOf::<T>::default();
		let mut total_slashed = T::Balance::zero();
		for pool in slash.pools.iter() {
			let amount = T::Restaking::slash_pool(
				pool.vault,
				&slash.operator,
				pool.fraction,
				slash.requested_at,
				&slash.destination,
			)?;
			total_slashed = total_slashed.saturating_add(amount);
			// Cannot fail: one entry per pool of the basis, and both share the bound.
			if pools
				.try_push(PoolSlash { vault: pool.vault, fraction: pool.fraction, amount })
				.is_err()
			{
				frame_support::defensive!("more slashed pools than pools in the basis");
			}
		}
		let pools_slashed = pools.len() as u32;
		Self::finish(slash_id, &slash, IncidentStatus::Executed);
		Self::deposit_event(Event::SlashExecuted {
			slash_id,
			avs: slash.avs,
			operator: slash.operator,
			fraction: slash.fraction,
			total_slashed,
			pools,
		});
		Ok(pools_slashed)
	}

	/// Remove a pending request from every index, unlock its pools and record the incident's
	/// outcome; a veto gives the fraction back to the budget.
	pub(crate) fn finish(slash_id: SlashId, slash: &PendingSlashOf<T>, outcome: IncidentStatus) {
		PendingSlashes::<T>::remove(slash_id);
		Incidents::<T>::mutate(
			(slash.avs, &slash.operator, slash.incident),
			|record| match record {
				Some(record) => record.status = outcome,
				None => {
					frame_support::defensive!("a pending request has an incident record");
				},
			},
		);
		PendingSlashCount::<T>::mutate_exists(slash.avs, |count| {
			let remaining = count.unwrap_or_default().defensive_saturating_sub(1);
			*count = if remaining == 0 { None } else { Some(remaining) };
		});
		SlashesDueAt::<T>::remove(slash.executable_at, slash_id);
		for pool in slash.pools.iter() {
			T::Restaking::unlock_after_slash(pool.vault, &slash.operator);
		}
		if outcome == IncidentStatus::Vetoed {
			SlashBudgets::<T>::mutate(slash.avs, &slash.operator, |budget| {
				if let Some(budget) = budget {
					budget.give_back(slash.fraction, slash.requested_at);
				}
			});
		}
	}
}
