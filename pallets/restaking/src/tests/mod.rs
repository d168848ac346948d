//! Unit tests of the restaking pallet. Every test runs through
//! [`ExtBuilder::build_and_execute`], which runs `do_try_state` (and the exact vault-balance
//! check) after the test body.

use crate::{
	mock::*,
	traits::{RestakingInspect, RestakingRewards, RestakingSlash},
	types::*,
	Error, Event, HoldReason, NextVaultId, Operators, PendingWithdrawals, Pools, Positions,
	StakerPools, UnpaidSlashes, Vaults, WithdrawalBuckets,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, fungibles::Inspect as _, tokens::fungible::NativeOrWithId},
	BoundedVec,
};
use sp_runtime::{traits::BadOrigin, DispatchError, Perbill, TokenError};

type RestakingEvent = Event<Test>;

const REWARD_ASSET: AssetKind = NativeOrWithId::WithId(7);

fn native_balance(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn asset_balance(who: AccountId) -> Balance {
	Assets::balance(ASSET_ID, who)
}

fn vault(id: VaultId) -> VaultInfo<Test> {
	Vaults::<Test>::get(id).expect("vault exists")
}

fn pool(vault: VaultId, operator: AccountId) -> PoolInfo<Test> {
	Pools::<Test>::get(vault, operator).expect("pool exists")
}

fn shares_of(staker: AccountId, vault: VaultId, operator: AccountId) -> Balance {
	Positions::<Test>::get(staker, (vault, operator))
		.map(|p| p.shares)
		.unwrap_or_default()
}

fn deposit(staker: AccountId, vault: VaultId, operator: AccountId, amount: Balance) {
	assert_ok!(Restaking::deposit(RuntimeOrigin::signed(staker), vault, operator, amount));
}

fn queue(staker: AccountId, vault: VaultId, operator: AccountId, shares: Balance) {
	assert_ok!(Restaking::queue_withdrawal(RuntimeOrigin::signed(staker), vault, operator, shares));
}

fn held_vault_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Restaking(HoldReason::VaultDeposit), &who)
}

fn metadata(bytes: &[u8]) -> BoundedVec<u8, <Test as crate::Config>::MaxMetadataLen> {
	BoundedVec::try_from(bytes.to_vec()).unwrap()
}

/// Every key/value of the state.
fn storage_snapshot() -> std::collections::BTreeMap<Vec<u8>, Vec<u8>> {
	let mut snapshot = std::collections::BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
		snapshot.insert(next.clone(), value);
		key = next;
	}
	snapshot
}

/// Number of keys added, removed or changed between two snapshots.
fn changed_keys(
	before: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
	after: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
) -> usize {
	let changed = before.iter().filter(|(k, v)| after.get(*k) != Some(*v)).count();
	let added = after.keys().filter(|k| !before.contains_key(*k)).count();
	changed + added
}

mod deposits;
mod invariants;
mod math;
mod migration;
mod operators;
mod queries;
mod redelegation;
mod rewards;
mod slashing;
mod vaults;
mod withdrawals;
