//! Mock runtime for the rewards pallet's unit tests.
//!
//! pallet-balances and pallet-assets behind `UnionOf` provide real reward assets. The restaking
//! ledger is a small, honest mock implementation of `RestakingRewards` kept in storage (so
//! dispatch rollbacks apply to it): pools have active shares, a reward-per-share accumulator per
//! asset (the ledger's own [`PoolReward`] arithmetic) and staker positions with reward debts,
//! like the real ledger. The AVS registry is the in-storage `AvsInspect` mock the slashing
//! pallet's tests use too (`restaking_test_utils::mock_avs_registry!`). The tests against the
//! real `pallet-restaking` and `pallet-avs-registry` live in `pallets/integration-tests`.

use crate::{self as pallet_rewards};
use frame_support::{
	parameter_types, storage_alias, traits::fungible::NativeOrWithId, Blake2_128Concat, BoundedVec,
	PalletId,
};
use pallet_avs_registry::types::{AvsId, AvsSlashingParams};
use pallet_restaking::{
	reward::{self, PoolReward},
	traits::{RestakingInspect, RestakingRewards},
	types::{PoolStake, SlashDestination, VaultId},
};
use sp_runtime::{BuildStorage, DispatchError, FixedU128, Perbill};

/// Reward period of the tests' submissions, in blocks (the shortest allowed).
pub const PERIOD: BlockNumber = 10;

restaking_test_utils::mock_runtime! {
	pub enum Test {
		Rewards: pallet_rewards,
	}
	account_id: u64,
	existential_deposit: 5,
}

parameter_types! {
	pub const MaxVaultsPerAvs: u32 = 3;
	pub const MaxOperatorsPerAvs: u32 = 4;
	pub const MaxRewardAssets: u32 = 2;
	pub const MaxStakerPools: u32 = 4;
	pub const RewardsPalletId: PalletId = PalletId(*b"rwds/pot");
	pub const Treasury: AccountId = 777;
	pub const DefaultProtocolFee: Perbill = Perbill::from_percent(10);
	pub const MaxProtocolFee: Perbill = Perbill::from_percent(30);
	pub const MinRewardDuration: BlockNumber = PERIOD;
}

impl pallet_rewards::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Restaking = MockLedger;
	type Avs = MockAvsRegistry;
	type PalletId = RewardsPalletId;
	type TreasuryAccount = Treasury;
	type DefaultProtocolFee = DefaultProtocolFee;
	type MaxProtocolFee = MaxProtocolFee;
	type MinRewardDuration = MinRewardDuration;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

// ---------------------------------------------------------------------------------------------
// Mock restaking ledger with a reward-per-share accumulator.
// ---------------------------------------------------------------------------------------------

/// Mock implementation of the restaking traits.
pub struct MockLedger;

/// Active stake, active shares and withdrawing stake of a pool.
#[derive(codec::Encode, codec::Decode, Clone, Copy, Default, Debug, PartialEq)]
pub struct MockPool {
	pub active: Balance,
	pub shares: Balance,
	pub withdrawing: Balance,
}

#[storage_alias]
pub type MockOperators = StorageMap<MockRestaking, Blake2_128Concat, AccountId, Perbill>;
#[storage_alias]
pub type MockPools = StorageMap<MockRestaking, Blake2_128Concat, (VaultId, AccountId), MockPool>;
/// Reward assets of each pool with their counter and stream (the restaking pallet's type and
/// arithmetic, [`pallet_restaking::reward::PoolReward`]).
#[storage_alias]
pub type MockPoolRewards = StorageMap<
	MockRestaking,
	Blake2_128Concat,
	(VaultId, AccountId),
	Vec<(AssetKind, PoolReward<Balance, BlockNumber>)>,
>;
/// Staker positions: shares, and per asset the accumulator at the last settlement and the
/// settled, untaken amount.
#[derive(codec::Encode, codec::Decode, Clone, Default, Debug, PartialEq)]
pub struct MockPosition {
	pub shares: Balance,
	pub debts: Vec<(AssetKind, FixedU128)>,
	pub owed: Vec<(AssetKind, Balance)>,
}
#[storage_alias]
pub type MockPositions =
	StorageMap<MockRestaking, Blake2_128Concat, (AccountId, VaultId, AccountId), MockPosition>;
#[storage_alias]
pub type MockStakerPools =
	StorageMap<MockRestaking, Blake2_128Concat, AccountId, Vec<(VaultId, AccountId)>>;

/// Release the streams of pool (`vault`, `operator`) up to now, over its active shares.
fn release(
	vault: VaultId,
	operator: AccountId,
) -> Vec<(AssetKind, PoolReward<Balance, BlockNumber>)> {
	let now = System::block_number();
	let shares = MockPools::get((vault, operator)).unwrap_or_default().shares;
	let mut rewards = MockPoolRewards::get((vault, operator)).unwrap_or_default();
	for (_, reward) in rewards.iter_mut() {
		reward.release(now, shares);
	}
	MockPoolRewards::insert((vault, operator), rewards.clone());
	rewards
}

fn settle(staker: AccountId, vault: VaultId, operator: AccountId) -> MockPosition {
	let mut position = MockPositions::get((staker, vault, operator)).unwrap_or_default();
	for (asset, reward) in release(vault, operator) {
		let per_share = reward.per_share;
		let debt = position
			.debts
			.iter()
			.find(|(known, _)| *known == asset)
			.map(|(_, debt)| *debt)
			.unwrap_or_default();
		let earned = reward::earned(position.shares, per_share, debt).expect("no overflow");
		match position.owed.iter_mut().find(|(known, _)| *known == asset) {
			Some((_, owed)) => *owed += earned,
			None => position.owed.push((asset.clone(), earned)),
		}
		match position.debts.iter_mut().find(|(known, _)| *known == asset) {
			Some((_, debt)) => *debt = per_share,
			None => position.debts.push((asset, per_share)),
		}
	}
	position
}

/// `staker` deposits `amount` into pool (`vault`, `operator`) (one share per unit).
pub fn deposit(staker: AccountId, vault: VaultId, operator: AccountId, amount: Balance) {
	let mut position = settle(staker, vault, operator);
	position.shares += amount;
	MockPositions::insert((staker, vault, operator), position);
	MockPools::mutate((vault, operator), |pool| {
		let pool = pool.get_or_insert_with(Default::default);
		pool.active += amount;
		pool.shares += amount;
	});
	MockStakerPools::mutate(staker, |pools| {
		let pools = pools.get_or_insert_with(Vec::new);
		if !pools.contains(&(vault, operator)) {
			pools.push((vault, operator));
		}
	});
}

/// `staker` queues `shares` for withdrawal: they leave the active shares (and earn nothing).
pub fn queue_withdrawal(staker: AccountId, vault: VaultId, operator: AccountId, shares: Balance) {
	let mut position = settle(staker, vault, operator);
	position.shares -= shares;
	MockPositions::insert((staker, vault, operator), position);
	MockPools::mutate((vault, operator), |pool| {
		let pool = pool.as_mut().expect("pool exists");
		let stake = pool.active * shares / pool.shares;
		pool.active -= stake;
		pool.shares -= shares;
		pool.withdrawing += stake;
	});
}

impl RestakingInspect<AccountId> for MockLedger {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type BlockNumber = BlockNumber;

	fn vault_asset(_vault: VaultId) -> Option<AssetKind> {
		Some(NativeOrWithId::Native)
	}
	fn vault_is_active(_vault: VaultId) -> bool {
		true
	}
	fn vault_withdrawal_delay(_vault: VaultId) -> Option<BlockNumber> {
		Some(10)
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
		let pool = MockPools::get((vault, operator)).unwrap_or_default();
		PoolStake { active: pool.active, withdrawing: pool.withdrawing }
	}
}

impl RestakingRewards<AccountId> for MockLedger {
	type MaxRewardAssets = MaxRewardAssets;
	type MaxStakerPools = MaxStakerPools;

	fn staker_pools(staker: &AccountId) -> BoundedVec<(VaultId, AccountId), MaxStakerPools> {
		BoundedVec::truncate_from(MockStakerPools::get(staker).unwrap_or_default())
	}

	fn credit_pool_reward(
		vault: VaultId,
		operator: &AccountId,
		asset: AssetKind,
		amount: Balance,
		ends_at: BlockNumber,
	) -> Result<(), DispatchError> {
		let pool = MockPools::get((vault, operator)).unwrap_or_default();
		if pool.shares == 0 {
			return Err(DispatchError::Other("pool has no active shares"));
		}
		let now = System::block_number();
		let mut rewards = release(vault, *operator);
		let index = match rewards.iter().position(|(known, _)| *known == asset) {
			Some(index) => index,
			None => {
				if rewards.len() as u32 >= MaxRewardAssets::get() {
					return Err(DispatchError::Other("too many reward assets"));
				}
				rewards.push((asset, PoolReward { updated_at: now, ..Default::default() }));
				rewards.len() - 1
			},
		};
		let reward = &mut rewards[index].1;
		if ends_at <= now {
			reward
				.credit(amount, pool.shares)
				.ok_or(DispatchError::Other("counter overflow"))?;
		} else {
			reward.add(amount, now, ends_at);
		}
		MockPoolRewards::insert((vault, operator), rewards);
		Ok(())
	}

	fn take_undistributed(
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(AssetKind, Balance), MaxRewardAssets> {
		let mut rewards = release(vault, *operator);
		let taken: Vec<_> = rewards
			.iter_mut()
			.filter(|(_, reward)| reward.undistributed > 0)
			.map(|(asset, reward)| (asset.clone(), core::mem::take(&mut reward.undistributed)))
			.collect();
		MockPoolRewards::insert((vault, operator), rewards);
		BoundedVec::truncate_from(taken)
	}

	fn take_pending_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> Result<BoundedVec<(AssetKind, Balance), MaxRewardAssets>, DispatchError> {
		let mut position = settle(*staker, vault, *operator);
		let taken: Vec<_> =
			position.owed.iter().filter(|(_, amount)| *amount > 0).cloned().collect();
		position.owed.clear();
		MockPositions::insert((staker, vault, operator), position);
		Ok(BoundedVec::truncate_from(taken))
	}

	fn pending_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(AssetKind, Balance), MaxRewardAssets> {
		let position = settle(*staker, vault, *operator);
		BoundedVec::truncate_from(
			position.owed.into_iter().filter(|(_, amount)| *amount > 0).collect::<Vec<_>>(),
		)
	}

	fn streaming_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(AssetKind, Balance, BlockNumber), MaxRewardAssets> {
		let shares = MockPositions::get((staker, vault, operator)).unwrap_or_default().shares;
		let pool_shares = MockPools::get((vault, operator)).unwrap_or_default().shares;
		BoundedVec::truncate_from(
			release(vault, *operator)
				.into_iter()
				.filter_map(|(asset, reward)| {
					let share = reward::mul_div_floor(reward.streaming, shares, pool_shares);
					(share > 0).then_some((asset, share, reward.ends_at))
				})
				.collect::<Vec<_>>(),
		)
	}
}

// ---------------------------------------------------------------------------------------------
// Mock AVS registry (shared with the slashing pallet's mock).
// ---------------------------------------------------------------------------------------------

restaking_test_utils::mock_avs_registry! {
	max_vaults_per_avs: MaxVaultsPerAvs,
	max_operators_per_avs: MaxOperatorsPerAvs,
}

/// Opt-out delay of the tests' AVSs: the longest reward period they accept.
pub const OPT_OUT_DELAY: BlockNumber = 20;

/// Register `avs`, owned by `owner`, accepting `assets` as rewards, with an opt-out delay of
/// [`OPT_OUT_DELAY`]. The rewards pallet reads no slashing parameter: the owner slashes, up to
/// 10%, burning, after a 10-block veto window.
pub fn register_rewarding_avs(avs: AvsId, owner: AccountId, assets: Vec<AssetKind>) {
	register_avs(
		avs,
		owner,
		AvsSlashingParams {
			slasher: owner,
			resolver: None,
			max_slash: Perbill::from_percent(10),
			veto_window: 10,
			destination: SlashDestination::Burn,
		},
		OPT_OUT_DELAY,
	);
	set_reward_assets(avs, assets);
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, AssetKind, Balance> for MockBenchmarkHelper {
	fn setup_rewarded_avs(
		operators: u32,
		vaults: u32,
		_delegators: u32,
	) -> (AvsId, AccountId, AssetKind) {
		// The mock ledger keeps pool totals only: delegators are not modelled.
		use frame_support::traits::fungibles::Mutate;
		let avs = 100;
		let owner = 5_000;
		register_rewarding_avs(avs, owner, vec![NativeOrWithId::Native]);
		NativeAndAssets::mint_into(NativeOrWithId::Native, &owner, 1_000_000_000_000).unwrap();
		for index in 0..operators {
			let operator = 6_000 + index as AccountId;
			MockOperators::insert(operator, Perbill::from_percent(5));
			let mut allocations = Vec::new();
			for vault in 0..vaults {
				deposit(7_000, vault, operator, 1_000_000);
				allocations.push((vault, Perbill::from_percent(50)));
			}
			opt_in(avs, operator, allocations);
		}
		(avs, owner, NativeOrWithId::Native)
	}

	fn setup_staker_with_rewards(pools: u32, assets: u32) -> AccountId {
		use frame_support::traits::fungibles::Mutate;
		let staker = 8_000;
		NativeAndAssets::mint_into(NativeOrWithId::Native, &staker, 1_000).unwrap();
		let pot = crate::Pallet::<Test>::pot_account();
		for vault in 0..pools {
			deposit(staker, vault, 9_000, 1_000_000);
			for asset_index in 0..assets {
				let asset = if asset_index == 0 {
					NativeOrWithId::Native
				} else {
					NativeOrWithId::WithId(STETH)
				};
				MockLedger::credit_pool_reward(vault, &9_000, asset.clone(), 1_000_000, 1).unwrap();
				NativeAndAssets::mint_into(asset.clone(), &pot, 1_000_000 + 100).unwrap();
				crate::OutstandingStakerRewards::<Test>::mutate(&asset, |outstanding| {
					*outstanding += 1_000_000
				});
			}
		}
		staker
	}

	fn setup_undistributed(assets: u32) -> (VaultId, AccountId) {
		let staker = 8_001;
		let (vault, operator) = (0, 9_001);
		deposit(staker, vault, operator, 1_000_000);
		let pot = crate::Pallet::<Test>::pot_account();
		use frame_support::traits::fungibles::Mutate;
		for asset_index in 0..assets {
			let asset = if asset_index == 0 {
				NativeOrWithId::Native
			} else {
				NativeOrWithId::WithId(STETH)
			};
			MockLedger::credit_pool_reward(vault, &operator, asset.clone(), 1_000_000, 11).unwrap();
			NativeAndAssets::mint_into(asset.clone(), &pot, 1_000_000 + 100).unwrap();
			crate::OutstandingStakerRewards::<Test>::mutate(&asset, |outstanding| {
				*outstanding += 1_000_000
			});
		}
		queue_withdrawal(staker, vault, operator, 1_000_000);
		System::set_block_number(20);
		(vault, operator)
	}
}

// ---------------------------------------------------------------------------------------------
// Accounts and fixtures.
// ---------------------------------------------------------------------------------------------

/// Owner of AVS 1.
pub const AVS_OWNER: AccountId = 10;
/// Operator with a 10% commission.
pub const OPERATOR_A: AccountId = 20;
/// Operator with a 20% commission.
pub const OPERATOR_B: AccountId = 21;
/// Operator opted in without any allocation.
pub const OPERATOR_IDLE: AccountId = 22;
/// Operator not opted in to AVS 1.
pub const OPERATOR_OUTSIDE: AccountId = 23;
/// Stakers.
pub const ALICE: AccountId = 30;
pub const BOB: AccountId = 31;
pub const CAROL: AccountId = 32;
/// Some other account.
pub const ANYONE: AccountId = 99;
/// The rewarding AVS; accepts the native token and stETH.
pub const AVS: AvsId = 1;
/// Vaults (the mock ledger does not care about their collateral).
pub const VAULT_0: VaultId = 0;
pub const VAULT_1: VaultId = 1;
/// Asset id of "stETH" (min balance 3).
pub const STETH: u32 = 7;
/// Asset id of an asset the AVS does not accept.
pub const OTHER_ASSET: u32 = 8;
pub const NATIVE: AssetKind = NativeOrWithId::Native;
pub const STETH_ASSET: AssetKind = NativeOrWithId::WithId(STETH);

pub struct ExtBuilder;

impl ExtBuilder {
	/// AVS 1 (owner `AVS_OWNER`, funded with 1_000_000 of each asset) accepts the native token
	/// and stETH. Operator A (10%) has vault 0 allocated 100% and vault 1 allocated 50%;
	/// operator B (20%) has vault 0 allocated 100%; the idle operator has no allocation.
	/// Alice has 300 in pool (0, A), Bob 100 in pool (0, A) and 200 in pool (1, A), Carol 400
	/// in pool (0, B).
	pub fn build() -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(AVS_OWNER, 1_000_000),
				(OPERATOR_A, 100),
				(OPERATOR_B, 100),
				(ALICE, 100),
				(BOB, 100),
				(CAROL, 100),
				(ANYONE, 100),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(STETH, AVS_OWNER, false, 3), (OTHER_ASSET, AVS_OWNER, false, 1)],
			accounts: vec![(STETH, AVS_OWNER, 1_000_000), (OTHER_ASSET, AVS_OWNER, 1_000_000)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_rewards::GenesisConfig::<Test> { reward_assets: vec![NATIVE, STETH_ASSET] }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			register_rewarding_avs(AVS, AVS_OWNER, vec![NATIVE, STETH_ASSET]);
			MockOperators::insert(OPERATOR_A, Perbill::from_percent(10));
			MockOperators::insert(OPERATOR_B, Perbill::from_percent(20));
			MockOperators::insert(OPERATOR_IDLE, Perbill::from_percent(10));
			MockOperators::insert(OPERATOR_OUTSIDE, Perbill::from_percent(10));
			opt_in(
				AVS,
				OPERATOR_A,
				vec![(VAULT_0, Perbill::one()), (VAULT_1, Perbill::from_percent(50))],
			);
			opt_in(AVS, OPERATOR_B, vec![(VAULT_0, Perbill::one())]);
			opt_in(AVS, OPERATOR_IDLE, vec![]);
			deposit(ALICE, VAULT_0, OPERATOR_A, 300);
			deposit(BOB, VAULT_0, OPERATOR_A, 100);
			deposit(BOB, VAULT_1, OPERATOR_A, 200);
			deposit(CAROL, VAULT_0, OPERATOR_B, 400);
			System::reset_events();
		});
		ext
	}

	/// Run `test` in a fresh externality, then check the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Rewards::do_try_state().expect("try_state holds after the test");
		})
	}
}
