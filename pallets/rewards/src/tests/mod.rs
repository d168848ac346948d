//! Unit tests of the rewards pallet against the mock ledger and registry (see `mock.rs`).

use crate::{
	mock::*, types::SplitSummary, AccruedProtocolFees, Error, Event, NextSubmissionId,
	OperatorCommission, OutstandingStakerRewards, ProtocolFee,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use sp_runtime::{DispatchError, Perbill};

fn balance(asset: AssetKind, who: AccountId) -> Balance {
	NativeAndAssets::balance(asset, &who)
}

fn pot() -> AccountId {
	Rewards::pot_account()
}

fn submit(asset: AssetKind, amount: Balance) {
	assert_ok!(Rewards::submit_rewards(
		RuntimeOrigin::signed(AVS_OWNER),
		AVS,
		asset,
		amount,
		1,
		None
	));
}

mod claims;
mod queries;
mod submit;
