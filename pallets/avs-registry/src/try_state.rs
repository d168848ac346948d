//! The pallet's invariants (see "Invariants" in the crate docs), checked by the
//! `try_state` hook, by the unit tests after every test, and (with the `try-state-checks`
//! feature) by other crates' tests. Compiled only for those uses.

use crate::{
	Allocations, AvsId, AvsOperators, Avss, Config, HoldReason, NextAvsId, OperatorAvs,
	OptInDeposits, OptInStatus, OptIns, Pallet, PoolAllocationTotal, ScheduledRuleChanges,
	VaultAllocationCount, VaultId,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{pallet_prelude::*, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::try_state_avss_and_deposits()?;
		Self::try_state_scheduled_rules()?;
		Self::try_state_opt_in_indices()?;
		Self::try_state_opt_in_deposits()?;
		Self::try_state_allocations()
	}

	/// Registered AVSs have ids below [`NextAvsId`] and no duplicate accepted vault, and every
	/// owner has at least the deposits of its AVSs on hold (invariant 4).
	fn try_state_avss_and_deposits() -> Result<(), TryRuntimeError> {
		let next_avs = NextAvsId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, T::Balance> = BTreeMap::new();
		for (avs, info) in Avss::<T>::iter() {
			ensure!(avs < next_avs, TryRuntimeError::Other("AVS id not below NextAvsId"));
			let vaults: BTreeSet<VaultId> = info.config.accepted_vaults.iter().copied().collect();
			ensure!(
				vaults.len() == info.config.accepted_vaults.len(),
				TryRuntimeError::Other("duplicate accepted vault")
			);
			let deposit = deposits.entry(info.owner.clone()).or_default();
			*deposit = deposit.saturating_add(info.deposit);
		}
		for (owner, deposit) in deposits {
			ensure!(
				T::NativeBalance::balance_on_hold(&HoldReason::AvsRegistration.into(), &owner) >=
					deposit,
				TryRuntimeError::Other("AVS deposits not on hold")
			);
		}
		Ok(())
	}

	/// Invariant 6: every scheduled rule change belongs to a registered AVS and keeps its
	/// opt-out delay above both the veto window in force and the new one.
	fn try_state_scheduled_rules() -> Result<(), TryRuntimeError> {
		for (avs, change) in ScheduledRuleChanges::<T>::iter() {
			let info = Avss::<T>::get(avs)
				.ok_or(TryRuntimeError::Other("scheduled rule change of an unknown AVS"))?;
			ensure!(
				change.opt_out_delay > change.slashing.veto_window &&
					change.opt_out_delay > info.config.slashing.veto_window,
				TryRuntimeError::Other("scheduled opt-out delay not above the veto windows")
			);
		}
		Ok(())
	}

	/// Invariant 1: [`AvsOperators`], [`OptIns`] and [`OperatorAvs`], the three views of
	/// (AVS, operator) pairs, agree.
	fn try_state_opt_in_indices() -> Result<(), TryRuntimeError> {
		let mut pairs = BTreeSet::new();
		for (avs, operators) in AvsOperators::<T>::iter() {
			ensure!(Avss::<T>::contains_key(avs), TryRuntimeError::Other("index of unknown AVS"));
			ensure!(!operators.is_empty(), TryRuntimeError::Other("empty AvsOperators entry"));
			for operator in operators.iter() {
				ensure!(
					pairs.insert((avs, operator.clone())),
					TryRuntimeError::Other("duplicate operator in AvsOperators")
				);
				ensure!(
					OptIns::<T>::contains_key(avs, operator),
					TryRuntimeError::Other("AvsOperators entry without opt-in")
				);
			}
		}
		let mut opt_ins = 0usize;
		for (avs, operator, _) in OptIns::<T>::iter() {
			opt_ins = opt_ins.saturating_add(1);
			ensure!(
				pairs.contains(&(avs, operator)),
				TryRuntimeError::Other("opt-in missing from AvsOperators")
			);
		}
		ensure!(opt_ins == pairs.len(), TryRuntimeError::Other("opt-in count mismatch"));
		let mut operator_entries = 0usize;
		for (operator, avss) in OperatorAvs::<T>::iter() {
			ensure!(!avss.is_empty(), TryRuntimeError::Other("empty OperatorAvs entry"));
			for avs in avss.iter() {
				operator_entries = operator_entries.saturating_add(1);
				ensure!(
					pairs.contains(&(*avs, operator.clone())),
					TryRuntimeError::Other("OperatorAvs entry without opt-in")
				);
			}
		}
		ensure!(
			operator_entries == pairs.len(),
			TryRuntimeError::Other("OperatorAvs has duplicates or misses opt-ins")
		);
		Ok(())
	}

	/// Invariant 5: every [`OptInDeposits`] entry is non-zero and belongs to an opt-in, and
	/// every operator has at least the sum of its opt-in deposits on hold. (An opt-in need not
	/// have a deposit entry: a zero deposit is not recorded.)
	fn try_state_opt_in_deposits() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, T::Balance> = BTreeMap::new();
		for (avs, operator, amount) in OptInDeposits::<T>::iter() {
			ensure!(!amount.is_zero(), TryRuntimeError::Other("zero OptInDeposits entry"));
			ensure!(
				OptIns::<T>::contains_key(avs, &operator),
				TryRuntimeError::Other("opt-in deposit without opt-in")
			);
			let deposit = deposits.entry(operator).or_default();
			*deposit = deposit.saturating_add(amount);
		}
		for (operator, deposit) in deposits {
			ensure!(
				T::NativeBalance::balance_on_hold(&HoldReason::OptIn.into(), &operator) >= deposit,
				TryRuntimeError::Other("opt-in deposits not on hold")
			);
		}
		Ok(())
	}

	/// Invariants 2 and 3: [`Allocations`] are only for registered AVSs, opted-in or
	/// opting-out operators and accepted vaults, none is empty, and [`PoolAllocationTotal`]
	/// and [`VaultAllocationCount`] equal their recomputed values.
	fn try_state_allocations() -> Result<(), TryRuntimeError> {
		let mut totals: BTreeMap<(VaultId, T::AccountId), u64> = BTreeMap::new();
		let mut counts: BTreeMap<(AvsId, VaultId), u32> = BTreeMap::new();
		for (avs, operator, allocations) in Allocations::<T>::iter() {
			let info = Avss::<T>::get(avs)
				.ok_or(TryRuntimeError::Other("allocation to an unknown AVS"))?;
			let status = OptIns::<T>::get(avs, &operator)
				.ok_or(TryRuntimeError::Other("allocation without opt-in"))?;
			ensure!(
				status != OptInStatus::Pending,
				TryRuntimeError::Other("allocation of a pending operator")
			);
			ensure!(!allocations.is_empty(), TryRuntimeError::Other("empty Allocations entry"));
			let mut seen = BTreeSet::new();
			for record in allocations.iter() {
				ensure!(
					seen.insert(record.vault),
					TryRuntimeError::Other("two allocation records for one vault")
				);
				ensure!(
					info.config.accepted_vaults.contains(&record.vault),
					TryRuntimeError::Other("allocation to a vault the AVS does not accept")
				);
				ensure!(!record.is_empty(), TryRuntimeError::Other("empty allocation record"));
				if let Some(pending) = record.pending {
					ensure!(
						pending.fraction > record.current,
						TryRuntimeError::Other("pending increase not above current")
					);
				}
				if let Some(old) = record.slashable {
					ensure!(
						old.fraction > record.current,
						TryRuntimeError::Other("slashable decrease not above current")
					);
				}
				let total = totals.entry((record.vault, operator.clone())).or_default();
				*total = total.saturating_add(record.footprint());
				let count = counts.entry((avs, record.vault)).or_default();
				*count = count.saturating_add(1);
			}
		}
		let mut stored_totals = 0usize;
		for (vault, operator, total) in PoolAllocationTotal::<T>::iter() {
			stored_totals = stored_totals.saturating_add(1);
			ensure!(
				totals.get(&(vault, operator)) == Some(&total),
				TryRuntimeError::Other("PoolAllocationTotal differs from the sum of footprints")
			);
			ensure!(
				total <= T::MaxTotalAllocation::get(),
				TryRuntimeError::Other("PoolAllocationTotal above MaxTotalAllocation")
			);
		}
		ensure!(
			stored_totals == totals.len(),
			TryRuntimeError::Other("PoolAllocationTotal entries missing")
		);
		let mut stored_counts = 0usize;
		for (avs, vault, count) in VaultAllocationCount::<T>::iter() {
			stored_counts = stored_counts.saturating_add(1);
			ensure!(
				counts.get(&(avs, vault)) == Some(&count),
				TryRuntimeError::Other("VaultAllocationCount differs from the records")
			);
		}
		ensure!(
			stored_counts == counts.len(),
			TryRuntimeError::Other("VaultAllocationCount entries missing")
		);
		Ok(())
	}
}
