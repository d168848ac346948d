//! Test runtime: frame-system, pallet-balances (for the AVS and opt-in deposits) and the AVS
//! registry, with a small in-storage mock of the restaking pallet ([`MockRestaking`]) that
//! tests set up directly, so these tests do not depend on the restaking pallet's progress.

use crate::{self as pallet_avs_registry, types::*};
use frame_support::{
	assert_ok, parameter_types,
	traits::{tokens::fungible::NativeOrWithId, ConstU128, ConstU32, ConstU64},
	BoundedVec,
};
use pallet_restaking::{traits::RestakingInspect, types::PoolStake};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;

/// Held from the owner of an AVS.
pub const AVS_DEPOSIT: Balance = 100;
/// Held from an operator for each of its opt-ins.
pub const OPT_IN_DEPOSIT: Balance = 5;
/// Native balance of every funded account.
pub const INITIAL_BALANCE: Balance = 10_000;

/// AVS owners funded by the default builder.
pub const OWNER: AccountId = 1;
pub const OTHER_OWNER: AccountId = 2;
/// Slasher and resolver accounts of the default configuration.
pub const SLASHER: AccountId = 3;
pub const RESOLVER: AccountId = 4;
/// Active operators of the default builder (each with stake in both default vaults).
pub const OPERATOR_A: AccountId = 10;
pub const OPERATOR_B: AccountId = 11;
/// An account with no funds and no role.
pub const NOBODY: AccountId = 999;
/// Further accounts funded by the default builder, for tests that need more operators (they
/// are not operators until a test makes them one with [`MockRestaking::set_operator`]).
pub const SPARE_ACCOUNTS: core::ops::RangeInclusive<AccountId> = 12..=49;

/// Default vaults: native and asset collateral, and a third one no AVS accepts by default.
pub const VAULT_0: VaultId = 0;
pub const VAULT_1: VaultId = 1;
pub const VAULT_2: VaultId = 2;
/// A vault id that does not exist.
pub const MISSING_VAULT: VaultId = 77;
/// Withdrawal delay of the default vaults.
pub const WITHDRAWAL_DELAY: u64 = 20;
/// Active stake of the default operators in each default vault.
pub const OPERATOR_STAKE: Balance = 1_000;

/// Runtime bounds.
pub const MIN_VETO_WINDOW: u64 = 2;
pub const MAX_VETO_WINDOW: u64 = 8;
/// Below `MAX_VETO_WINDOW`, so that `opt_out_delay > veto_window` is a check of its own.
pub const MIN_OPT_OUT_DELAY: u64 = 5;
pub const MAX_OPT_OUT_DELAY: u64 = 100;
pub const ALLOCATION_DELAY: u64 = 5;
/// Shortest wait of a riskier rule change: longer than [`WITHDRAWAL_DELAY`] and
/// [`OPT_OUT_DELAY`], so tests lengthen those to see them decide the wait.
pub const RULE_CHANGE_DELAY: u64 = 25;
/// 150%: leverage 1.5x.
pub const MAX_TOTAL_ALLOCATION: u64 = 1_500_000_000;
pub const MAX_VAULTS: u32 = 3;
pub const MAX_OPERATORS: u32 = 3;
pub const MAX_AVS_PER_OPERATOR: u32 = 2;
pub const MAX_REWARD_ASSETS: u32 = 2;

/// Opt-out delay and veto window of the default configuration.
pub const OPT_OUT_DELAY: u64 = 15;
pub const VETO_WINDOW: u64 = 5;

restaking_test_utils::mock_runtime! {
	pub enum Test {
		AvsRegistry: pallet_avs_registry,
	}
	account_id: u64,
	existential_deposit: 1,
}

/// A vault of the mock restaking pallet: (asset, active, withdrawal delay).
pub type MockVault = (AssetKind, bool, u64);

parameter_types! {
	/// Opt-in deposit ([`OPT_IN_DEPOSIT`] unless a test changes it).
	pub storage OptInDeposit: Balance = OPT_IN_DEPOSIT;
	/// Vaults by id.
	pub storage MockVaults: BTreeMap<VaultId, MockVault> = BTreeMap::new();
	/// Operators: whether each is active (neither paused nor leaving).
	pub storage MockOperators: BTreeMap<AccountId, bool> = BTreeMap::new();
	/// Pool stakes (active, withdrawing) by (vault, operator).
	pub storage MockPools: BTreeMap<(VaultId, AccountId), (Balance, Balance)> = BTreeMap::new();
}

/// The restaking pallet as the registry sees it: vaults, operators and pool stakes, kept in
/// test storage and set by the tests.
pub struct MockRestaking;

impl MockRestaking {
	/// Create or replace vault `vault`.
	pub fn set_vault(vault: VaultId, asset: AssetKind, active: bool, withdrawal_delay: u64) {
		let mut vaults = MockVaults::get();
		vaults.insert(vault, (asset, active, withdrawal_delay));
		MockVaults::set(&vaults);
	}

	/// Pause (`active = false`) or resume an existing vault.
	pub fn set_vault_active(vault: VaultId, active: bool) {
		let mut vaults = MockVaults::get();
		if let Some(entry) = vaults.get_mut(&vault) {
			entry.1 = active;
		}
		MockVaults::set(&vaults);
	}

	/// Register `operator` (active or not).
	pub fn set_operator(operator: AccountId, active: bool) {
		let mut operators = MockOperators::get();
		operators.insert(operator, active);
		MockOperators::set(&operators);
	}

	/// Set the stake of pool (`vault`, `operator`).
	pub fn set_pool_stake(
		vault: VaultId,
		operator: AccountId,
		active: Balance,
		withdrawing: Balance,
	) {
		let mut pools = MockPools::get();
		pools.insert((vault, operator), (active, withdrawing));
		MockPools::set(&pools);
	}
}

impl RestakingInspect<AccountId> for MockRestaking {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type BlockNumber = u64;

	fn vault_asset(vault: VaultId) -> Option<AssetKind> {
		MockVaults::get().get(&vault).map(|(asset, _, _)| asset.clone())
	}

	fn vault_is_active(vault: VaultId) -> bool {
		MockVaults::get().get(&vault).is_some_and(|(_, active, _)| *active)
	}

	fn vault_withdrawal_delay(vault: VaultId) -> Option<u64> {
		MockVaults::get().get(&vault).map(|(_, _, delay)| *delay)
	}

	/// The mock's vaults have no buckets: a withdrawal waits exactly the delay.
	fn longest_withdrawal_wait(vault: VaultId) -> Option<u64> {
		Self::vault_withdrawal_delay(vault)
	}

	fn is_operator(who: &AccountId) -> bool {
		MockOperators::get().contains_key(who)
	}

	fn is_active_operator(who: &AccountId) -> bool {
		MockOperators::get().get(who).copied().unwrap_or(false)
	}

	fn operator_commission(operator: &AccountId) -> Option<Perbill> {
		Self::is_operator(operator).then(|| Perbill::from_percent(10))
	}

	fn pool_stake(vault: VaultId, operator: &AccountId) -> PoolStake<Balance> {
		MockPools::get()
			.get(&(vault, *operator))
			.map(|(active, withdrawing)| PoolStake { active: *active, withdrawing: *withdrawing })
			.unwrap_or_default()
	}
}

/// Restaking state for the benchmarks, in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, AssetKind> for MockBenchmarkHelper {
	fn setup_operator(operator: &AccountId) {
		MockRestaking::set_operator(*operator, true);
	}
	fn setup_vault_with_stake(operator: &AccountId) -> VaultId {
		let vault = MockVaults::get().keys().last().map_or(0, |last| last + 1);
		MockRestaking::set_vault(vault, NativeOrWithId::Native, true, WITHDRAWAL_DELAY);
		MockRestaking::set_pool_stake(vault, *operator, OPERATOR_STAKE, 0);
		vault
	}
	fn reward_asset(index: u32) -> AssetKind {
		NativeOrWithId::WithId(index)
	}
}

impl pallet_avs_registry::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Restaking = MockRestaking;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = ConstU128<AVS_DEPOSIT>;
	type OptInDeposit = OptInDeposit;
	type MaxMetadataLen = ConstU32<16>;
	type MaxVaultsPerAvs = ConstU32<MAX_VAULTS>;
	type MaxOperatorsPerAvs = ConstU32<MAX_OPERATORS>;
	type MaxAvsPerOperator = ConstU32<MAX_AVS_PER_OPERATOR>;
	type MaxRewardAssets = ConstU32<MAX_REWARD_ASSETS>;
	type MinVetoWindow = ConstU64<MIN_VETO_WINDOW>;
	type MaxVetoWindow = ConstU64<MAX_VETO_WINDOW>;
	type MinOptOutDelay = ConstU64<MIN_OPT_OUT_DELAY>;
	type MaxOptOutDelay = ConstU64<MAX_OPT_OUT_DELAY>;
	type AllocationDelay = ConstU64<ALLOCATION_DELAY>;
	type RuleChangeDelay = ConstU64<RULE_CHANGE_DELAY>;
	type MaxTotalAllocation = ConstU64<MAX_TOTAL_ALLOCATION>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// A valid configuration: accepts vaults 0 and 1, no minimum stake, no approval, rewards in
/// the native token.
pub fn default_config() -> AvsConfig<Test> {
	AvsConfig {
		metadata: BoundedVec::truncate_from(b"oracle".to_vec()),
		accepted_vaults: BoundedVec::truncate_from(vec![VAULT_0, VAULT_1]),
		min_operator_stake: 0,
		slashing: AvsSlashingParams {
			slasher: SLASHER,
			resolver: Some(RESOLVER),
			max_slash: Perbill::from_percent(20),
			veto_window: VETO_WINDOW,
			destination: SlashDestination::Burn,
		},
		reward_assets: BoundedVec::truncate_from(vec![NativeOrWithId::Native]),
		requires_approval: false,
		opt_out_delay: OPT_OUT_DELAY,
	}
}

/// Builds test externalities.
pub struct ExtBuilder {
	/// Block number the test starts at.
	start_block: u64,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { start_block: 1 }
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [OWNER, OTHER_OWNER, SLASHER, RESOLVER, OPERATOR_A, OPERATOR_B]
			.into_iter()
			.chain(SPARE_ACCOUNTS);
		pallet_balances::GenesisConfig::<Test> {
			balances: funded.map(|who| (who, INITIAL_BALANCE)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();

		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(self.start_block);
			MockRestaking::set_vault(VAULT_0, NativeOrWithId::Native, true, WITHDRAWAL_DELAY);
			MockRestaking::set_vault(VAULT_1, NativeOrWithId::WithId(1), true, WITHDRAWAL_DELAY);
			MockRestaking::set_vault(VAULT_2, NativeOrWithId::WithId(2), true, WITHDRAWAL_DELAY);
			for operator in [OPERATOR_A, OPERATOR_B] {
				MockRestaking::set_operator(operator, true);
				for vault in [VAULT_0, VAULT_1, VAULT_2] {
					MockRestaking::set_pool_stake(vault, operator, OPERATOR_STAKE, 0);
				}
			}
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			AvsRegistry::do_try_state().expect("try_state failed after the test");
		});
	}
}

/// Register an AVS owned by `owner` with `config`; returns its id.
pub fn register(owner: AccountId, config: AvsConfig<Test>) -> AvsId {
	let avs = crate::NextAvsId::<Test>::get();
	assert_ok!(AvsRegistry::register_avs(RuntimeOrigin::signed(owner), config));
	avs
}

/// Register the default AVS of `OWNER` and opt `OPERATOR_A` in; returns the AVS.
pub fn avs_with_operator() -> AvsId {
	let avs = register(OWNER, default_config());
	assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(OPERATOR_A), avs));
	avs
}
