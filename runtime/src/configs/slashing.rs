//! Configuration of `pallet-slashing` in the runtime.
//!
//! Slash requests of an AVS wait for the AVS's own veto window (set in the AVS registry) and
//! are then executed automatically in `on_initialize`, at most
//! [`MaxAutoSlashExecutionsPerBlock`] per block (leftovers are executable by anyone). Every
//! request holds [`SlashRequestDeposit`] from the slasher until its incident record is pruned,
//! `MaxIncidentAge` (the chain spec's request latency, `time_parameters.rs`) after the
//! incident.

use super::{time_parameters::windows, *};

parameter_types! {
	/// Longest evidence (bytes) a slash request may carry: a hash, a signed report or a
	/// compact fraud proof reference.
	pub const MaxSlashEvidenceLen: u32 = 1024;
	/// Pending slash requests one AVS may have at a time.
	pub const MaxPendingSlashesPerAvs: u32 = 64;
	/// Native deposit of a slash request: pays for the request, its due-queue entry, its
	/// incident record and budget record (about 1.3 KiB with the longest evidence).
	pub const SlashRequestDeposit: Balance = UNIT;
	/// Smallest fraction one request may take: with `max_slash` 100% an AVS makes at most 100
	/// requests against an operator per budget window, so it cannot keep a pool locked by
	/// chaining requests of nothing.
	pub const MinSlashFraction: Perbill = Perbill::from_percent(1);
	/// Budget window of an incident family: the requests of one AVS against one operator in
	/// this many blocks take at most the AVS's `max_slash` together.
	pub const SlashBudgetWindow: BlockNumber = DAYS;
	/// Due slashes executed automatically per block. Each execution slashes up to
	/// `MaxVaultsPerAvs` pools, so this bounds `on_initialize`'s weight.
	pub const MaxAutoSlashExecutionsPerBlock: u32 = 8;
}

impl pallet_slashing::Config for Runtime {
	type Balance = Balance;
	type Restaking = RestakingLedger;
	type Avs = AvsRegistry;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RequestDeposit = SlashRequestDeposit;
	type MinSlashFraction = MinSlashFraction;
	type MaxEvidenceLen = MaxSlashEvidenceLen;
	type MaxPendingSlashesPerAvs = MaxPendingSlashesPerAvs;
	type MaxAutoExecutionsPerBlock = MaxAutoSlashExecutionsPerBlock;
	type MaxIncidentAge = windows::MaxIncidentAge<Runtime>;
	type SlashBudgetWindow = SlashBudgetWindow;
	type WeightInfo = pallet_slashing::weights::SubstrateWeight<Runtime>;
	/// Slashable operators made through the real restaking and AVS-registry pallets.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_slashing::benchmark_helpers::WithRealPallets<Runtime>;
}

/// The benchmark collateral and reward assets: pallet-assets tokens, created on first use.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helper {
	use super::*;
	use frame_benchmarking::account;

	/// Id of the pallet-assets token the benchmarks use as collateral. Collateral in
	/// pallet-assets costs more to move than the native token (asset details, two asset
	/// accounts, sufficients of new holders), so benchmarked weights cover both kinds.
	pub const BENCHMARK_COLLATERAL_ID: AssetId = 900_000;

	/// Create pallet-assets token `id` owned by `admin` unless it exists: sufficient (like the
	/// dev genesis' stETH and rETH, so keyless accounts can hold it), minimum balance 1.
	pub fn ensure_sufficient_asset(id: AssetId, admin: &AccountId) {
		if !pallet_assets::Asset::<Runtime>::contains_key(id) {
			Assets::force_create(
				RuntimeOrigin::root(),
				codec::Compact(id),
				sp_runtime::MultiAddress::Id(admin.clone()),
				true,
				1,
			)
			.expect("benchmark asset is created");
		}
	}

	/// The benchmark collateral asset, created on first use.
	pub fn collateral_asset() -> AssetKind {
		ensure_sufficient_asset(BENCHMARK_COLLATERAL_ID, &account("collateral-admin", 0, 0));
		AssetKind::WithId(BENCHMARK_COLLATERAL_ID)
	}

	/// The `index`-th mintable benchmark asset: the native token for index 0, else
	/// pallet-assets token `1_000_000 + index`, created on first use.
	pub fn mintable_asset(index: u32) -> AssetKind {
		if index == 0 {
			return AssetKind::Native;
		}
		let id = 1_000_000u32.saturating_add(index);
		ensure_sufficient_asset(id, &account("reward-asset-admin", 0, 0));
		AssetKind::WithId(id)
	}
}
