//! Pruning the record of an incident that can no longer be reported, with its deposit and,
//! for the last record of an (AVS, operator), the budget record.

use crate::{pallet::*, types::*};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Defensive},
};
use pallet_avs_registry::types::AvsId;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// See [`Pallet::prune_incident`].
	pub(crate) fn do_prune_incident(
		avs: AvsId,
		operator: T::AccountId,
		incident: IncidentId,
	) -> DispatchResult {
		let key = (avs, &operator, incident);
		let record = Incidents::<T>::get(key).ok_or(Error::<T>::IncidentNotFound)?;
		ensure!(!matches!(record.status, IncidentStatus::Pending(_)), Error::<T>::IncidentPending);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= record.expires_at, Error::<T>::IncidentNotExpired);
		let budget = SlashBudgets::<T>::get(avs, &operator);
		let last = budget.is_none_or(|budget| budget.incidents <= 1);
		if last {
			ensure!(
				budget.is_none_or(|budget| budget.window_ended(now, T::SlashBudgetWindow::get())),
				Error::<T>::BudgetWindowOpen
			);
		}

		Incidents::<T>::remove(key);
		match budget {
			Some(_) if last => SlashBudgets::<T>::remove(avs, &operator),
			Some(mut budget) => {
				budget.incidents = budget.incidents.saturating_sub(1);
				SlashBudgets::<T>::insert(avs, &operator, budget);
			},
			None => {},
		}
		let (depositor, released) = match record.deposit {
			Some(IncidentDeposit { depositor, amount }) => {
				let released = T::Currency::release(
					&HoldReason::SlashRequest.into(),
					&depositor,
					amount,
					Precision::BestEffort,
				)
				// Held until now; a shortfall would be a bug (reported defensively).
				.defensive_unwrap_or(Zero::zero());
				(Some(depositor), released)
			},
			None => (None, Zero::zero()),
		};
		Self::deposit_event(Event::IncidentPruned { avs, operator, incident, depositor, released });
		Ok(())
	}
}
