//! The election: the top [`Config::MaxValidators`] operators by stake allocated to the
//! consensus AVS, among those eligible ([`Pallet::candidate_stake`]).
//!
//! Bounded: the candidates are the operators opted in to the consensus AVS, at most the
//! registry's `MaxOperatorsPerAvs`, each with at most `MaxVaultsPerAvs` allocations. Nothing
//! iterates over all operators or over delegators.

use crate::{pallet::*, CONSENSUS_AVS};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
use pallet_avs_registry::traits::AvsInspect;
use pallet_restaking::traits::RestakingInspect;
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// Stake `operator` has allocated to the consensus AVS now: for each of its allocations
	/// in force, the fraction of the pool's active stake (queued withdrawals do not count).
	/// Zero if it is not opted in.
	pub fn allocated_stake(operator: &T::AccountId) -> BalanceOf<T> {
		T::Avs::active_allocations(CONSENSUS_AVS, operator).iter().fold(
			Zero::zero(),
			|total: BalanceOf<T>, (vault, fraction)| {
				total.saturating_add(
					fraction.mul_floor(T::Restaking::pool_stake(*vault, operator).active),
				)
			},
		)
	}

	/// The stake of `operator` as a candidate, `None` if it is not eligible: it must be an
	/// active operator (not paused or leaving) with session keys registered, and its
	/// [`Self::allocated_stake`] must be non-zero and at least [`MinValidatorStake`].
	pub fn candidate_stake(operator: &T::AccountId) -> Option<BalanceOf<T>> {
		if !T::Restaking::is_active_operator(operator) || !T::SessionKeys::is_registered(operator) {
			return None;
		}
		let stake = Self::allocated_stake(operator);
		(!stake.is_zero() && stake >= MinValidatorStake::<T>::get()).then_some(stake)
	}

	/// Run the election: the eligible candidates by decreasing stake (ties by account, so
	/// every node computes the same set), cut to [`Config::MaxValidators`]. Also returns how
	/// many candidates were eligible.
	pub fn elect() -> (ElectedOf<T>, u32) {
		let mut candidates: Vec<(T::AccountId, BalanceOf<T>)> =
			T::Avs::opted_in_operators(CONSENSUS_AVS)
				.into_iter()
				.filter_map(|operator| {
					Self::candidate_stake(&operator).map(|stake| (operator, stake))
				})
				.collect();
		let eligible = candidates.len() as u32;
		candidates.sort_unstable_by(|(a, stake_a), (b, stake_b)| {
			stake_b.cmp(stake_a).then_with(|| a.cmp(b))
		});
		candidates.truncate(T::MaxValidators::get() as usize);
		// Truncated to the bound just above.
		(BoundedVec::truncate_from(candidates), eligible)
	}
}
