//! Configuration of the time-parameters pallet: the safety windows per chain spec.
//!
//! The genesis presets choose the windows (`genesis_config_presets.rs`):
//!
//! | window                     | `development`, `local_testnet` | `staging`            |
//! |----------------------------|--------------------------------|----------------------|
//! | veto window                | 2 – 4 blocks (12 – 24 s)       | 1 – 2 days           |
//! | request latency (incident age) | 5 blocks (30 s)            | 2 days               |
//! | withdrawal delay           | 10 blocks – 7 days             | 7 – 28 days          |
//! | opt-out delay              | 10 blocks – 30 days            | 7 – 60 days          |
//! | allocation delay           | 5 blocks                       | 7 days               |
//! | commission increase delay  | 10 minutes                     | 7 days               |
//! | AVS rule-change delay (a floor: at least the AVS's opt-out delay and its vaults' withdrawal waits) | 10 blocks | 7 days |
//! | shortest reward period     | 10 blocks                      | 1 hour               |
//!
//! [`DevelopmentWindows`] are also what an upgraded chain gets (the migration stores them):
//! the windows the runtime's constants had before, with the veto window and the request
//! latency shortened so that `max_veto_window + max_incident_age < min_withdrawal_delay`.

use super::*;
use pallet_time_parameters::TimeParams;

/// Windows of the development and local-testnet chains: the whole lifecycle (deposit, opt in,
/// slash, withdraw) in a few minutes.
pub const DEVELOPMENT_WINDOWS: TimeParams<BlockNumber> = TimeParams {
	min_veto_window: 2,
	max_veto_window: 4,
	max_incident_age: 5,
	min_withdrawal_delay: 10,
	max_withdrawal_delay: 7 * DAYS,
	min_opt_out_delay: 10,
	max_opt_out_delay: 30 * DAYS,
	allocation_delay: 5,
	commission_change_delay: 10 * MINUTES,
	avs_rule_change_delay: 10,
	min_reward_duration: 10,
};

/// Windows of a production-like chain (the `staging` preset): withdrawals wait 7 days, a fault
/// can be reported for 2 days and vetoed for 1 to 2 more, and every increase of a staker's
/// exposure or cost (allocation, commission) is announced a withdrawal delay ahead.
pub const STAGING_WINDOWS: TimeParams<BlockNumber> = TimeParams {
	min_veto_window: DAYS,
	max_veto_window: 2 * DAYS,
	max_incident_age: 2 * DAYS,
	min_withdrawal_delay: 7 * DAYS,
	max_withdrawal_delay: 28 * DAYS,
	min_opt_out_delay: 7 * DAYS,
	max_opt_out_delay: 60 * DAYS,
	allocation_delay: 7 * DAYS,
	commission_change_delay: 7 * DAYS,
	avs_rule_change_delay: 7 * DAYS,
	min_reward_duration: HOURS,
};

parameter_types! {
	/// What an empty [`pallet_time_parameters::Parameters`] reads: the development windows.
	pub const DevelopmentWindows: TimeParams<BlockNumber> = DEVELOPMENT_WINDOWS;
}

impl pallet_time_parameters::Config for Runtime {
	type DefaultParameters = DevelopmentWindows;
	type AdminOrigin = EnsureRoot<AccountId>;
	type WeightInfo = pallet_time_parameters::weights::SubstrateWeight<Runtime>;
}

/// The windows in force, for the other pallets' configs.
pub use pallet_time_parameters::getters as windows;

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Get;

	#[test]
	fn every_preset_window_set_keeps_the_relations() {
		assert_eq!(DEVELOPMENT_WINDOWS.check(), Ok(()));
		assert_eq!(STAGING_WINDOWS.check(), Ok(()));
	}

	/// Every pallet reads its window from the parameters in force, each from its own field.
	#[test]
	fn the_pallets_read_the_windows_in_force() {
		// Distinct values, so that a getter wired to the wrong field is caught.
		let distinct = TimeParams {
			min_veto_window: 2,
			max_veto_window: 3,
			max_incident_age: 4,
			min_withdrawal_delay: 10,
			max_withdrawal_delay: 11,
			min_opt_out_delay: 12,
			max_opt_out_delay: 13,
			allocation_delay: 14,
			commission_change_delay: 15,
			avs_rule_change_delay: 16,
			min_reward_duration: 5,
		};
		assert_eq!(distinct.check(), Ok(()));
		sp_io::TestExternalities::default().execute_with(|| {
			pallet_time_parameters::Parameters::<Runtime>::put(distinct);
			let read = TimeParams {
				min_veto_window: <Runtime as pallet_avs_registry::Config>::MinVetoWindow::get(),
				max_veto_window: <Runtime as pallet_avs_registry::Config>::MaxVetoWindow::get(),
				max_incident_age: <Runtime as pallet_slashing::Config>::MaxIncidentAge::get(),
				min_withdrawal_delay:
					<Runtime as pallet_restaking::Config>::MinWithdrawalDelay::get(),
				max_withdrawal_delay:
					<Runtime as pallet_restaking::Config>::MaxWithdrawalDelay::get(),
				min_opt_out_delay: <Runtime as pallet_avs_registry::Config>::MinOptOutDelay::get(),
				max_opt_out_delay: <Runtime as pallet_avs_registry::Config>::MaxOptOutDelay::get(),
				allocation_delay: <Runtime as pallet_avs_registry::Config>::AllocationDelay::get(),
				commission_change_delay:
					<Runtime as pallet_restaking::Config>::CommissionChangeDelay::get(),
				avs_rule_change_delay:
					<Runtime as pallet_avs_registry::Config>::RuleChangeDelay::get(),
				min_reward_duration: <Runtime as pallet_rewards::Config>::MinRewardDuration::get(),
			};
			assert_eq!(read, distinct);
		});
	}

	#[test]
	fn staging_is_production_scale() {
		assert_eq!(STAGING_WINDOWS.min_withdrawal_delay, 7 * DAYS);
		assert!(STAGING_WINDOWS.min_veto_window >= DAYS);
		assert!(STAGING_WINDOWS.min_opt_out_delay >= STAGING_WINDOWS.min_withdrawal_delay);
		assert_eq!(STAGING_WINDOWS.commission_change_delay, 7 * DAYS);
		assert!(STAGING_WINDOWS.avs_rule_change_delay >= 7 * DAYS);
	}
}
