//! Unit tests of the rewards pallet against the mock ledger and registry (see `mock.rs`).

use crate::{
	mock::*,
	types::{RewardAssetStatus, RewardPeriod, SplitSummary},
	AccruedProtocolFees, Error, Event, NextSubmissionId, OperatorCommission,
	OutstandingStakerRewards, ProtocolFee, RewardAssets,
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

/// Submit `amount` of `asset` for AVS 1 over [`PERIOD`] blocks, then let the period pass
/// (so that everything is released to the pools' stakers).
fn submit(asset: AssetKind, amount: Balance) {
	assert_ok!(Rewards::submit_rewards(
		RuntimeOrigin::signed(AVS_OWNER),
		AVS,
		asset,
		amount,
		PERIOD,
		None
	));
	pass_period();
}

/// Let [`PERIOD`] blocks pass.
fn pass_period() {
	System::set_block_number(System::block_number() + PERIOD);
}

mod claims;
mod migration;
mod queries;
mod submit;
