//! Root's changes: checked on their own and against the envelope of existing vaults and AVSs.

use crate::{mock::*, Envelope, Error, Event, Parameters, TimeParams, WindowEnvelope};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn set(params: TimeParams<u64>) -> frame_support::dispatch::DispatchResult {
	TimeParameters::set_parameters(RuntimeOrigin::root(), params)
}

fn with(base: TimeParams<u64>, change: impl FnOnce(&mut TimeParams<u64>)) -> TimeParams<u64> {
	let mut params = base;
	change(&mut params);
	params
}

/// Production-like windows reached from the defaults in one change: withdrawals and opt-outs
/// 100 and up, veto windows still at most 4 (the envelope allows 4 + 5 < 10).
fn longer() -> TimeParams<u64> {
	with(DEFAULTS, |p| {
		p.min_withdrawal_delay = 100;
		p.min_opt_out_delay = 100;
		p.commission_change_delay = 100;
	})
}

#[test]
fn root_changes_the_parameters_and_the_event_names_both_sides() {
	new_test_ext().execute_with(|| {
		assert_ok!(set(longer()));
		assert_eq!(Parameters::<Test>::get(), longer());
		// The envelope keeps the shorter delays of vaults and AVSs made before.
		let envelope = Envelope {
			longest_veto_window: 4,
			shortest_withdrawal_delay: 10,
			shortest_opt_out_delay: 10,
		};
		assert_eq!(WindowEnvelope::<Test>::get(), envelope);
		System::assert_last_event(
			Event::ParametersChanged { previous: DEFAULTS, parameters: longer(), envelope }.into(),
		);
		assert_ok!(TimeParameters::do_try_state());
	});
}

#[test]
fn only_the_admin_origin_changes_the_parameters() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TimeParameters::set_parameters(RuntimeOrigin::signed(1), longer()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TimeParameters::set_parameters(RuntimeOrigin::none(), longer()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_setting_that_breaks_a_relation_on_its_own_changes_nothing() {
	new_test_ext().execute_with(|| {
		for (bad, error) in [
			(with(DEFAULTS, |p| p.min_veto_window = 0), Error::<Test>::InvalidBounds),
			(with(DEFAULTS, |p| p.max_veto_window = 5), Error::SlashWindowNotBelowWithdrawalDelay),
			(with(DEFAULTS, |p| p.min_opt_out_delay = 9), Error::OptOutDelayBelowWithdrawalDelay),
			(
				with(DEFAULTS, |p| p.min_reward_duration = 11),
				Error::RewardDurationAboveWithdrawalDelay,
			),
		] {
			assert_noop!(set(bad), error);
		}
	});
}

#[test]
fn a_longer_veto_window_must_fit_the_vaults_made_under_a_shorter_withdrawal_floor() {
	new_test_ext().execute_with(|| {
		assert_ok!(set(longer()));
		// On its own 50 + 5 < 100 holds, but vaults with a 10-block delay still exist.
		let long_veto = with(longer(), |p| p.max_veto_window = 50);
		assert_eq!(long_veto.check(), Ok(()));
		assert_noop!(set(long_veto), Error::<Test>::BreaksExistingWindows);
		// Within the envelope (4 + 5 < 10) it is fine.
		assert_ok!(set(with(longer(), |p| p.max_veto_window = 3)));
		// The envelope remembers the longest veto window ever allowed.
		assert_eq!(WindowEnvelope::<Test>::get().longest_veto_window, 4);
	});
}

#[test]
fn a_shorter_withdrawal_floor_must_fit_the_avss_made_under_a_longer_veto_bound() {
	new_test_ext().execute_with(|| {
		// On its own 2 + 3 < 6 holds, but AVSs with a 4-block veto window may exist: 4 + 3
		// is not below 6.
		let short = with(DEFAULTS, |p| {
			p.max_veto_window = 2;
			p.max_incident_age = 3;
			p.min_withdrawal_delay = 6;
			p.min_opt_out_delay = 6;
			p.min_reward_duration = 6;
		});
		assert_eq!(short.check(), Ok(()));
		assert_noop!(set(short), Error::<Test>::BreaksExistingWindows);
		// A floor of 8 fits them (4 + 3 < 8), and the envelope moves down to it.
		assert_ok!(set(with(short, |p| {
			p.min_withdrawal_delay = 8;
			p.min_opt_out_delay = 8;
		})));
		assert_eq!(
			WindowEnvelope::<Test>::get(),
			Envelope {
				longest_veto_window: 4,
				shortest_withdrawal_delay: 8,
				shortest_opt_out_delay: 8
			}
		);
		// Raising the floor again does not raise the envelope: vaults with 8 blocks exist.
		// (The request latency stays 3: it may not go back up.)
		assert_ok!(set(with(longer(), |p| p.max_incident_age = 3)));
		assert_eq!(WindowEnvelope::<Test>::get().shortest_withdrawal_delay, 8);
		assert_ok!(TimeParameters::do_try_state());
	});
}

#[test]
fn the_incident_age_may_be_lowered_but_never_raised() {
	new_test_ext().execute_with(|| {
		let lower = with(DEFAULTS, |p| p.max_incident_age = 3);
		assert_ok!(set(lower));
		// Back to 5 would make incidents pruned after 3 blocks reportable again.
		assert_noop!(set(DEFAULTS), Error::<Test>::IncidentAgeRaised);
		assert_eq!(Parameters::<Test>::get().max_incident_age, 3);
	});
}

#[test]
fn setting_the_same_parameters_again_is_accepted_and_changes_no_envelope() {
	new_test_ext().execute_with(|| {
		let envelope = WindowEnvelope::<Test>::get();
		assert_ok!(set(DEFAULTS));
		assert_eq!(WindowEnvelope::<Test>::get(), envelope);
	});
}
