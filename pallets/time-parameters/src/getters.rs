//! `Get` adapters that read one field of [`Parameters`]: the other pallets' `Config` types in
//! the runtime (`type MinWithdrawalDelay = getters::MinWithdrawalDelay<Runtime>`).

use crate::pallet::{Config, Parameters};
use core::marker::PhantomData;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;

macro_rules! getters {
	($($(#[$doc:meta])* $name:ident => $field:ident;)*) => {$(
		$(#[$doc])*
		pub struct $name<T>(PhantomData<T>);
		impl<T: Config> Get<BlockNumberFor<T>> for $name<T> {
			fn get() -> BlockNumberFor<T> {
				Parameters::<T>::get().$field
			}
		}
	)*};
}

getters! {
	/// [`TimeParams::min_veto_window`](crate::TimeParams::min_veto_window) in force.
	MinVetoWindow => min_veto_window;
	/// [`TimeParams::max_veto_window`](crate::TimeParams::max_veto_window) in force.
	MaxVetoWindow => max_veto_window;
	/// [`TimeParams::max_incident_age`](crate::TimeParams::max_incident_age) in force.
	MaxIncidentAge => max_incident_age;
	/// [`TimeParams::min_withdrawal_delay`](crate::TimeParams::min_withdrawal_delay) in force.
	MinWithdrawalDelay => min_withdrawal_delay;
	/// [`TimeParams::max_withdrawal_delay`](crate::TimeParams::max_withdrawal_delay) in force.
	MaxWithdrawalDelay => max_withdrawal_delay;
	/// [`TimeParams::min_opt_out_delay`](crate::TimeParams::min_opt_out_delay) in force.
	MinOptOutDelay => min_opt_out_delay;
	/// [`TimeParams::max_opt_out_delay`](crate::TimeParams::max_opt_out_delay) in force.
	MaxOptOutDelay => max_opt_out_delay;
	/// [`TimeParams::allocation_delay`](crate::TimeParams::allocation_delay) in force.
	AllocationDelay => allocation_delay;
	/// [`TimeParams::commission_change_delay`](crate::TimeParams::commission_change_delay) in
	/// force.
	CommissionChangeDelay => commission_change_delay;
	/// [`TimeParams::avs_rule_change_delay`](crate::TimeParams::avs_rule_change_delay) in
	/// force.
	AvsRuleChangeDelay => avs_rule_change_delay;
	/// [`TimeParams::min_reward_duration`](crate::TimeParams::min_reward_duration) in force.
	MinRewardDuration => min_reward_duration;
}
