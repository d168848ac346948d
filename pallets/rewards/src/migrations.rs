//! Storage migrations of the rewards pallet.

use crate::{pallet::*, types::RewardAssetStatus};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use sp_runtime::Saturating;

/// Version 0 → 1: rewards are paid only in the chain's reward assets ([`RewardAssets`]).
pub mod v1 {
	use super::*;

	/// The migration body, run once by [`MigrateToV1`]: enables the assets of `Initial` (at
	/// most `MaxRewardAssets`, the rest are left out with a defensive warning) as reward
	/// assets, so that AVSs paying in them keep working after the upgrade.
	pub struct UncheckedMigrateToV1<T, Initial>(core::marker::PhantomData<(T, Initial)>);

	impl<T: Config, Initial: Get<Vec<T::AssetKind>>> UncheckedOnRuntimeUpgrade
		for UncheckedMigrateToV1<T, Initial>
	{
		fn on_runtime_upgrade() -> Weight {
			let mut writes: u64 = 0;
			for asset in Initial::get() {
				if RewardAssets::<T>::count() >= MaxRewardAssetsOf::<T>::get() {
					frame_support::defensive!("more initial reward assets than MaxRewardAssets");
					break;
				}
				if !RewardAssets::<T>::contains_key(&asset) {
					RewardAssets::<T>::insert(&asset, RewardAssetStatus::Enabled);
					writes.saturating_accrue(2);
				}
			}
			T::DbWeight::get().reads_writes(writes, writes)
		}
	}

	/// [`UncheckedMigrateToV1`] run only on storage version 0, setting version 1.
	pub type MigrateToV1<T, Initial> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T, Initial>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
