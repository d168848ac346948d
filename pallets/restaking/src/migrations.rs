//! Storage migrations of the restaking pallet.

use crate::{pallet::*, reward::PoolReward, types::*};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use sp_runtime::{traits::Saturating, FixedU128};

/// Version 0 → 1: a pool's reward counters get the streams that feed them.
pub mod v1 {
	use super::*;

	/// The layout of a pool in storage version 0: one bare counter per reward asset.
	#[derive(Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo)]
	#[scale_info(skip_type_params(T))]
	pub struct OldPoolInfo<T: Config> {
		/// Stake backing the active shares.
		pub active_stake: T::Balance,
		/// Shares held by the pool's stakers.
		pub active_shares: T::Balance,
		/// Live withdrawal buckets, ascending.
		pub live_buckets: BoundedVec<BucketIndex<T>, T::MaxLiveBuckets>,
		/// Reward per active share, per reward asset.
		pub reward_per_share: BoundedVec<(T::AssetKind, FixedU128), T::MaxRewardAssets>,
	}

	/// The migration body, run once by [`MigrateToV1`]: every pool keeps its stake, shares,
	/// buckets and counters; each counter gets an empty stream, updated at the upgrade
	/// block. (Rewards credited before the upgrade were credited at once, so nothing is
	/// streaming.) One read and one write per pool.
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let mut translated: u64 = 0;
			Pools::<T>::translate::<OldPoolInfo<T>, _>(|_, _, old| {
				translated.saturating_inc();
				let rewards = old
					.reward_per_share
					.into_iter()
					.map(|(asset, per_share)| {
						(asset, PoolReward { per_share, updated_at: now, ..Default::default() })
					})
					.collect::<alloc::vec::Vec<_>>();
				Some(PoolInfo {
					active_stake: old.active_stake,
					active_shares: old.active_shares,
					live_buckets: old.live_buckets,
					// At most `MaxRewardAssets` entries, as before.
					rewards: BoundedVec::truncate_from(rewards),
				})
			});
			T::DbWeight::get().reads_writes(translated, translated)
		}
	}

	/// [`UncheckedMigrateToV1`] run only on storage version 0, setting version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
