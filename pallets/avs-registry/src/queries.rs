//! Read-only queries behind the runtime API: an operator's standing with each of its AVSs
//! and an AVS's operators, with the fractions in force and slashable now and the stake they
//! cover ([`OperatorAvsStake`], [`AllocationStake`]). Nothing here writes storage.

use crate::{
	AllocationStake, Allocations, AvsId, AvsOperators, Config, OperatorAvs, OperatorAvsStake,
	OptInStatus, OptIns, Pallet,
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_restaking::traits::RestakingInspect;
use sp_runtime::{traits::Saturating, Perbill};

impl<T: Config> Pallet<T> {
	/// Standing of `operator` with every AVS it is pending, opted in or opting out with
	/// (read-only query for the runtime API; bounded by `MaxAvsPerOperator ×
	/// MaxVaultsPerAvs`), in the order of [`OperatorAvs`].
	pub fn operator_avs_stakes(operator: &T::AccountId) -> alloc::vec::Vec<OperatorAvsStake<T>> {
		OperatorAvs::<T>::get(operator)
			.into_iter()
			.filter_map(|avs| {
				let status = OptIns::<T>::get(avs, operator)?;
				Some(Self::operator_avs_stake(avs, operator.clone(), status))
			})
			.collect()
	}

	/// Operators of a live `avs` (pending, opted in or opting out) with their allocations,
	/// in the order of [`AvsOperators`]; `None` if the AVS is not live (read-only query for
	/// the runtime API; bounded by `MaxOperatorsPerAvs × MaxVaultsPerAvs`).
	pub fn avs_operator_stakes(avs: AvsId) -> Option<alloc::vec::Vec<OperatorAvsStake<T>>> {
		Self::live_avs(avs)?;
		Some(
			AvsOperators::<T>::get(avs)
				.into_iter()
				.filter_map(|operator| {
					let status = OptIns::<T>::get(avs, &operator)?;
					Some(Self::operator_avs_stake(avs, operator, status))
				})
				.collect(),
		)
	}

	/// Standing of `operator` (with opt-in `status`) with `avs`: its allocation records and
	/// the stake they cover now.
	fn operator_avs_stake(
		avs: AvsId,
		operator: T::AccountId,
		status: OptInStatus<BlockNumberFor<T>>,
	) -> OperatorAvsStake<T> {
		let now = Self::now();
		let slashable = Self::live_avs(avs).is_some() && status.is_slashable_at(now);
		let allocations = Allocations::<T>::get(avs, &operator)
			.into_iter()
			.map(|record| {
				let stake = T::Restaking::pool_stake(record.vault, &operator);
				let in_force = record.in_force(now);
				let slashable_fraction =
					if slashable { record.slashable_at(now) } else { Perbill::zero() };
				let slashable_until = if slashable { record.slashable_until(now) } else { None };
				AllocationStake {
					vault: record.vault,
					in_force,
					pending: record.pending_at(now),
					slashable_fraction,
					slashable_until,
					allocated_stake: in_force.mul_floor(stake.active),
					slashable_stake: slashable_fraction
						.mul_floor(stake.active.saturating_add(stake.withdrawing)),
				}
			})
			.collect();
		OperatorAvsStake { avs, operator, status, slashable, allocations }
	}
}
