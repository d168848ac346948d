//! The AVS record itself: the current block, looking an AVS up (live, or owned by the caller)
//! and checking an [`AvsConfig`] at registration and on update.

use crate::{AvsConfig, AvsId, AvsInfo, AvsStatus, Avss, Config, Error, Pallet};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_restaking::traits::RestakingInspect;

impl<T: Config> Pallet<T> {
	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The AVS if it is registered and not past the end of its deregistration.
	pub fn live_avs(avs: AvsId) -> Option<AvsInfo<T>> {
		Avss::<T>::get(avs).filter(|info| match info.status {
			AvsStatus::Active => true,
			AvsStatus::Deregistering { until } => Self::now() < until,
		})
	}

	/// The AVS, if `who` owns it.
	pub(crate) fn owned_avs(avs: AvsId, who: &T::AccountId) -> Result<AvsInfo<T>, DispatchError> {
		let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(info.owner == *who, Error::<T>::NotAvsOwner);
		Ok(info)
	}

	/// Check a configuration for registration (`previous` is `None`) or as a replacement of
	/// `previous`.
	pub(crate) fn validate_config(
		config: &AvsConfig<T>,
		previous: Option<&AvsConfig<T>>,
	) -> DispatchResult {
		let veto_window = config.slashing.veto_window;
		ensure!(veto_window >= T::MinVetoWindow::get(), Error::<T>::VetoWindowTooShort);
		ensure!(veto_window <= T::MaxVetoWindow::get(), Error::<T>::VetoWindowTooLong);
		let opt_out_delay = config.opt_out_delay;
		ensure!(opt_out_delay >= T::MinOptOutDelay::get(), Error::<T>::OptOutDelayTooShort);
		ensure!(opt_out_delay <= T::MaxOptOutDelay::get(), Error::<T>::OptOutDelayTooLong);
		let longest_veto_window = match previous {
			Some(previous) => veto_window.max(previous.slashing.veto_window),
			None => veto_window,
		};
		ensure!(opt_out_delay > longest_veto_window, Error::<T>::OptOutDelayNotAboveVetoWindow);
		for (index, vault) in config.accepted_vaults.iter().enumerate() {
			ensure!(
				!config.accepted_vaults.iter().take(index).any(|earlier| earlier == vault),
				Error::<T>::DuplicateVault
			);
			ensure!(T::Restaking::vault_asset(*vault).is_some(), Error::<T>::VaultNotFound);
		}
		for (index, asset) in config.reward_assets.iter().enumerate() {
			ensure!(
				!config.reward_assets.iter().take(index).any(|earlier| earlier == asset),
				Error::<T>::DuplicateRewardAsset
			);
		}
		Ok(())
	}
}
