//! Read-only queries for the runtime API (`pallet-restaking-runtime-api`).

use crate::{pallet::*, types};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// What `staker` can claim now: per pool (bounded by the restaking pallet's
	/// `MaxStakerPools × MaxRewardAssets`) and per asset in total, exactly as
	/// [`Pallet::claim_rewards`] would pay; and per pool what is still streaming to it.
	pub fn claimable_rewards(
		staker: &T::AccountId,
	) -> types::ClaimableRewards<T::AccountId, T::AssetKind, T::Balance, BlockNumberFor<T>> {
		use alloc::vec::Vec;
		use pallet_restaking::traits::RestakingRewards;
		use sp_runtime::traits::Zero;
		let mut claimable =
			types::ClaimableRewards { pools: Vec::new(), total: Vec::new(), streaming: Vec::new() };
		for (vault, operator) in T::Restaking::staker_pools(staker) {
			let streaming = T::Restaking::streaming_rewards(staker, vault, &operator);
			if !streaming.is_empty() {
				claimable.streaming.push((vault, operator.clone(), streaming.into_inner()));
			}
			let rewards: Vec<_> = T::Restaking::pending_rewards(staker, vault, &operator)
				.into_iter()
				.filter(|(_, amount)| !amount.is_zero())
				.collect();
			if rewards.is_empty() {
				continue;
			}
			for (asset, amount) in rewards.iter() {
				Self::add_to_totals(&mut claimable.total, asset.clone(), *amount);
			}
			claimable.pools.push((vault, operator, rewards));
		}
		claimable
	}

	/// Operator commission `operator` can claim per asset ([`Pallet::claim_commission`]);
	/// iterates the operator's own prefix of [`OperatorCommission`] (one entry per reward
	/// asset it was paid in and has not claimed yet), by asset.
	pub fn claimable_commission(
		operator: &T::AccountId,
	) -> alloc::vec::Vec<(T::AssetKind, T::Balance)> {
		let mut commission: alloc::vec::Vec<_> =
			OperatorCommission::<T>::iter_prefix(operator).collect();
		commission.sort_by(|(a, _), (b, _)| a.cmp(b));
		commission
	}
}
