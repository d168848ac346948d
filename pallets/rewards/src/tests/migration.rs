//! Unit tests: the storage migration to version 1 (reward assets).

use super::*;
use crate::migrations::v1;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

frame_support::parameter_types! {
	pub InitialAssets: Vec<AssetKind> = vec![NATIVE, STETH_ASSET];
}

#[test]
fn migration_to_v1_enables_the_initial_reward_assets_once() {
	ExtBuilder::build_and_execute(|| {
		// A version 0 chain: no reward-asset list.
		let _ = RewardAssets::<Test>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Rewards>();
		v1::MigrateToV1::<Test, InitialAssets>::on_runtime_upgrade();
		assert_eq!(Rewards::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(RewardAssets::<Test>::count(), 2);
		assert_eq!(RewardAssets::<Test>::get(STETH_ASSET), Some(RewardAssetStatus::Enabled));
		// AVSs paying in them keep working.
		submit(STETH_ASSET, 900);
		// A second run is a no-op, even after root disabled an asset.
		assert_ok!(Rewards::set_reward_asset(RuntimeOrigin::root(), STETH_ASSET, false));
		v1::MigrateToV1::<Test, InitialAssets>::on_runtime_upgrade();
		assert_eq!(RewardAssets::<Test>::get(STETH_ASSET), Some(RewardAssetStatus::Disabled));
	});
}
