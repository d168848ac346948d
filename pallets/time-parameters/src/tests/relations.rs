//! The relations of one setting on its own ([`TimeParams::check`]).

use crate::{mock::DEFAULTS, InvalidParams, TimeParams};

fn with(change: impl FnOnce(&mut TimeParams<u64>)) -> TimeParams<u64> {
	let mut params = DEFAULTS;
	change(&mut params);
	params
}

#[test]
fn defaults_keep_every_relation() {
	assert_eq!(DEFAULTS.check(), Ok(()));
}

#[test]
fn inverted_or_zero_bounds_are_refused() {
	for bad in [
		with(|p| p.min_veto_window = 0),
		with(|p| p.min_veto_window = p.max_veto_window + 1),
		with(|p| p.max_incident_age = 0),
		with(|p| p.max_withdrawal_delay = p.min_withdrawal_delay - 1),
		with(|p| p.max_opt_out_delay = p.min_opt_out_delay - 1),
		with(|p| p.min_reward_duration = 0),
	] {
		assert_eq!(bad.check(), Err(InvalidParams::BadBounds), "{bad:?}");
	}
}

#[test]
fn veto_window_plus_latency_must_stay_below_the_shortest_withdrawal_delay() {
	// 4 + 5 < 10 holds; 4 + 6 = 10 does not, nor 5 + 5.
	assert_eq!(
		with(|p| p.max_incident_age = 6).check(),
		Err(InvalidParams::SlashWindowNotBelowWithdrawalDelay)
	);
	assert_eq!(
		with(|p| p.max_veto_window = 5).check(),
		Err(InvalidParams::SlashWindowNotBelowWithdrawalDelay)
	);
	assert_eq!(
		with(|p| {
			p.min_withdrawal_delay = 9;
			p.min_reward_duration = 9;
		})
		.check(),
		Err(InvalidParams::SlashWindowNotBelowWithdrawalDelay)
	);
	// An overflowing sum is refused, not wrapped.
	assert_eq!(
		with(|p| {
			p.max_veto_window = u64::MAX;
			p.max_incident_age = 1;
		})
		.check(),
		Err(InvalidParams::SlashWindowNotBelowWithdrawalDelay)
	);
	assert_eq!(with(|p| p.max_incident_age = 3).check(), Ok(()));
}

#[test]
fn opt_out_may_not_be_shorter_than_the_shortest_withdrawal() {
	assert_eq!(
		with(|p| p.min_opt_out_delay = p.min_withdrawal_delay - 1).check(),
		Err(InvalidParams::OptOutDelayBelowWithdrawalDelay)
	);
	assert_eq!(with(|p| p.min_opt_out_delay = p.min_withdrawal_delay).check(), Ok(()));
}

#[test]
fn some_reward_period_fits_the_shortest_withdrawal_delay() {
	assert_eq!(
		with(|p| p.min_reward_duration = p.min_withdrawal_delay + 1).check(),
		Err(InvalidParams::RewardDurationAboveWithdrawalDelay)
	);
}
