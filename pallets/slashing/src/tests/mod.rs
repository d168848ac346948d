//! Unit tests of the slashing pallet against the mock ledger and registry (see `mock.rs`).

use crate::{
	mock::*, types::*, Error, Event, Incidents, NextSlashId, PendingSlashCount, PendingSlashes,
	SlashesDueAt,
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

fn balance(asset: AssetKind, who: AccountId) -> Balance {
	NativeAndAssets::balance(asset, &who)
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
		b"evidence".to_vec(),
	));
	slash_id
}

mod execute;
mod on_initialize;
mod queries;
mod request;
mod veto;
