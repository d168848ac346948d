//! Unit tests: the storage migration to version 1 (pools' counters get streams).

use super::*;
use crate::{migrations::v1, reward::PoolReward, Pallet};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use sp_runtime::FixedU128;

#[test]
fn migration_to_v1_gives_every_counter_an_empty_stream() {
	ExtBuilder::default().build_and_execute(|| {
		deposit(ALICE, NATIVE_VAULT, OPERATOR_A, 1_000);
		let current = pool(NATIVE_VAULT, OPERATOR_A);
		StorageVersion::new(0).put::<Pallet<Test>>();
		// The version 0 layout of the same pool, with a counter of 2.5 per share.
		let old = v1::OldPoolInfo::<Test> {
			active_stake: current.active_stake,
			active_shares: current.active_shares,
			live_buckets: current.live_buckets.clone(),
			reward_per_share: BoundedVec::truncate_from(vec![(
				REWARD_ASSET,
				FixedU128::from_rational(5, 2),
			)]),
		};
		frame_support::storage::unhashed::put_raw(
			&Pools::<Test>::hashed_key_for(NATIVE_VAULT, OPERATOR_A),
			&old.encode(),
		);
		run_to_block(7);

		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
		let migrated = pool(NATIVE_VAULT, OPERATOR_A);
		assert_eq!(migrated.active_shares, current.active_shares);
		assert_eq!(
			migrated.rewards.to_vec(),
			vec![(
				REWARD_ASSET,
				PoolReward {
					per_share: FixedU128::from_rational(5, 2),
					updated_at: 7,
					..Default::default()
				}
			)]
		);
		// Alice's position earns what the old counter owed her (she never settled against it).
		assert_eq!(
			Restaking::pending_rewards(&ALICE, NATIVE_VAULT, &OPERATOR_A).to_vec(),
			vec![(REWARD_ASSET, 2_500)]
		);
		// A second run is a no-op (the version is 1 now).
		v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(pool(NATIVE_VAULT, OPERATOR_A), migrated);
	});
}
