//! Implementations of the cross-pallet traits for [`Pallet`]: [`AvsInspect`], read by the
//! slashing and rewards pallets. An AVS past its deregistration delay, or an operator past
//! its opt-out delay, is treated as gone here even before its records are removed.

use crate::{
	traits::AvsInspect, Allocations, AvsId, AvsOperators, AvsSlashingParamsOf, Config, OptInStatus,
	OptIns, Pallet, VaultAllocationOf, VaultId,
};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Perbill;

impl<T: Config> AvsInspect<T::AccountId> for Pallet<T> {
	type BlockNumber = BlockNumberFor<T>;
	type AssetKind = T::AssetKind;
	type MaxVaultsPerAvs = T::MaxVaultsPerAvs;
	type MaxOperatorsPerAvs = T::MaxOperatorsPerAvs;

	fn avs_owner(avs: AvsId) -> Option<T::AccountId> {
		Self::live_avs(avs).map(|info| info.owner)
	}

	fn slashing_params(avs: AvsId) -> Option<AvsSlashingParamsOf<T>> {
		Self::live_avs(avs).map(|info| info.config.slashing)
	}

	fn opt_out_delay(avs: AvsId) -> Option<BlockNumberFor<T>> {
		Self::live_avs(avs).map(|info| info.config.opt_out_delay)
	}

	fn accepts_reward_asset(avs: AvsId, asset: &T::AssetKind) -> bool {
		Self::live_avs(avs).is_some_and(|info| info.config.reward_assets.contains(asset))
	}

	fn is_slashable(avs: AvsId, operator: &T::AccountId) -> bool {
		Self::live_avs(avs).is_some() &&
			OptIns::<T>::get(avs, operator)
				.is_some_and(|status| status.is_slashable_at(Self::now()))
	}

	fn slashable_allocations(
		avs: AvsId,
		operator: &T::AccountId,
	) -> BoundedVec<(VaultId, Perbill), T::MaxVaultsPerAvs> {
		if !Self::is_slashable(avs, operator) {
			return BoundedVec::new();
		}
		let now = Self::now();
		Self::nonzero_fractions(avs, operator, |record| record.slashable_at(now))
	}

	fn active_allocations(
		avs: AvsId,
		operator: &T::AccountId,
	) -> BoundedVec<(VaultId, Perbill), T::MaxVaultsPerAvs> {
		if Self::live_avs(avs).is_none() ||
			OptIns::<T>::get(avs, operator) != Some(OptInStatus::OptedIn)
		{
			return BoundedVec::new();
		}
		let now = Self::now();
		Self::nonzero_fractions(avs, operator, |record| record.in_force(now))
	}

	fn opted_in_operators(avs: AvsId) -> BoundedVec<T::AccountId, T::MaxOperatorsPerAvs> {
		if Self::live_avs(avs).is_none() {
			return BoundedVec::new();
		}
		let mut operators = AvsOperators::<T>::get(avs);
		operators.retain(|operator| OptIns::<T>::get(avs, operator) == Some(OptInStatus::OptedIn));
		operators
	}
}

impl<T: Config> Pallet<T> {
	/// `(vault, fraction(record))` for each allocation record of `operator` to `avs` whose
	/// `fraction` is not zero.
	fn nonzero_fractions(
		avs: AvsId,
		operator: &T::AccountId,
		fraction: impl Fn(&VaultAllocationOf<T>) -> Perbill,
	) -> BoundedVec<(VaultId, Perbill), T::MaxVaultsPerAvs> {
		let allocations = Allocations::<T>::get(avs, operator);
		let fractions = allocations
			.iter()
			.map(|record| (record.vault, fraction(record)))
			.filter(|(_, fraction)| !fraction.is_zero())
			.collect::<alloc::vec::Vec<_>>();
		// At most as many entries as records: cannot be truncated.
		BoundedVec::truncate_from(fractions)
	}
}
