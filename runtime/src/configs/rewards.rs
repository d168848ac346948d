//! Configuration of `pallet-rewards` in the runtime.
//!
//! Reward funds are held by the pot account of [`RewardsPalletId`]; protocol fees accrue there
//! for [`TreasuryAccount`] and are sent to it by anyone with `transfer_protocol_fees`.

use super::*;

parameter_types! {
	/// Id of the reward pot account.
	pub const RewardsPalletId: PalletId = PalletId(*b"rstk/rwd");
	/// Protocol fee in force until governance sets one: 5% of each operator's share.
	pub const DefaultProtocolFee: Perbill = Perbill::from_percent(5);
	/// Highest protocol fee governance may set.
	pub const MaxProtocolFee: Perbill = Perbill::from_percent(20);
	/// Reward assets enabled by the upgrade to the rewards pallet's storage version 1 (the
	/// genesis presets' list): the native token and the two collateral tokens.
	pub InitialRewardAssets: alloc::vec::Vec<AssetKind> = alloc::vec![
		AssetKind::Native,
		AssetKind::WithId(crate::genesis_config_presets::STETH),
		AssetKind::WithId(crate::genesis_config_presets::RETH),
	];
}

impl pallet_rewards::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Restaking = RestakingLedger;
	type Avs = AvsRegistry;
	type PalletId = RewardsPalletId;
	type TreasuryAccount = TreasuryAccount;
	type DefaultProtocolFee = DefaultProtocolFee;
	type MaxProtocolFee = MaxProtocolFee;
	/// The chain spec's shortest reward period (`time_parameters.rs`): at most the shortest
	/// withdrawal delay, so some period can be paid to every vault.
	type MinRewardDuration = super::time_parameters::windows::MinRewardDuration<Runtime>;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
	/// AVSs, operators and staker positions made through the real restaking and AVS-registry
	/// pallets.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_rewards::benchmark_helpers::WithRealPallets<Runtime>;
}
