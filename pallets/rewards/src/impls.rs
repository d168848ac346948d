//! The reward pot and payouts to stakers.

use crate::pallet::*;
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Mutate, tokens::Preservation, DefensiveSaturating},
};
use sp_runtime::traits::{AccountIdConversion, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The reward pot: holds every undistributed and unclaimed reward.
	pub fn pot_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Add `amount` of `asset` to its entry of per-asset `totals` (appended if new).
	pub(crate) fn add_to_totals(
		totals: &mut Vec<(T::AssetKind, T::Balance)>,
		asset: T::AssetKind,
		amount: T::Balance,
	) {
		match totals.iter_mut().find(|(known, _)| *known == asset) {
			Some((_, total)) => *total = total.saturating_add(amount),
			None => totals.push((asset, amount)),
		}
	}

	/// Move `amount` of `asset` owed to stakers (but earned by nobody) to the treasury's
	/// accrued fees.
	pub(crate) fn return_to_treasury(asset: &T::AssetKind, amount: T::Balance) {
		OutstandingStakerRewards::<T>::mutate_exists(asset, |outstanding| {
			let remaining = outstanding.unwrap_or_default().defensive_saturating_sub(amount);
			*outstanding = (!remaining.is_zero()).then_some(remaining);
		});
		AccruedProtocolFees::<T>::mutate(asset, |accrued| {
			*accrued = accrued.saturating_add(amount)
		});
	}

	/// Pay `rewards` taken from the restaking ledger to `staker` from the pot.
	pub(crate) fn pay_staker(
		staker: &T::AccountId,
		rewards: Vec<(T::AssetKind, T::Balance)>,
	) -> DispatchResult {
		let rewards: Vec<_> = rewards.into_iter().filter(|(_, amount)| !amount.is_zero()).collect();
		ensure!(!rewards.is_empty(), Error::<T>::NothingToClaim);
		let pot = Self::pot_account();
		for (asset, amount) in rewards {
			T::Assets::transfer(asset.clone(), &pot, staker, amount, Preservation::Preserve)?;
			OutstandingStakerRewards::<T>::mutate_exists(&asset, |outstanding| {
				let remaining = outstanding.unwrap_or_default().defensive_saturating_sub(amount);
				*outstanding = (!remaining.is_zero()).then_some(remaining);
			});
			Self::deposit_event(Event::RewardsClaimed { staker: staker.clone(), asset, amount });
		}
		Ok(())
	}
}
