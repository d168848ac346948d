//! The AVS record itself: the current block, looking an AVS up with the rules in force
//! (live, or owned by the caller), checking an [`AvsConfig`] at registration and on update,
//! and the block from which a riskier rule change is in force.

use crate::{
	AvsConfig, AvsId, AvsInfo, AvsStatus, Avss, Config, Error, Pallet, ScheduledRuleChanges,
};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_restaking::traits::RestakingInspect;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The AVS record with the rules in force now: a scheduled rule change
	/// ([`ScheduledRuleChanges`]) whose block has come is applied, before anything writes it
	/// into the record. The flag tells whether one was applied; a call that writes the record
	/// removes the change it applied.
	pub(crate) fn avs_in_force(avs: AvsId) -> Option<(AvsInfo<T>, bool)> {
		let mut info = Avss::<T>::get(avs)?;
		let due = match ScheduledRuleChanges::<T>::get(avs) {
			Some(change) if change.effective_at <= Self::now() => {
				info.config.apply_rules(&change);
				true
			},
			_ => false,
		};
		Some((info, due))
	}

	/// The AVS, with the rules in force now, if it is registered and not past the end of its
	/// deregistration.
	pub fn live_avs(avs: AvsId) -> Option<AvsInfo<T>> {
		Self::avs_in_force(avs).map(|(info, _)| info).filter(|info| match info.status {
			AvsStatus::Active => true,
			AvsStatus::Deregistering { until } => Self::now() < until,
		})
	}

	/// The AVS with the rules in force now (and whether a scheduled change was applied, see
	/// [`Self::avs_in_force`]), if `who` owns it.
	pub(crate) fn owned_avs(
		avs: AvsId,
		who: &T::AccountId,
	) -> Result<(AvsInfo<T>, bool), DispatchError> {
		let (info, due) = Self::avs_in_force(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(info.owner == *who, Error::<T>::NotAvsOwner);
		Ok((info, due))
	}

	/// First block at which a change of rules from `current` to `new` that puts more at risk
	/// is in force: `now +` the longest of [`Config::RuleChangeDelay`], the AVS's opt-out
	/// delay in force and the longest withdrawal wait of every vault of both configurations.
	/// An operator that opts out when the change is scheduled is no longer slashable by the
	/// AVS at that block, and a withdrawal queued then from any pool the AVS may slash has
	/// matured: whoever disagrees with the new rules is out before they apply.
	pub(crate) fn rule_change_block(
		current: &AvsConfig<T>,
		new: &AvsConfig<T>,
	) -> BlockNumberFor<T> {
		let vault_wait = current
			.accepted_vaults
			.iter()
			.chain(new.accepted_vaults.iter())
			.filter_map(|vault| T::Restaking::longest_withdrawal_wait(*vault))
			.max()
			.unwrap_or_default();
		let wait = T::RuleChangeDelay::get().max(current.opt_out_delay).max(vault_wait);
		Self::now().saturating_add(wait)
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

	/// Weight of what the `update_avs` benchmark does not measure yet: reading and writing the
	/// AVS's scheduled rule change, and reading the withdrawal wait of every vault of both
	/// configurations (at most `2 × MaxVaultsPerAvs`).
	pub(crate) fn rule_change_weight() -> Weight {
		let vaults = u64::from(T::MaxVaultsPerAvs::get()).saturating_mul(2);
		T::DbWeight::get().reads_writes(vaults.saturating_add(1), 1)
	}

	/// Weight of reading an AVS's scheduled rule change to know the rules in force, for the
	/// calls whose benchmarks do not measure it yet.
	pub(crate) fn rules_in_force_weight() -> Weight {
		T::DbWeight::get().reads(1)
	}
}
