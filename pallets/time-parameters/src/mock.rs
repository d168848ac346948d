//! Test runtime: frame-system and this pallet, with development-scale defaults.

use crate::{self as pallet_time_parameters, TimeParams};
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		TimeParameters: pallet_time_parameters,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Development-scale windows: 2..=4 veto, 5 latency, withdrawals from 10, opt-outs from 10.
pub const DEFAULTS: TimeParams<u64> = TimeParams {
	min_veto_window: 2,
	max_veto_window: 4,
	max_incident_age: 5,
	min_withdrawal_delay: 10,
	max_withdrawal_delay: 1_000,
	min_opt_out_delay: 10,
	max_opt_out_delay: 2_000,
	allocation_delay: 5,
	commission_change_delay: 100,
	avs_rule_change_delay: 20,
	min_reward_duration: 10,
};

parameter_types! {
	pub const DefaultParameters: TimeParams<u64> = DEFAULTS;
}

impl pallet_time_parameters::Config for Test {
	type DefaultParameters = DefaultParameters;
	type AdminOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

/// Externalities after the genesis build with `parameters`.
pub fn new_test_ext_with(parameters: TimeParams<u64>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		time_parameters: pallet_time_parameters::GenesisConfig { parameters },
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Externalities after the genesis build with [`DEFAULTS`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(DEFAULTS)
}
