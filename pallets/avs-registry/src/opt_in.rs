//! Removing operators from an AVS: the opt-in record, its allocations and both indices
//! ([`AvsOperators`], [`OperatorAvs`]) go together, so that the three views of (AVS,
//! operator) pairs stay in step (invariant 1 of the crate docs).
//!
//! Whether an opt-in status is slashable is [`crate::OptInStatus::is_slashable_at`].

use crate::{AvsId, AvsOperators, Config, OperatorAvs, OptIns, Pallet};

impl<T: Config> Pallet<T> {
	/// Remove `avs` from the AVS index of `operator`.
	fn remove_from_operator_index(operator: &T::AccountId, avs: AvsId) {
		OperatorAvs::<T>::mutate_exists(operator, |entry| {
			if let Some(avss) = entry {
				avss.retain(|other| *other != avs);
				if avss.is_empty() {
					*entry = None;
				}
			}
		});
	}

	/// Remove every record of `operator` with `avs`: opt-in, allocations and both index
	/// entries. Returns the number of operators the AVS had before.
	pub(crate) fn remove_operator(avs: AvsId, operator: &T::AccountId) -> u32 {
		OptIns::<T>::remove(avs, operator);
		Self::release_allocations(avs, operator);
		Self::remove_from_operator_index(operator, avs);
		let mut operators_before = 0;
		AvsOperators::<T>::mutate_exists(avs, |entry| {
			if let Some(operators) = entry {
				operators_before = operators.len() as u32;
				operators.retain(|other| other != operator);
				if operators.is_empty() {
					*entry = None;
				}
			}
		});
		operators_before
	}

	/// Remove every operator of `avs` with its opt-in, allocations and index entries (when
	/// the AVS is removed). Returns the number of operators and of allocation records
	/// removed.
	pub(crate) fn remove_all_operators(avs: AvsId) -> (u32, u32) {
		let operators = AvsOperators::<T>::take(avs);
		let mut allocations = 0u32;
		for operator in operators.iter() {
			OptIns::<T>::remove(avs, operator);
			allocations = allocations.saturating_add(Self::release_allocations(avs, operator));
			Self::remove_from_operator_index(operator, avs);
		}
		(operators.len() as u32, allocations)
	}
}
