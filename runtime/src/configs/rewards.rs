//! Configuration of `pallet-rewards` in the runtime.
//!
//! Reward funds are held by the pot account of [`RewardsPalletId`]; protocol fees accrue there
//! for [`TreasuryAccount`] and are sent to it by anyone with `transfer_protocol_fees`.

use super::*;

parameter_types! {
	/// Id of the reward pot account.
	pub const RewardsPalletId: PalletId = PalletId(*b"rstk/rwd");
	/// Protocol fee in force until governance sets one: 5% of each operator's share.
	pub const DefaultProtocolFee: Perbill = Perbill::from_percent(5);
	/// Highest protocol fee governance may set.
	pub const MaxProtocolFee: Perbill = Perbill::from_percent(20);
	/// Reward assets enabled by the upgrade to the rewards pallet's storage version 1 (the
	/// genesis presets' list): the native token and the two collateral tokens.
	pub InitialRewardAssets: alloc::vec::Vec<AssetKind> = alloc::vec![
		AssetKind::Native,
		AssetKind::WithId(crate::genesis_config_presets::STETH),
		AssetKind::WithId(crate::genesis_config_presets::RETH),
	];
}

impl pallet_rewards::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Restaking = RestakingLedger;
	type Avs = AvsRegistry;
	type PalletId = RewardsPalletId;
	type TreasuryAccount = TreasuryAccount;
	type DefaultProtocolFee = DefaultProtocolFee;
	type MaxProtocolFee = MaxProtocolFee;
	/// The chain spec's shortest reward period (`time_parameters.rs`): at most the shortest
	/// withdrawal delay, so some period can be paid to every vault.
	type MinRewardDuration = super::time_parameters::windows::MinRewardDuration<Runtime>;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::RewardsBenchmarkHelper;
}

/// Creates AVSs, operators and staker positions for `pallet-rewards`' benchmarks with the real
/// restaking and AVS-registry pallets. Benchmark set-up code: it panics if the set-up fails,
/// which fails the benchmark.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helper {
	use super::*;
	use crate::configs::slashing::benchmark_helper::*;
	use frame_support::traits::Get;
	use alloc::vec::Vec;
	use frame_support::traits::fungibles::Mutate;
	use pallet_avs_registry::types::AvsId;
	use pallet_restaking::types::VaultId;

	/// Asset id of the `index`-th benchmark reward asset (index 0 is the native token).
	fn reward_asset(index: u32) -> AssetKind {
		if index == 0 {
			AssetKind::Native
		} else {
			AssetKind::WithId(1_000_000u32.saturating_add(index))
		}
	}

	/// Create the non-native reward asset `asset` (sufficient, min balance 1), mint plenty
	/// of it to `owner` and enable it as a reward asset (written directly: the benchmarks may
	/// use more assets than the slots left by the genesis list).
	fn create_asset(asset: &AssetKind, owner: &AccountId) {
		pallet_rewards::RewardAssets::<Runtime>::insert(
			asset,
			pallet_rewards::types::RewardAssetStatus::Enabled,
		);
		if let AssetKind::WithId(id) = asset {
			ensure_sufficient_asset(*id, owner);
			<NativeAndAssets as Mutate<AccountId>>::mint_into(
				asset.clone(),
				owner,
				1_000_000_000 * UNIT,
			)
			.expect("benchmark asset is minted");
		}
	}

	/// A vault and an AVS paying `assets` reward assets (owner `avs-owner` number
	/// `owner_index`); `staker` deposits into the pool of each of `operators`, which opt in and
	/// allocate; then the AVS submits 1,000 units of each asset over the shortest period.
	/// Returns the vault.
	fn stream_to_pools(
		owner_index: u32,
		staker: &AccountId,
		operators: &[AccountId],
		assets: u32,
	) -> VaultId {
		let owner = funded_account("avs-owner", owner_index);
		let vault = create_collateral_vault(&owner);
		let reward_assets: Vec<AssetKind> = (0..assets).map(reward_asset).collect();
		for asset in reward_assets.iter() {
			create_asset(asset, &owner);
		}
		let avs = register_avs(&owner, &owner, &owner, alloc::vec![vault], reward_assets.clone());
		for operator in operators {
			register_operator(operator);
			deposit(staker, vault, operator);
			opt_in_and_allocate(avs, operator, &[vault]);
		}
		pass_allocation_delay();
		for asset in reward_assets {
			crate::Rewards::submit_rewards(
				RuntimeOrigin::signed(owner.clone()),
				avs,
				asset,
				1_000 * UNIT,
				<Runtime as pallet_rewards::Config>::MinRewardDuration::get(),
				None,
			)
			.expect("benchmark rewards are submitted");
		}
		vault
	}

	/// Let the shortest reward period pass.
	fn pass_reward_period() {
		let now = frame_system::Pallet::<Runtime>::block_number();
		frame_system::Pallet::<Runtime>::set_block_number(
			now + <Runtime as pallet_rewards::Config>::MinRewardDuration::get(),
		);
	}

	pub struct RewardsBenchmarkHelper;
	impl pallet_rewards::BenchmarkHelper<AccountId, AssetKind, Balance> for RewardsBenchmarkHelper {
		fn setup_rewarded_avs(
			operators: u32,
			vaults: u32,
			delegators: u32,
		) -> (AvsId, AccountId, AssetKind) {
			let owner = funded_account("avs-owner", 0);
			let vault_ids: Vec<VaultId> =
				(0..vaults).map(|_| create_collateral_vault(&owner)).collect();
			// Rewards paid in a pallet-assets token: moving it costs more than the native token.
			let asset = reward_asset(1);
			create_asset(&asset, &owner);
			let avs =
				register_avs(&owner, &owner, &owner, vault_ids.clone(), alloc::vec![asset.clone()]);
			for index in 0..operators {
				let operator = funded_account("operator", index);
				register_operator(&operator);
				// Stakers of their own per pool, so no staker hits the restaking pallet's pool
				// limit.
				for (position, vault) in vault_ids.iter().enumerate() {
					let pool = index.saturating_mul(1_000).saturating_add(position as u32);
					for delegator in 0..delegators.max(1) {
						let staker = frame_benchmarking::account("pool-staker", pool, delegator);
						fund(&staker);
						deposit(&staker, *vault, &operator);
					}
				}
				opt_in_and_allocate(avs, &operator, &vault_ids);
			}
			pass_allocation_delay();
			(avs, owner, asset)
		}

		fn setup_staker_with_rewards(pools: u32, assets: u32) -> AccountId {
			let staker = funded_account("rewarded-staker", 0);
			let operators: Vec<AccountId> =
				(0..pools).map(|index| funded_account("rewarded-operator", index)).collect();
			stream_to_pools(1, &staker, &operators, assets);
			// Let the period pass: everything is released at the claim.
			pass_reward_period();
			staker
		}

		fn setup_undistributed(assets: u32) -> (VaultId, AccountId) {
			let staker = funded_account("leaving-staker", 0);
			let operator = funded_account("abandoned-operator", 0);
			let vault = stream_to_pools(2, &staker, &[operator.clone()], assets);
			let shares =
				pallet_restaking::Positions::<Runtime>::get(&staker, (vault, operator.clone()))
					.expect("the staker deposited")
					.shares;
			crate::Restaking::queue_withdrawal(
				RuntimeOrigin::signed(staker),
				vault,
				operator.clone(),
				shares,
			)
			.expect("the staker leaves");
			pass_reward_period();
			(vault, operator)
		}
	}
}
