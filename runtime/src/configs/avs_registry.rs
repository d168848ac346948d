//! Configuration of the AVS registry pallet in the runtime.
//!
//! The veto-window and opt-out-delay bounds and the allocation delay are the chain spec's
//! (`pallet-time-parameters`, see `time_parameters.rs`), which keeps
//! `max_veto_window + max_incident_age < min_withdrawal_delay <= min_opt_out_delay` for every
//! allowed setting. Restaking leverage is at most 3x: the allocations of one pool across AVSs
//! add up to at most 300%.

use super::{time_parameters::windows, *};
use frame_support::traits::ConstU32;

parameter_types! {
	/// Native deposit held from the owner of an AVS while it is registered.
	pub const AvsDeposit: Balance = 10 * UNIT;
	/// Native deposit held from an operator for each of its opt-ins to an AVS, released when
	/// the opt-in is removed: filling an AVS's operator slots costs one deposit per slot.
	pub const OptInDeposit: Balance = UNIT;
	/// Sum of one pool's allocations across AVSs, in `Perbill` parts: 300%, leverage 3x.
	pub const MaxTotalAllocation: u64 = 3 * 1_000_000_000;
}

impl pallet_avs_registry::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Restaking = RestakingLedger;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = AvsDeposit;
	type OptInDeposit = OptInDeposit;
	type MaxMetadataLen = ConstU32<256>;
	type MaxVaultsPerAvs = ConstU32<8>;
	type MaxOperatorsPerAvs = ConstU32<64>;
	type MaxAvsPerOperator = ConstU32<16>;
	type MaxRewardAssets = ConstU32<4>;
	type MinVetoWindow = windows::MinVetoWindow<Runtime>;
	type MaxVetoWindow = windows::MaxVetoWindow<Runtime>;
	type MinOptOutDelay = windows::MinOptOutDelay<Runtime>;
	type MaxOptOutDelay = windows::MaxOptOutDelay<Runtime>;
	type AllocationDelay = windows::AllocationDelay<Runtime>;
	type RuleChangeDelay = windows::AvsRuleChangeDelay<Runtime>;
	type MaxTotalAllocation = MaxTotalAllocation;
	type WeightInfo = pallet_avs_registry::weights::SubstrateWeight<Runtime>;
	/// Operators, vaults and stake made through the real restaking pallet.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_avs_registry::benchmark_helpers::WithRestaking<Runtime>;
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Hooks;

	#[test]
	fn avs_registry_constants_are_consistent() {
		sp_io::TestExternalities::default()
			.execute_with(|| <AvsRegistry as Hooks<BlockNumber>>::integrity_test());
	}
}
