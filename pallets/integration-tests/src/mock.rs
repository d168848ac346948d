//! The mock runtime of every cross-pallet test: the real `pallet-restaking`,
//! `pallet-avs-registry`, `pallet-slashing` and `pallet-rewards` on pallet-balances and
//! pallet-assets (each pallet's own unit tests use trait mocks instead).

use frame_support::{
	assert_ok, parameter_types,
	traits::{fungible::NativeOrWithId, ConstU128, ConstU32, ConstU64},
	BoundedVec, PalletId,
};
use pallet_avs_registry::types::{AvsConfig, AvsId, AvsSlashingParams, SlashDestination};
use pallet_restaking::types::VaultId;
use pallet_time_parameters::{getters as windows, TimeParams};
use sp_runtime::{BuildStorage, Perbill};

// `AccountId` is `u128`, wide enough for `PalletId` sub-accounts (`modl` + id + vault id): with
// `u64` every vault would share one account.
restaking_test_utils::mock_runtime! {
	pub enum Test {
		Restaking: pallet_restaking,
		AvsRegistry: pallet_avs_registry,
		Slashing: pallet_slashing,
		Rewards: pallet_rewards,
		TimeParameters: pallet_time_parameters,
		ConsensusAvs: pallet_consensus_avs,
	}
	account_id: u128,
	existential_deposit: 5,
}

parameter_types! {
	pub const RestakingPalletId: PalletId = PalletId(*b"rstk/vlt");
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
}

impl pallet_restaking::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PalletId = RestakingPalletId;
	type VaultDeposit = ConstU128<100>;
	type OperatorDeposit = ConstU128<20>;
	type MinWithdrawalDelay = windows::MinWithdrawalDelay<Test>;
	type MaxWithdrawalDelay = windows::MaxWithdrawalDelay<Test>;
	type WithdrawalEpochs = ConstU32<2>;
	type MaxLiveBuckets = pallet_restaking::MaxLiveBucketsFor<ConstU32<2>>;
	type CommissionChangeDelay = windows::CommissionChangeDelay<Test>;
	type MaxCommission = MaxCommission;
	type MaxMetadataLen = ConstU32<32>;
	type MaxStakerPools = ConstU32<4>;
	type MaxPendingWithdrawals = ConstU32<4>;
	type MaxRewardAssets = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAssets;
}

/// The benchmark assets of the real-pallets mock: pallet-assets collateral (as in the runtime,
/// it costs more to move than the native token) and reward assets. The other pallets' benchmark
/// helpers are the runtime's: `benchmark_helpers::WithRestaking` / `WithRealPallets`.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkAssets;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_restaking::BenchmarkHelper<AssetKind> for BenchmarkAssets {
	fn collateral_asset() -> AssetKind {
		benchmark_mintable_asset(1_000)
	}
	fn reward_asset(index: u32) -> AssetKind {
		NativeOrWithId::WithId(1_000 + index)
	}
	fn mintable_asset(index: u32) -> AssetKind {
		benchmark_mintable_asset(index)
	}
}

impl pallet_avs_registry::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Restaking = Restaking;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = ConstU128<100>;
	type OptInDeposit = ConstU128<10>;
	type MaxMetadataLen = ConstU32<16>;
	type MaxVaultsPerAvs = ConstU32<3>;
	type MaxOperatorsPerAvs = ConstU32<4>;
	type MaxAvsPerOperator = ConstU32<4>;
	type MaxRewardAssets = ConstU32<2>;
	type MinVetoWindow = windows::MinVetoWindow<Test>;
	type MaxVetoWindow = windows::MaxVetoWindow<Test>;
	type MinOptOutDelay = windows::MinOptOutDelay<Test>;
	type MaxOptOutDelay = windows::MaxOptOutDelay<Test>;
	type AllocationDelay = windows::AllocationDelay<Test>;
	type RuleChangeDelay = windows::AvsRuleChangeDelay<Test>;
	type MaxTotalAllocation = ConstU64<3_000_000_000>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_avs_registry::benchmark_helpers::WithRestaking<Test>;
}

impl pallet_slashing::Config for Test {
	type Balance = Balance;
	type Restaking = Restaking;
	type Avs = AvsRegistry;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RequestDeposit = SlashRequestDeposit;
	type MinSlashFraction = MinSlashFraction;
	type MaxEvidenceLen = ConstU32<64>;
	type MaxPendingSlashesPerAvs = ConstU32<8>;
	type MaxAutoExecutionsPerBlock = ConstU32<2>;
	type MaxIncidentAge = windows::MaxIncidentAge<Test>;
	type SlashBudgetWindow = ConstU64<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_slashing::benchmark_helpers::WithRealPallets<Test>;
}

parameter_types! {
	/// Native deposit of a slash request.
	pub const SlashRequestDeposit: Balance = 10;
	/// Smallest fraction of a slash request (one part: the tests probe the budget with it).
	pub const MinSlashFraction: Perbill = Perbill::from_parts(1);
	pub const RewardsPalletId: PalletId = PalletId(*b"rwds/pot");
	pub const TreasuryAccount: AccountId = 777;
	pub const DefaultProtocolFee: Perbill = Perbill::from_percent(10);
	pub const MaxProtocolFee: Perbill = Perbill::from_percent(30);
}

impl pallet_rewards::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Restaking = Restaking;
	type Avs = AvsRegistry;
	type PalletId = RewardsPalletId;
	type TreasuryAccount = TreasuryAccount;
	type DefaultProtocolFee = DefaultProtocolFee;
	type MaxProtocolFee = MaxProtocolFee;
	type MinRewardDuration = windows::MinRewardDuration<Test>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_rewards::benchmark_helpers::WithRealPallets<Test>;
}

/// The windows of the tests, read by the other pallets from `pallet-time-parameters` as in the
/// runtime (`runtime/src/configs/time_parameters.rs`), so they keep the relations the runtime's
/// windows keep (`TimeParams::check`, asserted by the pallet's `integrity_test`): a fault is
/// reported within `MAX_INCIDENT_AGE` and vetoed within `MAX_VETO_WINDOW`, both before the
/// shortest withdrawal delay ends, so nobody withdraws out of a pending slash.
pub const WINDOWS: TimeParams<u64> = TimeParams {
	min_veto_window: 2,
	max_veto_window: MAX_VETO_WINDOW,
	max_incident_age: MAX_INCIDENT_AGE,
	min_withdrawal_delay: MIN_WITHDRAWAL_DELAY,
	max_withdrawal_delay: 100,
	min_opt_out_delay: MIN_WITHDRAWAL_DELAY,
	max_opt_out_delay: 100,
	allocation_delay: ALLOCATION_DELAY,
	commission_change_delay: 20,
	avs_rule_change_delay: 10,
	min_reward_duration: REWARD_PERIOD,
};
/// Longest veto window an AVS may configure.
pub const MAX_VETO_WINDOW: u64 = 6;
/// Incidents older than this cannot be reported (and their records are pruned after it).
pub const MAX_INCIDENT_AGE: u64 = 12;
/// Shortest withdrawal delay of a vault, and shortest opt-out delay of an AVS.
pub const MIN_WITHDRAWAL_DELAY: u64 = 20;
/// Blocks before an allocation increase is in force.
pub const ALLOCATION_DELAY: u64 = 3;

parameter_types! {
	pub const Windows: TimeParams<u64> = WINDOWS;
}

impl pallet_time_parameters::Config for Test {
	type DefaultParameters = Windows;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type WeightInfo = ();
}

/// Accounts with session keys registered (pallet-session's `NextKeys` in the runtime), kept in
/// storage so that dispatch rollbacks apply to it.
#[frame_support::storage_alias]
pub type MockSessionKeys = StorageMap<MockSession, frame_support::Blake2_128Concat, AccountId, ()>;

/// `ValidatorRegistration` of the mock: whether an account is in [`MockSessionKeys`].
pub struct MockSession;
impl frame_support::traits::ValidatorRegistration<AccountId> for MockSession {
	fn is_registered(id: &AccountId) -> bool {
		MockSessionKeys::contains_key(id)
	}
}

parameter_types! {
	pub const ConsensusAvsPalletId: PalletId = PalletId(*b"rstk/cns");
}

impl pallet_consensus_avs::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Restaking = Restaking;
	type Avs = AvsRegistry;
	type SessionKeys = MockSession;
	/// Three seats for the four operator slots of `MaxOperatorsPerAvs`: one candidate too many.
	type MaxValidators = ConstU32<3>;
	type MinValidators = ConstU32<2>;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type PalletId = ConsensusAvsPalletId;
	type WeightInfo = ();
}

/// Shortest reward period (`MinRewardDuration`), used by the tests' submissions.
pub const REWARD_PERIOD: u64 = 10;

pub const AVS_OWNER: AccountId = 1;
pub const SLASHER: AccountId = 2;
pub const RESOLVER: AccountId = 3;
pub const BENEFICIARY: AccountId = 4;
pub const VAULT_OWNER: AccountId = 5;
pub const OPERATOR: AccountId = 10;
pub const ANYONE: AccountId = 99;
/// Delegators are `FIRST_DELEGATOR..FIRST_DELEGATOR + n`.
pub const FIRST_DELEGATOR: AccountId = 10_000;
pub const NATIVE_VAULT: VaultId = 0;
pub const WITHDRAWAL_DELAY: u64 = 20;
pub const VETO_WINDOW: u64 = 5;
pub const OPT_OUT_DELAY: u64 = 25;
pub const INITIAL_BALANCE: Balance = 1_000_000;

/// Externalities with funded accounts (including `delegators` delegators).
pub fn new_test_ext(delegators: u32) -> sp_io::TestExternalities {
	let mut balances: Vec<(AccountId, Balance)> =
		[AVS_OWNER, SLASHER, RESOLVER, BENEFICIARY, VAULT_OWNER, OPERATOR, ANYONE]
			.iter()
			.map(|who| (*who, INITIAL_BALANCE))
			.collect();
	balances.extend(
		(0..delegators as AccountId).map(|index| (FIRST_DELEGATOR + index, INITIAL_BALANCE)),
	);
	new_test_ext_with(balances, GenesisAssets::default())
}

/// Assets of pallet-assets to create at genesis.
#[derive(Default)]
pub struct GenesisAssets {
	/// (asset id, owner, is sufficient, minimum balance).
	pub assets: Vec<(u32, AccountId, bool, Balance)>,
	/// (asset id, holder, balance).
	pub accounts: Vec<(u32, AccountId, Balance)>,
}

/// Externalities with the given native `balances` and `assets`, at block 1.
pub fn new_test_ext_with(
	balances: Vec<(AccountId, Balance)>,
	assets: GenesisAssets,
) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: assets.assets,
		accounts: assets.accounts,
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	// Rewards may be paid in the native token and asset 1 (not sufficient).
	pallet_rewards::GenesisConfig::<Test> {
		reward_assets: vec![NativeOrWithId::Native, NativeOrWithId::WithId(1)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The AVS configuration used by the tests: accepts the native vault, slashes up to 20% into
/// `destination` after a 5-block veto window, rewards in the native token.
pub fn avs_config(destination: SlashDestination<AccountId>) -> AvsConfig<Test> {
	AvsConfig {
		metadata: BoundedVec::truncate_from(b"oracle".to_vec()),
		accepted_vaults: BoundedVec::truncate_from(vec![NATIVE_VAULT]),
		min_operator_stake: 0,
		slashing: AvsSlashingParams {
			slasher: SLASHER,
			resolver: Some(RESOLVER),
			max_slash: Perbill::from_percent(20),
			veto_window: VETO_WINDOW,
			destination,
		},
		reward_assets: BoundedVec::truncate_from(vec![NativeOrWithId::Native]),
		requires_approval: false,
		opt_out_delay: OPT_OUT_DELAY,
	}
}

/// Operator, native vault, `delegators` delegators depositing `stake` each, one of them with
/// `queued` queued for withdrawal; an AVS the operator opted in to with `allocation` of the
/// pool. Returns the AVS.
pub fn setup_slashable_pool(
	delegators: u32,
	stake: Balance,
	queued: Balance,
	allocation: Perbill,
) -> AvsId {
	assert_ok!(Restaking::register_operator(
		RuntimeOrigin::signed(OPERATOR),
		Perbill::from_percent(10),
		Default::default(),
	));
	assert_ok!(Restaking::create_vault(
		RuntimeOrigin::signed(VAULT_OWNER),
		NativeOrWithId::Native,
		Balance::MAX / 2,
		1,
		WITHDRAWAL_DELAY,
	));
	for index in 0..delegators as AccountId {
		assert_ok!(Restaking::deposit(
			RuntimeOrigin::signed(FIRST_DELEGATOR + index),
			NATIVE_VAULT,
			OPERATOR,
			stake,
		));
	}
	if queued > 0 {
		assert_ok!(Restaking::queue_withdrawal(
			RuntimeOrigin::signed(FIRST_DELEGATOR),
			NATIVE_VAULT,
			OPERATOR,
			queued,
		));
	}
	let avs = pallet_avs_registry::NextAvsId::<Test>::get();
	assert_ok!(AvsRegistry::register_avs(
		RuntimeOrigin::signed(AVS_OWNER),
		avs_config(SlashDestination::Account(BENEFICIARY)),
	));
	assert_ok!(AvsRegistry::opt_in(RuntimeOrigin::signed(OPERATOR), avs));
	assert_ok!(AvsRegistry::set_allocation(
		RuntimeOrigin::signed(OPERATOR),
		avs,
		NATIVE_VAULT,
		allocation,
	));
	// The allocation increase takes effect after the allocation delay.
	run_to_block(System::block_number() + ALLOCATION_DELAY);
	avs
}

/// Check every pallet's invariants (`do_try_state`) and the restaking ledger's invariant 1
/// exactly (every vault account holds its reserve plus its total stake; `try_state` only checks
/// `>=`, since anyone may donate to a vault account).
pub fn check_invariants() {
	use frame_support::traits::fungibles::Inspect;
	Restaking::do_try_state().expect("restaking try_state");
	AvsRegistry::do_try_state().expect("avs-registry try_state");
	Slashing::do_try_state().expect("slashing try_state");
	Rewards::do_try_state().expect("rewards try_state");
	TimeParameters::do_try_state().expect("time-parameters try_state");
	for (vault, info) in pallet_restaking::Vaults::<Test>::iter() {
		assert_eq!(
			NativeAndAssets::balance(info.asset.clone(), &Restaking::vault_account(vault)),
			info.existential_reserve +
				info.total_stake +
				pallet_restaking::UnpaidSlashes::<Test>::iter_prefix_values(vault)
					.sum::<Balance>(),
			"vault {vault} balance != reserve + total stake + unpaid slashes",
		);
	}
}

#[test]
fn every_pallet_integrity_test_holds() {
	use frame_support::traits::IntegrityTest;
	// Among them pallet-time-parameters': `WINDOWS` keep the relations of `TimeParams::check`.
	assert_eq!(WINDOWS.check(), Ok(()));
	new_test_ext(0).execute_with(AllPalletsWithSystem::integrity_test);
}
