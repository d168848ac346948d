//! Execution of a slash request whose veto window has ended (by `execute_slash` or by
//! `on_initialize`), cancellation when the operator is no longer slashable, and the removal of
//! a finished request from every index.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, traits::DefensiveSaturating};
use pallet_avs_registry::traits::AvsInspect;
use pallet_restaking::traits::RestakingSlash;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Execute (or cancel) a pending slash whose veto window has ended. Returns the number of
	/// pools slashed. On error nothing is expected to be kept by the caller (dispatch and
	/// `on_initialize` run it in a storage layer).
	pub(crate) fn do_execute(
		slash_id: SlashId,
		slash: PendingSlashOf<T>,
	) -> Result<u32, DispatchError> {
		if !T::Avs::is_slashable(slash.avs, &slash.operator) {
			Self::finish(slash_id, &slash, IncidentStatus::Cancelled);
			Self::deposit_event(Event::SlashCancelled {
				slash_id,
				reason: CancelReason::OperatorNoLongerSlashable,
			});
			return Ok(0);
		}
		let Some(params) = T::Avs::slashing_params(slash.avs) else {
			Self::finish(slash_id, &slash, IncidentStatus::Cancelled);
			Self::deposit_event(Event::SlashCancelled {
				slash_id,
				reason: CancelReason::AvsNotFound,
			});
			return Ok(0);
		};

		let mut pools = PoolSlashesOf::<T>::default();
		let mut total_slashed = T::Balance::zero();
		for (vault, allocation) in T::Avs::slashable_allocations(slash.avs, &slash.operator) {
			let pool_fraction = slash.fraction.saturating_mul(allocation);
			if pool_fraction.is_zero() {
				continue;
			}
			let amount = T::Restaking::slash_pool(
				vault,
				&slash.operator,
				pool_fraction,
				&params.destination,
			)?;
			total_slashed = total_slashed.saturating_add(amount);
			// Cannot fail: one entry per allocation, and allocations share the bound.
			if pools.try_push(PoolSlash { vault, fraction: pool_fraction, amount }).is_err() {
				frame_support::defensive!("more slashed pools than slashable allocations");
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

	/// Remove a pending request from every index and record the incident's outcome.
	pub(crate) fn finish(slash_id: SlashId, slash: &PendingSlashOf<T>, outcome: IncidentStatus) {
		PendingSlashes::<T>::remove(slash_id);
		Incidents::<T>::insert((slash.avs, &slash.operator, slash.incident), outcome);
		PendingSlashCount::<T>::mutate_exists(slash.avs, |count| {
			let remaining = count.unwrap_or_default().defensive_saturating_sub(1);
			*count = if remaining == 0 { None } else { Some(remaining) };
		});
		SlashesDueAt::<T>::mutate_exists(slash.executable_at, |maybe_due| {
			if let Some(due) = maybe_due {
				due.retain(|id| *id != slash_id);
				if due.is_empty() {
					*maybe_due = None;
				}
			}
		});
	}
}
