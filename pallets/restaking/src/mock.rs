//! Test runtime: frame-system, pallet-balances (native), pallet-assets (one collateral asset)
//! behind `UnionOf`, and the restaking pallet.

use crate::{self as pallet_restaking, types::VaultId};
use frame_support::{
	assert_ok, parameter_types,
	traits::{tokens::fungible::NativeOrWithId, ConstU128, ConstU32, ConstU64},
	PalletId,
};
use sp_runtime::{BuildStorage, Perbill};

/// Id of the pallet-assets collateral asset.
pub const ASSET_ID: u32 = 1;
/// Minimum balance of that asset.
pub const ASSET_MIN_BALANCE: Balance = 3;
/// Native and asset balance of every funded account.
pub const INITIAL_BALANCE: Balance = 1_000_000;
/// Held from the creator of a vault.
pub const VAULT_DEPOSIT: Balance = 100;
/// Native deposit of an operator registration.
pub const OPERATOR_DEPOSIT: Balance = 50;

/// Owner of the vaults created by the default builder.
pub const VAULT_OWNER: AccountId = 100;
/// Operators registered by the default builder.
pub const OPERATOR_A: AccountId = 10;
pub const OPERATOR_B: AccountId = 11;
/// Stakers funded by the default builder.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// An account with no funds.
pub const NOBODY: AccountId = 999;

/// Vault 0 of the default builder: native collateral.
pub const NATIVE_VAULT: VaultId = 0;
/// Vault 1 of the default builder: asset collateral.
pub const ASSET_VAULT: VaultId = 1;
/// Withdrawal delay of the default vaults.
pub const DELAY: u64 = 20;
/// Deposit cap of the default vaults.
pub const CAP: Balance = 500_000;
/// Minimum deposit of the default vaults.
pub const MIN_DEPOSIT: Balance = 10;
/// Commission of the default operators.
pub const COMMISSION: Perbill = Perbill::from_percent(10);

// `AccountId` is `u128`, wide enough for `PalletId` sub-accounts (`modl` + id + vault id): with
// `u64` every vault would share one account.
restaking_test_utils::mock_runtime! {
	pub enum Test {
		Restaking: pallet_restaking,
	}
	account_id: u128,
	existential_deposit: 5,
}

parameter_types! {
	pub const RestakingPalletId: PalletId = PalletId(*b"rstk/vlt");
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
}

/// Names assets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AssetKind> for BenchmarkHelper {
	fn collateral_asset() -> AssetKind {
		NativeOrWithId::Native
	}
	fn reward_asset(index: u32) -> AssetKind {
		NativeOrWithId::WithId(1_000 + index)
	}
	fn mintable_asset(index: u32) -> AssetKind {
		benchmark_mintable_asset(index)
	}
}

impl pallet_restaking::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PalletId = RestakingPalletId;
	type VaultDeposit = ConstU128<VAULT_DEPOSIT>;
	type OperatorDeposit = ConstU128<OPERATOR_DEPOSIT>;
	type MinWithdrawalDelay = ConstU64<5>;
	type MaxWithdrawalDelay = ConstU64<100>;
	// A 20-block delay gets 10-block buckets.
	type WithdrawalEpochs = ConstU32<2>;
	type MaxLiveBuckets = pallet_restaking::MaxLiveBucketsFor<ConstU32<2>>;
	type CommissionChangeDelay = ConstU64<20>;
	type MaxCommission = MaxCommission;
	type MaxMetadataLen = ConstU32<32>;
	type MaxStakerPools = ConstU32<3>;
	type MaxPendingWithdrawals = ConstU32<4>;
	type MaxRewardAssets = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Builds test externalities.
pub struct ExtBuilder {
	/// Register the default operators and create the default vaults.
	with_defaults: bool,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { with_defaults: true }
	}
}

impl ExtBuilder {
	/// No operators and no vaults (funded accounts only).
	pub fn empty() -> Self {
		Self { with_defaults: false }
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded: Vec<AccountId> =
			vec![ALICE, BOB, CHARLIE, 4, 5, OPERATOR_A, OPERATOR_B, VAULT_OWNER];
		pallet_balances::GenesisConfig::<Test> {
			balances: funded.iter().map(|who| (*who, INITIAL_BALANCE)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(ASSET_ID, VAULT_OWNER, false, ASSET_MIN_BALANCE)],
			accounts: funded.iter().map(|who| (ASSET_ID, *who, INITIAL_BALANCE)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();

		let mut ext = sp_io::TestExternalities::new(storage);
		let with_defaults = self.with_defaults;
		ext.execute_with(|| {
			System::set_block_number(1);
			if with_defaults {
				for operator in [OPERATOR_A, OPERATOR_B] {
					assert_ok!(Restaking::register_operator(
						RuntimeOrigin::signed(operator),
						COMMISSION,
						Default::default(),
					));
				}
				assert_ok!(Restaking::create_vault(
					RuntimeOrigin::signed(VAULT_OWNER),
					NativeOrWithId::Native,
					CAP,
					MIN_DEPOSIT,
					DELAY,
				));
				assert_ok!(Restaking::create_vault(
					RuntimeOrigin::signed(VAULT_OWNER),
					NativeOrWithId::WithId(ASSET_ID),
					CAP,
					MIN_DEPOSIT,
					DELAY,
				));
			}
			System::reset_events();
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants (`try_state`) and the exact vault
	/// balances.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Restaking::do_try_state().expect("try_state failed after the test");
			assert_vault_balances_exact();
		});
	}
}

/// Invariant 1 with equality: nobody in the tests donates to vault accounts.
pub fn assert_vault_balances_exact() {
	use frame_support::traits::fungibles::Inspect;
	for (vault, info) in crate::Vaults::<Test>::iter() {
		assert_eq!(
			NativeAndAssets::balance(info.asset.clone(), &Restaking::vault_account(vault)),
			info.existential_reserve +
				info.total_stake +
				crate::UnpaidSlashes::<Test>::iter_prefix_values(vault).sum::<Balance>(),
			"vault {vault} balance != reserve + total stake + unpaid slashes",
		);
	}
}
