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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AvsRegistryBenchmarkHelper;
}

/// Restaking state for the AVS registry benchmarks, made through the restaking pallet's calls:
/// operators registered with zero commission, vaults of native collateral created by root with
/// the shortest withdrawal delay, and a deposit of 1_000 UNIT into each new pool.
#[cfg(feature = "runtime-benchmarks")]
pub struct AvsRegistryBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_avs_registry::BenchmarkHelper<AccountId, AssetKind> for AvsRegistryBenchmarkHelper {
	fn setup_operator(operator: &AccountId) {
		use frame_support::traits::fungible::{Inspect, Mutate};
		use pallet_restaking::traits::RestakingInspect;
		// Enough native balance for the operator and opt-in deposits.
		if <Balances as Inspect<AccountId>>::balance(operator) < 1_000 * UNIT {
			<Balances as Mutate<AccountId>>::set_balance(operator, 1_000_000 * UNIT);
		}
		if !<RestakingLedger as RestakingInspect<AccountId>>::is_operator(operator) {
			assert!(RestakingLedger::register_operator(
				RuntimeOrigin::signed(operator.clone()),
				Perbill::zero(),
				Default::default(),
			)
			.is_ok());
		}
	}

	fn setup_vault_with_stake(operator: &AccountId) -> pallet_restaking::types::VaultId {
		use frame_support::traits::fungible::Mutate;
		let owner: AccountId = frame_benchmarking::account("vault_owner", 0, 0);
		use frame_support::traits::Get;
		let staker: AccountId = frame_benchmarking::account("vault_staker", 0, 0);
		let plenty = 1_000_000 * UNIT;
		<Balances as Mutate<AccountId>>::set_balance(&owner, plenty);
		<Balances as Mutate<AccountId>>::set_balance(&staker, plenty);
		let vault = pallet_restaking::NextVaultId::<Runtime>::get();
		assert!(RestakingLedger::force_create_vault(
			RuntimeOrigin::root(),
			owner,
			AssetKind::Native,
			Balance::MAX,
			0,
			<Runtime as pallet_restaking::Config>::MinWithdrawalDelay::get(),
		)
		.is_ok());
		assert!(RestakingLedger::deposit(
			RuntimeOrigin::signed(staker),
			vault,
			operator.clone(),
			1_000 * UNIT,
		)
		.is_ok());
		vault
	}

	fn reward_asset(index: u32) -> AssetKind {
		AssetKind::WithId(index)
	}
}

#[cfg(test)]
mod tests {
	use super::{time_parameters::windows, *};
	use frame_support::traits::Hooks;

	#[test]
	fn avs_registry_constants_are_consistent() {
		sp_io::TestExternalities::default()
			.execute_with(|| <AvsRegistry as Hooks<BlockNumber>>::integrity_test());
	}
}
