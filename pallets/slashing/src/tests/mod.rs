//! Unit tests of the slashing pallet against the mock ledger and registry (see `mock.rs`).

use crate::{
	mock::*, types::*, Error, Event, HoldReason, Incidents, NextSlashId, PendingSlashCount,
	PendingSlashes, SlashBudgets, SlashesDueAt,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect, Hooks},
};
use pallet_restaking::types::{PoolStake, SlashDestination};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};

fn incident(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Status of the record of incident `n` of `OPERATOR` reported by `avs`.
fn incident_status(avs: pallet_avs_registry::types::AvsId, n: u8) -> Option<IncidentStatus> {
	Incidents::<Test>::get((avs, OPERATOR, incident(n))).map(|record| record.status)
}

fn balance(asset: AssetKind, who: AccountId) -> Balance {
	NativeAndAssets::balance(asset, &who)
}

/// Native balance of `who` held for slash requests.
fn held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Slashing(HoldReason::SlashRequest), &who)
}

const NATIVE: AssetKind = NativeOrWithId::Native;
const STETH_ASSET: AssetKind = NativeOrWithId::WithId(STETH);

/// Request a 10% slash of `OPERATOR` by AVS 1 for incident `n`.
fn request(n: u8) -> SlashId {
	let slash_id = NextSlashId::<Test>::get();
	assert_ok!(Slashing::request_slash(
		RuntimeOrigin::signed(SLASHER),
		AVS,
		OPERATOR,
		Perbill::from_percent(10),
		incident(n),
		System::block_number(),
		b"evidence".to_vec(),
	));
	slash_id
}

mod adversarial;
mod execute;
mod incidents;
mod migration;
mod on_initialize;
mod queries;
mod request;
mod veto;
