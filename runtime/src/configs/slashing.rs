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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::SlashingBenchmarkHelper;
}

/// Creates slashable operators for `pallet-slashing`'s (and `pallet-rewards`') benchmarks with
/// the real restaking and AVS-registry pallets. Benchmark set-up code: it panics if the set-up
/// fails, which fails the benchmark.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helper {
	use super::{time_parameters::windows, *};
	use alloc::vec::Vec;
	use frame_benchmarking::account;
	use frame_support::{
		traits::{fungible::Mutate, Get},
		BoundedVec,
	};
	use pallet_avs_registry::types::{AvsConfig, AvsId, AvsSlashingParams, SlashDestination};
	use pallet_restaking::types::VaultId;

	/// Stake each benchmark staker deposits into each pool.
	pub const STAKE: Balance = 1_000 * UNIT;

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

	/// Give `who` plenty of the native token and of the benchmark collateral.
	pub fn fund(who: &AccountId) {
		<Balances as Mutate<AccountId>>::set_balance(who, 1_000_000_000 * UNIT);
		<NativeAndAssets as frame_support::traits::fungibles::Mutate<AccountId>>::set_balance(
			collateral_asset(),
			who,
			1_000_000_000 * UNIT,
		);
	}

	/// A benchmark account holding plenty of the native token and of the collateral.
	pub fn funded_account(name: &'static str, index: u32) -> AccountId {
		let who: AccountId = account(name, index, 0);
		fund(&who);
		who
	}

	/// Register `operator` with a 10% commission.
	pub fn register_operator(operator: &AccountId) {
		RestakingLedger::register_operator(
			RuntimeOrigin::signed(operator.clone()),
			Perbill::from_percent(10),
			Default::default(),
		)
		.expect("benchmark operator registers");
	}

	/// Create a vault of the benchmark collateral owned by `owner`.
	pub fn create_collateral_vault(owner: &AccountId) -> VaultId {
		let vault = pallet_restaking::NextVaultId::<Runtime>::get();
		RestakingLedger::force_create_vault(
			RuntimeOrigin::root(),
			owner.clone(),
			collateral_asset(),
			Balance::MAX / 2,
			1,
			<Runtime as pallet_restaking::Config>::MinWithdrawalDelay::get(),
		)
		.expect("benchmark vault is created");
		vault
	}

	/// `staker` deposits [`STAKE`] into pool (`vault`, `operator`).
	pub fn deposit(staker: &AccountId, vault: VaultId, operator: &AccountId) {
		RestakingLedger::deposit(
			RuntimeOrigin::signed(staker.clone()),
			vault,
			operator.clone(),
			STAKE,
		)
		.expect("benchmark deposit works");
	}

	/// Register an AVS owned by `owner` accepting `vaults` and `reward_assets`, slashable by
	/// `slasher` (up to 50%, into the owner's account), vetoable by `resolver`.
	pub fn register_avs(
		owner: &AccountId,
		slasher: &AccountId,
		resolver: &AccountId,
		vaults: Vec<VaultId>,
		reward_assets: Vec<AssetKind>,
	) -> AvsId {
		let avs = pallet_avs_registry::NextAvsId::<Runtime>::get();
		let veto_window = <Runtime as pallet_avs_registry::Config>::MinVetoWindow::get();
		let opt_out_delay = <Runtime as pallet_avs_registry::Config>::MinOptOutDelay::get()
			.max(veto_window.saturating_add(1));
		let config = AvsConfig::<Runtime> {
			metadata: Default::default(),
			accepted_vaults: BoundedVec::truncate_from(vaults),
			min_operator_stake: 0,
			slashing: AvsSlashingParams {
				slasher: slasher.clone(),
				resolver: Some(resolver.clone()),
				max_slash: Perbill::from_percent(50),
				veto_window,
				destination: SlashDestination::Account(owner.clone()),
			},
			reward_assets: BoundedVec::truncate_from(reward_assets),
			requires_approval: false,
			opt_out_delay,
		};
		AvsRegistry::register_avs(RuntimeOrigin::signed(owner.clone()), config)
			.expect("benchmark AVS registers");
		avs
	}

	/// Opt `operator` in to `avs` and allocate half of each of `vaults` to it.
	pub fn opt_in_and_allocate(avs: AvsId, operator: &AccountId, vaults: &[VaultId]) {
		AvsRegistry::opt_in(RuntimeOrigin::signed(operator.clone()), avs)
			.expect("benchmark operator opts in");
		for vault in vaults {
			AvsRegistry::set_allocation(
				RuntimeOrigin::signed(operator.clone()),
				avs,
				*vault,
				Perbill::from_percent(50),
			)
			.expect("benchmark allocation is set");
		}
	}

	/// Move past the allocation delay so that allocation increases are in force.
	pub fn pass_allocation_delay() {
		let now = frame_system::Pallet::<Runtime>::block_number();
		let delay = <Runtime as pallet_avs_registry::Config>::AllocationDelay::get();
		frame_system::Pallet::<Runtime>::set_block_number(
			now.saturating_add(delay).saturating_add(1),
		);
	}

	pub struct SlashingBenchmarkHelper;
	impl pallet_slashing::BenchmarkHelper<AccountId> for SlashingBenchmarkHelper {
		fn setup_slashable_operator(vaults: u32, delegators: u32) -> (AvsId, AccountId, AccountId) {
			let owner = funded_account("avs-owner", 0);
			let slasher = funded_account("slasher", 0);
			let resolver = funded_account("resolver", 0);
			let operator = funded_account("operator", 0);
			let stakers: Vec<AccountId> =
				(0..delegators.max(1)).map(|index| funded_account("staker", index)).collect();
			register_operator(&operator);
			let vault_ids: Vec<VaultId> = (0..vaults)
				.map(|_| {
					let vault = create_collateral_vault(&owner);
					for staker in &stakers {
						deposit(staker, vault, &operator);
					}
					vault
				})
				.collect();
			let avs = register_avs(&owner, &slasher, &resolver, vault_ids.clone(), Vec::new());
			opt_in_and_allocate(avs, &operator, &vault_ids);
			pass_allocation_delay();
			(avs, slasher, operator)
		}
	}
}
