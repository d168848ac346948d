//! Pallets benchmarked by `restaking-node benchmark pallet` (feature `runtime-benchmarks`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_restaking, Restaking]
	[pallet_avs_registry, AvsRegistry]
	[pallet_slashing, Slashing]
	[pallet_rewards, Rewards]
	[pallet_time_parameters, TimeParameters]
);
