//! Removing operators from an AVS: the opt-in record, its allocations, both indices
//! ([`AvsOperators`], [`OperatorAvs`]) and the opt-in deposit ([`OptInDeposits`]) go
//! together, so that the three views of (AVS, operator) pairs stay in step (invariant 1 of the
//! crate docs) and no path that removes an opt-in can forget to release its deposit
//! (invariant 5).
//!
//! Whether an opt-in status is slashable is [`crate::OptInStatus::is_slashable_at`].

use crate::{
	AvsId, AvsOperators, Config, Event, HoldReason, OperatorAvs, OptInDeposits, OptIns, Pallet,
};
use frame_support::{
	defensive,
	traits::{fungible::MutateHold, tokens::Precision, Defensive},
};
use sp_runtime::traits::Zero;

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

	/// Release the opt-in deposit of `operator` with `avs` (the amount recorded in
	/// [`OptInDeposits`] when it opted in, whatever [`Config::OptInDeposit`] is now) and emit
	/// [`Event::OptInDepositReleased`] if anything was released.
	fn release_opt_in_deposit(avs: AvsId, operator: &T::AccountId) {
		let Some(amount) = OptInDeposits::<T>::take(avs, operator) else { return };
		let released = T::NativeBalance::release(
			&HoldReason::OptIn.into(),
			operator,
			amount,
			Precision::BestEffort,
		)
		.defensive_unwrap_or(Zero::zero());
		if released < amount {
			defensive!("the opt-in deposit is held from the operator until its opt-in is removed");
		}
		if !released.is_zero() {
			Self::deposit_event(Event::OptInDepositReleased {
				avs,
				operator: operator.clone(),
				amount: released,
			});
		}
	}

	/// Remove every record of `operator` with `avs`: opt-in, allocations, both index entries
	/// and the opt-in deposit (released). Returns the number of operators the AVS had before.
	pub(crate) fn remove_operator_records(avs: AvsId, operator: &T::AccountId) -> u32 {
		OptIns::<T>::remove(avs, operator);
		Self::release_allocations(avs, operator);
		Self::remove_from_operator_index(operator, avs);
		Self::release_opt_in_deposit(avs, operator);
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

	/// Remove every operator of `avs` with its opt-in, allocations, index entries and opt-in
	/// deposit (released), when the AVS is removed. Returns the number of operators and of
	/// allocation records removed.
	pub(crate) fn remove_all_operators(avs: AvsId) -> (u32, u32) {
		let operators = AvsOperators::<T>::take(avs);
		let mut allocations = 0u32;
		for operator in operators.iter() {
			OptIns::<T>::remove(avs, operator);
			allocations = allocations.saturating_add(Self::release_allocations(avs, operator));
			Self::remove_from_operator_index(operator, avs);
			Self::release_opt_in_deposit(avs, operator);
		}
		(operators.len() as u32, allocations)
	}
}
