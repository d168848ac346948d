//! The pallet's invariant: the reward pot covers everything owed, for every asset.

use crate::pallet::*;
use frame_support::{
	ensure,
	traits::{fungibles::Inspect, Get},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Check that, for every asset the pallet owes, the pot holds at least its minimum
	/// balance plus Σ unclaimed commission + accrued protocol fees + outstanding staker
	/// rewards, and that no zero amounts are stored.
	#[cfg(any(feature = "try-runtime", feature = "try-state-checks", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut owed: BTreeMap<T::AssetKind, T::Balance> = BTreeMap::new();
		let mut add = |asset: T::AssetKind, amount: T::Balance| {
			let entry = owed.entry(asset).or_default();
			*entry = entry.saturating_add(amount);
		};
		for (_, asset, amount) in OperatorCommission::<T>::iter() {
			ensure!(!amount.is_zero(), "zero commission kept in storage");
			add(asset, amount);
		}
		for (asset, amount) in AccruedProtocolFees::<T>::iter() {
			ensure!(!amount.is_zero(), "zero protocol fees kept in storage");
			add(asset, amount);
		}
		for (asset, amount) in OutstandingStakerRewards::<T>::iter() {
			ensure!(!amount.is_zero(), "zero outstanding rewards kept in storage");
			add(asset, amount);
		}
		let pot = Self::pot_account();
		for (asset, amount) in owed {
			let required = amount.saturating_add(T::Assets::minimum_balance(asset.clone()));
			ensure!(
				T::Assets::balance(asset, &pot) >= required,
				"reward pot holds less than it owes"
			);
		}
		ensure!(
			ProtocolFee::<T>::get() <= T::MaxProtocolFee::get(),
			"protocol fee above MaxProtocolFee"
		);
		Ok(())
	}
}
