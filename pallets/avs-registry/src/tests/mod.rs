//! Unit tests: every call's success and error paths, the lazy allocation rules and the
//! `AvsInspect` view. Every test runs through `ExtBuilder::build_and_execute`, which checks
//! `try_state` at the end.
//!
//! This module holds the helpers the test files share; one file per concern:
//! [`registration`] (AVS lifecycle), [`opt_in`] (operators joining and leaving),
//! [`removal`] (the owner removing operators, the Sybil fill), [`rule_changes`] (riskier rule
//! changes wait), [`deposits`] (the opt-in
//! deposit on every path), [`allocations`] (allocation rules), [`inspect`] (the `AvsInspect`
//! view), [`invariants`] (`integrity_test`, `try_state`) and [`queries`] (runtime-API
//! queries).

use crate::{
	mock::*,
	traits::AvsInspect,
	types::{AvsId, SlashDestination, VaultId},
	Allocations, AvsOperators, AvsStatus, Avss, Error, Event, HoldReason, NextAvsId, OperatorAvs,
	OptInDeposits, OptInStatus, OptIns, PendingIncrease, PoolAllocationTotal, SlashableDecrease,
	VaultAllocation, VaultAllocationCount,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, tokens::fungible::NativeOrWithId, Hooks},
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill, TokenError};

fn percent(value: u32) -> Perbill {
	Perbill::from_percent(value)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AvsRegistration.into(), &who)
}

/// Native funds of `who` on hold for opt-in deposits.
fn opt_in_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::OptIn.into(), &who)
}

/// The `OptInDepositReleased` events so far, as (AVS, operator, amount).
fn deposits_released() -> Vec<(AvsId, AccountId, Balance)> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::AvsRegistry(Event::OptInDepositReleased { avs, operator, amount }) =>
				Some((avs, operator, amount)),
			_ => None,
		})
		.collect()
}

/// A fresh default AVS of `OWNER` that requires approval, with `OPERATOR_A` pending.
fn gated_avs_with_pending_operator() -> AvsId {
	let mut config = default_config();
	config.requires_approval = true;
	let avs = register(OWNER, config);
	assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
	avs
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// `OPERATOR_A` opted in to a fresh default AVS with `fraction` of vault 0 in force.
fn allocated_avs(fraction: Perbill) -> AvsId {
	let avs = avs_with_operator();
	assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_0, fraction));
	run_to_block(System::block_number() + ALLOCATION_DELAY);
	avs
}

fn record(avs: AvsId, operator: AccountId, vault: VaultId) -> Option<VaultAllocation<u64>> {
	Allocations::<Test>::get(avs, operator)
		.into_iter()
		.find(|record| record.vault == vault)
}

fn slashable(avs: AvsId, operator: AccountId) -> Vec<(VaultId, Perbill)> {
	AvsRegistry::slashable_allocations(avs, &operator).into_inner()
}

fn active(avs: AvsId, operator: AccountId) -> Vec<(VaultId, Perbill)> {
	AvsRegistry::active_allocations(avs, &operator).into_inner()
}

mod allocations;
mod deposits;
mod inspect;
mod invariants;
mod migration;
mod opt_in;
mod queries;
mod registration;
mod removal;
mod rule_changes;
