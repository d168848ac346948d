//! Configuration of the restaking pallet (vaults, operators, delegation pools).
//!
//! The withdrawal-delay bounds and the commission-increase delay are the chain spec's
//! (`pallet-time-parameters`, see `time_parameters.rs`): a `--dev` user queues and completes a
//! withdrawal in a minute, a `staging` chain waits at least 7 days.

use super::{time_parameters::windows, *};

parameter_types! {
	/// Account of each vault: a sub-account of this id.
	pub const RestakingPalletId: PalletId = PalletId(*b"rstk/vlt");
	/// Deposit held from a signed account that creates a vault.
	pub const VaultDeposit: Balance = 10 * UNIT;
	/// Deposit held from an account that registers as an operator, for its (permanent)
	/// operator record.
	pub const OperatorDeposit: Balance = UNIT;
	/// Withdrawal buckets per maximum delay (epoch granularity of the withdrawal queue).
	pub const WithdrawalEpochs: u32 = 168;
	/// Largest commission an operator may charge.
	pub const MaxOperatorCommission: Perbill = Perbill::from_percent(50);
}

impl pallet_restaking::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PalletId = RestakingPalletId;
	type VaultDeposit = VaultDeposit;
	type OperatorDeposit = OperatorDeposit;
	type MinWithdrawalDelay = windows::MinWithdrawalDelay<Runtime>;
	type MaxWithdrawalDelay = windows::MaxWithdrawalDelay<Runtime>;
	type WithdrawalEpochs = WithdrawalEpochs;
	/// Live (still slashable) withdrawal buckets per pool: `WithdrawalEpochs + 2` = 170.
	type MaxLiveBuckets = pallet_restaking::MaxLiveBucketsFor<WithdrawalEpochs>;
	type CommissionChangeDelay = windows::CommissionChangeDelay<Runtime>;
	type MaxCommission = MaxOperatorCommission;
	type MaxMetadataLen = ConstU32<256>;
	type MaxStakerPools = ConstU32<32>;
	type MaxPendingWithdrawals = ConstU32<32>;
	type MaxRewardAssets = ConstU32<4>;
	type WeightInfo = pallet_restaking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RestakingBenchmarkHelper;
}

/// Assets the restaking benchmarks use: a pallet-assets token as collateral (it costs more to
/// move than the native token), pallet-assets ids as reward assets.
#[cfg(feature = "runtime-benchmarks")]
pub struct RestakingBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_restaking::BenchmarkHelper<AssetKind> for RestakingBenchmarkHelper {
	fn collateral_asset() -> AssetKind {
		crate::configs::slashing::benchmark_helper::collateral_asset()
	}
	fn reward_asset(index: u32) -> AssetKind {
		AssetKind::WithId(1000 + index)
	}
	fn mintable_asset(index: u32) -> AssetKind {
		crate::configs::slashing::benchmark_helper::mintable_asset(index)
	}
}
