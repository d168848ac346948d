//! Configuration of the AVS registry pallet in the runtime.
//!
//! Delays are in blocks (6 s blocks) and short, for a dev chain:
//! - a veto window of 2 to 8 blocks: `MaxVetoWindow` MUST stay below the restaking pallet's
//!   `MinWithdrawalDelay` (10 blocks), so that stake slashable when a slash is requested has
//!   not left its pool when the window ends (asserted at compile time below, and by the test
//!   at the bottom);
//! - an opt-out delay of at least 10 blocks (and above the AVS's veto window);
//! - allocation increases in force after 5 blocks;
//! - restaking leverage at most 3x: the allocations of one pool across AVSs add up to at most
//!   300%.

use super::*;
use frame_support::traits::ConstU32;

parameter_types! {
	/// Native deposit held from the owner of an AVS while it is registered.
	pub const AvsDeposit: Balance = 10 * UNIT;
	/// Native deposit held from an operator for each of its opt-ins to an AVS, released when
	/// the opt-in is removed: filling an AVS's operator slots costs one deposit per slot.
	pub const OptInDeposit: Balance = UNIT;
	/// Shortest veto window of an AVS.
	pub const AvsMinVetoWindow: BlockNumber = 2;
	/// Longest veto window of an AVS: below the restaking pallet's `MinWithdrawalDelay`.
	pub const AvsMaxVetoWindow: BlockNumber = 8;
	/// Shortest opt-out (and deregistration) delay of an AVS.
	pub const AvsMinOptOutDelay: BlockNumber = 10;
	/// Longest opt-out (and deregistration) delay of an AVS.
	pub const AvsMaxOptOutDelay: BlockNumber = 30 * DAYS;
	/// Blocks before an allocation increase is in force.
	pub const AllocationDelay: BlockNumber = 5;
	/// Sum of one pool's allocations across AVSs, in `Perbill` parts: 300%, leverage 3x.
	pub const MaxTotalAllocation: u64 = 3 * 1_000_000_000;
}

// Stake that is slashable when a slash is requested must not leave its pool before the veto
// window ends: the longest veto window is below the shortest withdrawal delay. Checked when the
// runtime compiles, so no setting that breaks it can be built.
const _: () = assert!(
	AvsMaxVetoWindow::get() < super::restaking::MinWithdrawalDelay::get(),
	"AvsMaxVetoWindow must be below the restaking pallet's MinWithdrawalDelay"
);

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
	type MinVetoWindow = AvsMinVetoWindow;
	type MaxVetoWindow = AvsMaxVetoWindow;
	type MinOptOutDelay = AvsMinOptOutDelay;
	type MaxOptOutDelay = AvsMaxOptOutDelay;
	type AllocationDelay = AllocationDelay;
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
	use super::*;
	use frame_support::traits::Hooks;

	/// The slashing pallet relies on this: stake slashable when a slash is requested has not
	/// left its pool when the veto window ends.
	#[test]
	fn max_veto_window_is_below_min_withdrawal_delay() {
		assert!(
			<Runtime as pallet_avs_registry::Config>::MaxVetoWindow::get() <
				<Runtime as pallet_restaking::Config>::MinWithdrawalDelay::get()
		);
	}

	#[test]
	fn avs_registry_constants_are_consistent() {
		<AvsRegistry as Hooks<BlockNumber>>::integrity_test();
	}
}
