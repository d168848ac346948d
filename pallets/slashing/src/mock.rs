//! Mock runtime for the slashing pallet's unit tests.
//!
//! pallet-balances and pallet-assets behind `UnionOf` provide real collateral. The restaking
//! ledger is a small, honest mock implementation of `RestakingSlash` kept in storage (so
//! dispatch rollbacks apply to it as well): pools hold real collateral in per-vault accounts and
//! `slash_pool` really burns or transfers it. The AVS registry is the in-storage `AvsInspect`
//! mock the rewards pallet's tests use too (`restaking_test_utils::mock_avs_registry!`). The
//! tests against the real `pallet-restaking` and `pallet-avs-registry` live in
//! `pallets/integration-tests`.

use crate::{self as pallet_slashing};
use frame_support::{
	parameter_types, storage_alias,
	traits::{
		fungible::NativeOrWithId,
		fungibles::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		ConstU32,
	},
	Blake2_128Concat, Twox64Concat,
};
use pallet_avs_registry::types::{AvsId, AvsSlashingParams};
use pallet_restaking::{
	traits::{RestakingInspect, RestakingSlash},
	types::{PoolStake, SlashDestination, VaultId},
};
use sp_runtime::{BuildStorage, DispatchError, Perbill};

restaking_test_utils::mock_runtime! {
	pub enum Test {
		Slashing: pallet_slashing,
	}
	account_id: u64,
	existential_deposit: 1,
}

parameter_types! {
	pub const MaxVaultsPerAvs: u32 = 4;
	pub const MaxOperatorsPerAvs: u32 = 8;
	/// Native deposit of a slash request.
	pub const RequestDeposit: Balance = 10;
	/// Smallest fraction of a request.
	pub const MinSlashFraction: Perbill = Perbill::from_percent(1);
	/// Incidents older than this cannot be reported.
	pub const MaxIncidentAge: BlockNumber = 100;
	/// Budget window of an incident family.
	pub const SlashBudgetWindow: BlockNumber = 50;
}

impl pallet_slashing::Config for Test {
	type Balance = Balance;
	type Restaking = MockLedger;
	type Avs = MockAvsRegistry;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RequestDeposit = RequestDeposit;
	type MinSlashFraction = MinSlashFraction;
	type MaxEvidenceLen = ConstU32<16>;
	type MaxPendingSlashesPerAvs = ConstU32<3>;
	type MaxAutoExecutionsPerBlock = ConstU32<2>;
	type MaxIncidentAge = MaxIncidentAge;
	type SlashBudgetWindow = SlashBudgetWindow;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

// ---------------------------------------------------------------------------------------------
// Mock restaking ledger.
// ---------------------------------------------------------------------------------------------

/// Mock implementation of the restaking traits.
pub struct MockLedger;

/// Collateral asset of each vault.
#[storage_alias]
pub type MockVaults = StorageMap<MockRestaking, Twox64Concat, VaultId, AssetKind>;
/// Stake of each pool (vault, operator).
#[storage_alias]
pub type MockPools =
	StorageMap<MockRestaking, Blake2_128Concat, (VaultId, AccountId), PoolStake<Balance>>;
/// Registered operators and their commission.
#[storage_alias]
pub type MockOperators = StorageMap<MockRestaking, Blake2_128Concat, AccountId, Perbill>;
/// Pending-slash locks of each pool (vault, operator).
#[storage_alias]
pub type MockLocks = StorageMap<
	MockRestaking,
	Blake2_128Concat,
	(VaultId, AccountId),
	u32,
	frame_support::pallet_prelude::ValueQuery,
>;
/// When set, `slash_pool` fails (to test error handling).
#[storage_alias]
pub type MockSlashPoolFails =
	StorageValue<MockRestaking, bool, frame_support::pallet_prelude::ValueQuery>;

/// Account holding the collateral of `vault`.
pub fn vault_account(vault: VaultId) -> AccountId {
	1_000 + vault as AccountId
}

impl RestakingInspect<AccountId> for MockLedger {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type BlockNumber = BlockNumber;

	fn vault_asset(vault: VaultId) -> Option<AssetKind> {
		MockVaults::get(vault)
	}
	fn vault_is_active(vault: VaultId) -> bool {
		MockVaults::contains_key(vault)
	}
	fn vault_withdrawal_delay(vault: VaultId) -> Option<BlockNumber> {
		MockVaults::contains_key(vault).then_some(10)
	}
	fn longest_withdrawal_wait(vault: VaultId) -> Option<BlockNumber> {
		Self::vault_withdrawal_delay(vault)
	}
	fn is_operator(who: &AccountId) -> bool {
		MockOperators::contains_key(who)
	}
	fn is_active_operator(who: &AccountId) -> bool {
		MockOperators::contains_key(who)
	}
	fn operator_commission(operator: &AccountId) -> Option<Perbill> {
		MockOperators::get(operator)
	}
	fn pool_stake(vault: VaultId, operator: &AccountId) -> PoolStake<Balance> {
		MockPools::get((vault, operator)).unwrap_or_default()
	}
}

impl RestakingSlash<AccountId> for MockLedger {
	fn lock_for_slash(
		vault: VaultId,
		operator: &AccountId,
	) -> frame_support::dispatch::DispatchResult {
		MockLocks::mutate((vault, *operator), |locks| *locks += 1);
		Ok(())
	}

	fn unlock_after_slash(vault: VaultId, operator: &AccountId) {
		MockLocks::mutate_exists((vault, *operator), |locks| {
			let left =
				locks.unwrap_or_default().checked_sub(1).expect("unlock of an unlocked pool");
			*locks = (left > 0).then_some(left);
		});
	}

	fn pending_slashes(vault: VaultId, operator: &AccountId) -> u32 {
		MockLocks::get((vault, *operator))
	}

	/// The mock keeps only pool totals: `live_at` is not modelled (every withdrawing unit is
	/// live), which the tests of the real pallet cover.
	fn slash_pool(
		vault: VaultId,
		operator: &AccountId,
		fraction: Perbill,
		_live_at: BlockNumber,
		destination: &SlashDestination<AccountId>,
	) -> Result<Balance, DispatchError> {
		if MockSlashPoolFails::get() {
			return Err(DispatchError::Other("mock slash_pool failure"));
		}
		let asset = MockVaults::get(vault).ok_or(DispatchError::Other("no such vault"))?;
		let mut pool = MockPools::get((vault, operator)).unwrap_or_default();
		let active_cut = fraction.mul_floor(pool.active);
		let withdrawing_cut = fraction.mul_floor(pool.withdrawing);
		let total = active_cut + withdrawing_cut;
		pool.active -= active_cut;
		pool.withdrawing -= withdrawing_cut;
		if total > 0 {
			match destination {
				SlashDestination::Burn => {
					NativeAndAssets::burn_from(
						asset,
						&vault_account(vault),
						total,
						Preservation::Expendable,
						Precision::Exact,
						Fortitude::Force,
					)?;
				},
				SlashDestination::Account(to) => {
					NativeAndAssets::transfer(
						asset,
						&vault_account(vault),
						to,
						total,
						Preservation::Expendable,
					)?;
				},
			}
		}
		MockPools::insert((vault, operator), pool);
		Ok(total)
	}
}

/// Create a pool (`vault`, `operator`) holding `active` + `withdrawing` collateral (minted into
/// the vault account).
pub fn set_pool(vault: VaultId, operator: AccountId, active: Balance, withdrawing: Balance) {
	let asset = MockVaults::get(vault).expect("vault exists");
	NativeAndAssets::mint_into(asset, &vault_account(vault), active + withdrawing)
		.expect("mint works");
	MockPools::insert((vault, operator), PoolStake { active, withdrawing });
}

// ---------------------------------------------------------------------------------------------
// Mock AVS registry (shared with the rewards pallet's mock).
// ---------------------------------------------------------------------------------------------

restaking_test_utils::mock_avs_registry! {
	max_vaults_per_avs: MaxVaultsPerAvs,
	max_operators_per_avs: MaxOperatorsPerAvs,
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn setup_slashable_operator(vaults: u32, _delegators: u32) -> (AvsId, AccountId, AccountId) {
		// The mock ledger keeps pool totals only: delegators are not modelled.
		let avs = 100;
		let slasher = 500;
		// The benchmarks fund the slasher themselves.
		let operator = 501;
		register_avs(
			avs,
			502,
			AvsSlashingParams {
				slasher,
				resolver: Some(503),
				max_slash: Perbill::one(),
				veto_window: 5,
				destination: SlashDestination::Account(504),
			},
			OPT_OUT_DELAY,
		);
		let mut allocations = Vec::new();
		for vault in 0..vaults {
			let vault_id = 100 + vault;
			MockVaults::insert(vault_id, NativeOrWithId::Native);
			set_pool(vault_id, operator, 1_000_000, 1_000);
			allocations.push((vault_id, Perbill::from_percent(50)));
		}
		opt_in(avs, operator, allocations);
		(avs, slasher, operator)
	}
}

// ---------------------------------------------------------------------------------------------
// Accounts and fixtures.
// ---------------------------------------------------------------------------------------------

/// Slasher account of AVS 1.
pub const SLASHER: AccountId = 10;
/// Resolver account of AVS 1.
pub const RESOLVER: AccountId = 11;
/// Owner of the AVSs.
pub const AVS_OWNER: AccountId = 12;
/// Where AVS 1's slashed collateral goes.
pub const BENEFICIARY: AccountId = 13;
/// Slasher account of AVS 2 (which burns, and has no resolver).
pub const SLASHER_2: AccountId = 14;
/// Operator opted in to AVS 1 and AVS 2 with stake in vaults 0 and 1.
pub const OPERATOR: AccountId = 20;
/// Operator opted in to AVS 1 without any allocation.
pub const OPERATOR_NO_ALLOCATION: AccountId = 21;
/// Operator not opted in to any AVS.
pub const OPERATOR_NOT_OPTED_IN: AccountId = 22;
/// Some other account.
pub const ANYONE: AccountId = 99;

/// AVS with a resolver, a 50% cap, a 10-block veto window and a beneficiary account.
pub const AVS: AvsId = 1;
/// AVS without a resolver, a 100% cap, a 5-block veto window, burning slashed funds.
pub const AVS_2: AvsId = 2;
/// Vault of the native token.
pub const NATIVE_VAULT: VaultId = 0;
/// Vault of asset 7 ("stETH").
pub const STETH_VAULT: VaultId = 1;
/// Asset id of the "stETH" asset.
pub const STETH: u32 = 7;
/// Veto window of AVS 1.
pub const VETO_WINDOW: BlockNumber = 10;
/// Opt-out delay of the AVSs (the tests opt operators out with an explicit end instead).
pub const OPT_OUT_DELAY: BlockNumber = 20;

pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(BENEFICIARY, 10),
				(AVS_OWNER, 1_000),
				(ANYONE, 100),
				(SLASHER, 1_000),
				(SLASHER_2, 1_000),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(STETH, AVS_OWNER, true, 1)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockVaults::insert(NATIVE_VAULT, NativeOrWithId::Native);
			MockVaults::insert(STETH_VAULT, NativeOrWithId::WithId(STETH));
			MockOperators::insert(OPERATOR, Perbill::from_percent(10));
			MockOperators::insert(OPERATOR_NO_ALLOCATION, Perbill::from_percent(10));
			MockOperators::insert(OPERATOR_NOT_OPTED_IN, Perbill::from_percent(10));
			set_pool(NATIVE_VAULT, OPERATOR, 1_000, 200);
			set_pool(STETH_VAULT, OPERATOR, 500, 0);
			register_avs(
				AVS,
				AVS_OWNER,
				AvsSlashingParams {
					slasher: SLASHER,
					resolver: Some(RESOLVER),
					max_slash: Perbill::from_percent(50),
					veto_window: VETO_WINDOW,
					destination: SlashDestination::Account(BENEFICIARY),
				},
				OPT_OUT_DELAY,
			);
			register_avs(
				AVS_2,
				AVS_OWNER,
				AvsSlashingParams {
					slasher: SLASHER_2,
					resolver: None,
					max_slash: Perbill::one(),
					veto_window: 5,
					destination: SlashDestination::Burn,
				},
				OPT_OUT_DELAY,
			);
			opt_in(
				AVS,
				OPERATOR,
				vec![(NATIVE_VAULT, Perbill::from_percent(50)), (STETH_VAULT, Perbill::one())],
			);
			opt_in(AVS_2, OPERATOR, vec![(NATIVE_VAULT, Perbill::one())]);
			opt_in(AVS, OPERATOR_NO_ALLOCATION, vec![]);
			System::reset_events();
		});
		ext
	}

	/// Run `test` in a fresh externality, then check the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Slashing::do_try_state().expect("try_state holds after the test");
		})
	}
}

/// Events of the slashing pallet emitted so far.
pub fn slashing_events() -> Vec<pallet_slashing::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Slashing(event) => Some(event),
			_ => None,
		})
		.collect()
}
