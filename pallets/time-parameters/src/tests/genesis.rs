//! Genesis build, defaults of an empty chain, the `Get` adapters and the migration.

use crate::{getters, migrations, mock::*, Parameters, TimeParams, WindowEnvelope};
use frame_support::traits::{Get, GetStorageVersion, Hooks, OnRuntimeUpgrade, StorageVersion};

#[test]
fn genesis_stores_the_chain_spec_parameters_and_their_envelope() {
	let staging = TimeParams {
		min_veto_window: 14_400,
		max_veto_window: 28_800,
		max_incident_age: 28_800,
		min_withdrawal_delay: 100_800,
		max_withdrawal_delay: 403_200,
		min_opt_out_delay: 100_800,
		max_opt_out_delay: 864_000,
		allocation_delay: 100_800,
		commission_change_delay: 100_800,
		avs_rule_change_delay: 100_800,
		min_reward_duration: 600,
	};
	new_test_ext_with(staging).execute_with(|| {
		assert_eq!(Parameters::<Test>::get(), staging);
		assert_eq!(WindowEnvelope::<Test>::get(), staging.envelope());
		assert_eq!(TimeParameters::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(getters::MinWithdrawalDelay::<Test>::get(), 100_800);
		assert_eq!(getters::MaxVetoWindow::<Test>::get(), 28_800);
		assert_eq!(getters::MaxIncidentAge::<Test>::get(), 28_800);
		assert_eq!(getters::MinRewardDuration::<Test>::get(), 600);
		assert_ok(TimeParameters::do_try_state());
	});
}

fn assert_ok(result: Result<(), sp_runtime::TryRuntimeError>) {
	assert_eq!(result, Ok(()));
}

#[test]
#[should_panic(
	expected = "genesis time parameters break a relation: SlashWindowNotBelowWithdrawalDelay"
)]
fn a_genesis_that_breaks_a_relation_does_not_build() {
	let mut bad = DEFAULTS;
	bad.max_incident_age = 100;
	let _ = new_test_ext_with(bad);
}

#[test]
fn every_getter_reads_its_own_field() {
	new_test_ext().execute_with(|| {
		let p = DEFAULTS;
		assert_eq!(getters::MinVetoWindow::<Test>::get(), p.min_veto_window);
		assert_eq!(getters::MaxVetoWindow::<Test>::get(), p.max_veto_window);
		assert_eq!(getters::MaxIncidentAge::<Test>::get(), p.max_incident_age);
		assert_eq!(getters::MinWithdrawalDelay::<Test>::get(), p.min_withdrawal_delay);
		assert_eq!(getters::MaxWithdrawalDelay::<Test>::get(), p.max_withdrawal_delay);
		assert_eq!(getters::MinOptOutDelay::<Test>::get(), p.min_opt_out_delay);
		assert_eq!(getters::MaxOptOutDelay::<Test>::get(), p.max_opt_out_delay);
		assert_eq!(getters::AllocationDelay::<Test>::get(), p.allocation_delay);
		assert_eq!(getters::CommissionChangeDelay::<Test>::get(), p.commission_change_delay);
		assert_eq!(getters::AvsRuleChangeDelay::<Test>::get(), p.avs_rule_change_delay);
		assert_eq!(getters::MinRewardDuration::<Test>::get(), p.min_reward_duration);
	});
}

#[test]
fn an_upgraded_chain_reads_the_defaults_and_the_migration_stores_them_once() {
	// A chain without this pallet's genesis: storage version 0, nothing stored.
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(!Parameters::<Test>::exists());
		assert_eq!(Parameters::<Test>::get(), DEFAULTS);
		assert_eq!(WindowEnvelope::<Test>::get(), DEFAULTS.envelope());
		assert_eq!(TimeParameters::on_chain_storage_version(), StorageVersion::new(0));

		migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert!(Parameters::<Test>::exists() && WindowEnvelope::<Test>::exists());
		assert_eq!(Parameters::<Test>::get(), DEFAULTS);
		assert_eq!(TimeParameters::on_chain_storage_version(), StorageVersion::new(1));
		assert_ok(TimeParameters::do_try_state());

		// A second run is a no-op: a later change is not overwritten.
		let mut changed = DEFAULTS;
		changed.commission_change_delay = 7;
		Parameters::<Test>::put(changed);
		migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Parameters::<Test>::get(), changed);
	});
}

#[test]
fn the_default_parameters_pass_the_integrity_test() {
	sp_io::TestExternalities::default()
		.execute_with(|| <TimeParameters as Hooks<u64>>::integrity_test());
}
