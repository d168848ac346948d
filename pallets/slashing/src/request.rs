//! Making a slash request: every check first, then the snapshot of the rules and the basis,
//! the slash locks on the pools, the deposit, the budget and the indices.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
use pallet_restaking::traits::RestakingSlash;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, Perbill,
};

impl<T: Config> Pallet<T> {
	/// Check and record a slash request (see [`Pallet::request_slash`]). Returns the number of
	/// pools it locked.
	pub(crate) fn do_request_slash(
		who: T::AccountId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
		incident: IncidentId,
		occurred_at: BlockNumberFor<T>,
		evidence: Vec<u8>,
	) -> Result<u32, DispatchError> {
		let params = T::Avs::slashing_params(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(who == params.slasher, Error::<T>::NotSlasher);
		ensure!(!fraction.is_zero(), Error::<T>::ZeroFraction);
		ensure!(fraction <= params.max_slash, Error::<T>::FractionAboveMax);
		ensure!(fraction >= T::MinSlashFraction::get(), Error::<T>::FractionBelowMin);
		let evidence: BoundedVec<u8, T::MaxEvidenceLen> =
			evidence.try_into().map_err(|_| Error::<T>::EvidenceTooLong)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(occurred_at <= now, Error::<T>::IncidentInFuture);
		let expires_at = occurred_at.saturating_add(T::MaxIncidentAge::get());
		ensure!(now < expires_at, Error::<T>::IncidentTooOld);
		ensure!(T::Avs::is_slashable(avs, &operator), Error::<T>::OperatorNotSlashable);
		let pools = Self::basis(avs, &operator, fraction);
		ensure!(!pools.is_empty(), Error::<T>::NoSlashableAllocation);
		ensure!(
			!Incidents::<T>::contains_key((avs, &operator, incident)),
			Error::<T>::IncidentAlreadyReported
		);
		let pending_count = PendingSlashCount::<T>::get(avs);
		ensure!(
			pending_count < T::MaxPendingSlashesPerAvs::get(),
			Error::<T>::TooManyPendingSlashes
		);
		let mut budget = SlashBudgets::<T>::get(avs, &operator).unwrap_or(SlashBudget {
			since: now,
			cap: params.max_slash,
			used: Perbill::zero(),
			incidents: 0,
		});
		budget
			.take(fraction, params.max_slash, now, T::SlashBudgetWindow::get())
			.ok_or(Error::<T>::SlashBudgetExceeded)?;
		budget.incidents = budget.incidents.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let executable_at =
			now.checked_add(&params.veto_window).ok_or(Error::<T>::VetoWindowOverflow)?;
		let slash_id = NextSlashId::<T>::get();
		let next_slash_id = slash_id.checked_add(1).ok_or(Error::<T>::SlashIdOverflow)?;

		// All checks passed. The deposit first: if it cannot be held nothing has changed.
		let deposit = T::RequestDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::SlashRequest.into(), &who, deposit)?;
		}
		for pool in pools.iter() {
			T::Restaking::lock_for_slash(pool.vault, &operator)?;
		}
		SlashesDueAt::<T>::insert(executable_at, slash_id, ());
		NextSlashId::<T>::put(next_slash_id);
		PendingSlashCount::<T>::insert(avs, pending_count.saturating_add(1));
		SlashBudgets::<T>::insert(avs, &operator, budget);
		Incidents::<T>::insert(
			(avs, &operator, incident),
			IncidentRecord {
				status: IncidentStatus::Pending(slash_id),
				expires_at,
				deposit: (!deposit.is_zero())
					.then(|| IncidentDeposit { depositor: who, amount: deposit }),
			},
		);
		let locked = pools.len() as u32;
		PendingSlashes::<T>::insert(
			slash_id,
			PendingSlash {
				avs,
				operator: operator.clone(),
				fraction,
				incident,
				evidence,
				requested_at: now,
				executable_at,
				resolver: params.resolver,
				destination: params.destination,
				pools: pools.clone(),
			},
		);
		Self::deposit_event(Event::SlashRequested {
			slash_id,
			avs,
			operator,
			fraction,
			incident,
			executable_at,
			pools,
			deposit,
		});
		Ok(locked)
	}

	/// The basis of a request of `fraction` against `operator` by `avs` now: each pool of the
	/// allocations slashable now with `fraction × allocation`, zero fractions left out.
	pub(crate) fn basis(
		avs: AvsId,
		operator: &T::AccountId,
		fraction: Perbill,
	) -> BoundedVec<PoolFraction, MaxVaultsOf<T>> {
		let pools: Vec<PoolFraction> = T::Avs::slashable_allocations(avs, operator)
			.into_iter()
			.map(|(vault, allocation)| PoolFraction {
				vault,
				fraction: fraction.saturating_mul(allocation),
			})
			.filter(|pool| !pool.fraction.is_zero())
			.collect();
		// At most one entry per allocation, and allocations share the bound.
		BoundedVec::truncate_from(pools)
	}
}
