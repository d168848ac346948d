//! Allocations of an operator's pools to an AVS: the rules of [`Pallet::set_allocation`]
//! (increase after the delay, decrease at once but still slashable), and the bookkeeping
//! that every write of an allocation record keeps in step: [`PoolAllocationTotal`] (the
//! leverage bound) and [`VaultAllocationCount`].
//!
//! The fraction arithmetic of one record (in force, slashable, footprint, normalization) is
//! on [`VaultAllocation`] in [`crate::types`].

use crate::{
	Allocations, AvsId, AvsStatus, Avss, Config, Error, Event, OptInStatus, OptIns, Pallet,
	PoolAllocationTotal, VaultAllocation, VaultAllocationCount, VaultAllocationOf, VaultId,
	WeightInfo,
};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{Defensive, DefensiveSaturating},
};
use pallet_restaking::traits::RestakingInspect;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// Body of [`Pallet::set_allocation`] for the signed `operator`: check that the AVS is
	/// active, accepts `vault` and has `operator` opted in, then increase (pending), decrease
	/// (at once, old fraction still slashable) or cancel a pending increase, as the call's
	/// docs say.
	pub(crate) fn do_set_allocation(
		avs: AvsId,
		operator: T::AccountId,
		vault: VaultId,
		fraction: Perbill,
	) -> DispatchResultWithPostInfo {
		let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(info.status == AvsStatus::Active, Error::<T>::AvsNotActive);
		ensure!(info.config.accepted_vaults.contains(&vault), Error::<T>::VaultNotAccepted);
		match OptIns::<T>::get(avs, &operator).ok_or(Error::<T>::OptInNotFound)? {
			OptInStatus::OptedIn => {},
			OptInStatus::Pending => return Err(Error::<T>::OptInPending.into()),
			OptInStatus::OptingOut { .. } => return Err(Error::<T>::OperatorOptingOut.into()),
		}

		let now = Self::now();
		let allocations = Allocations::<T>::get(avs, &operator);
		let records = allocations.len() as u32;
		let index = allocations.iter().position(|record| record.vault == vault);
		let before = index
			.and_then(|index| allocations.get(index).copied())
			.unwrap_or_else(|| VaultAllocation::empty(vault));
		let mut after = before.normalized(now);
		let in_force = after.current;

		let event = if fraction > in_force {
			ensure!(T::Restaking::is_active_operator(&operator), Error::<T>::NotActiveOperator);
			ensure!(T::Restaking::vault_is_active(vault), Error::<T>::VaultNotActive);
			let min_stake = info.config.min_operator_stake;
			if !min_stake.is_zero() {
				let active = T::Restaking::pool_stake(vault, &operator).active;
				ensure!(
					fraction.mul_floor(active) >= min_stake,
					Error::<T>::AllocatedStakeBelowMinimum
				);
			}
			let effective_at =
				after.schedule_increase(fraction, now.saturating_add(T::AllocationDelay::get()));
			Event::AllocationIncreaseScheduled {
				avs,
				operator: operator.clone(),
				vault,
				fraction,
				effective_at,
			}
		} else if fraction < in_force {
			let delay =
				T::Restaking::vault_withdrawal_delay(vault).ok_or(Error::<T>::VaultNotFound)?;
			let slashable = after.decrease_to(fraction, now.saturating_add(delay));
			Event::AllocationDecreased {
				avs,
				operator: operator.clone(),
				vault,
				fraction,
				slashable: slashable.fraction,
				slashable_until: slashable.until,
			}
		} else if after.pending.is_some() {
			after.pending = None;
			Event::AllocationIncreaseCancelled { avs, operator: operator.clone(), vault, fraction }
		} else {
			Event::AllocationPruned {
				avs,
				operator: operator.clone(),
				vault,
				removed: after.is_empty(),
			}
		};
		ensure!(after != before, Error::<T>::AllocationUnchanged);

		Self::store_allocation(avs, &operator, allocations, index, &before, after)?;
		Self::deposit_event(event);
		Ok(Some(T::WeightInfo::set_allocation(records)).into())
	}

	/// Write the allocation record at `index` of `allocations` (a new one if `None`),
	/// which was `before` and becomes `after`: update the pool total (checking the bound
	/// if the footprint grows) and the per-vault record count.
	pub(crate) fn store_allocation(
		avs: AvsId,
		operator: &T::AccountId,
		mut allocations: BoundedVec<VaultAllocationOf<T>, T::MaxVaultsPerAvs>,
		index: Option<usize>,
		before: &VaultAllocationOf<T>,
		after: VaultAllocationOf<T>,
	) -> DispatchResult {
		let vault = after.vault;
		let (old_footprint, new_footprint) = (before.footprint(), after.footprint());
		let new_total = PoolAllocationTotal::<T>::get(vault, operator)
			.defensive_saturating_sub(old_footprint)
			.saturating_add(new_footprint);
		if new_footprint > old_footprint {
			ensure!(new_total <= T::MaxTotalAllocation::get(), Error::<T>::TotalAllocationExceeded);
		}
		match (index, after.is_empty()) {
			(Some(_), true) => {
				allocations.retain(|record| record.vault != vault);
				Self::change_vault_allocation_count(avs, vault, false);
			},
			(Some(index), false) =>
				if let Some(record) = allocations.get_mut(index).defensive_proof(
					"`index` is the position of the record in these same `allocations`; qed",
				) {
					*record = after;
				},
			(None, true) => {},
			(None, false) => {
				allocations.try_push(after).map_err(|_| {
					defensive!(
						"records exist only for distinct accepted vaults, at most \
						 `MaxVaultsPerAvs`, and this vault has none yet; qed"
					);
					Error::<T>::TooManyAllocations
				})?;
				Self::change_vault_allocation_count(avs, vault, true);
			},
		}
		if allocations.is_empty() {
			Allocations::<T>::remove(avs, operator);
		} else {
			Allocations::<T>::insert(avs, operator, allocations);
		}
		Self::set_pool_total(vault, operator, new_total);
		Ok(())
	}

	/// Store the allocation total of a pool (removing it when zero).
	fn set_pool_total(vault: VaultId, operator: &T::AccountId, total: u64) {
		if total == 0 {
			PoolAllocationTotal::<T>::remove(vault, operator);
		} else {
			PoolAllocationTotal::<T>::insert(vault, operator, total);
		}
	}

	/// Count one allocation record more (`increment`) or less for (`avs`, `vault`).
	fn change_vault_allocation_count(avs: AvsId, vault: VaultId, increment: bool) {
		VaultAllocationCount::<T>::mutate_exists(avs, vault, |count| {
			let current = count.unwrap_or(0);
			let new = if increment {
				current.saturating_add(1)
			} else {
				current.defensive_saturating_sub(1)
			};
			*count = if new == 0 { None } else { Some(new) };
		});
	}

	/// Remove every allocation of `operator` to `avs`, lowering the pools' totals. Returns
	/// the number of records removed.
	pub(crate) fn release_allocations(avs: AvsId, operator: &T::AccountId) -> u32 {
		let allocations = Allocations::<T>::take(avs, operator);
		for record in allocations.iter() {
			let total = PoolAllocationTotal::<T>::get(record.vault, operator)
				.defensive_saturating_sub(record.footprint());
			Self::set_pool_total(record.vault, operator, total);
			Self::change_vault_allocation_count(avs, record.vault, false);
		}
		allocations.len() as u32
	}
}
