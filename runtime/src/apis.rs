//! Runtime APIs the node and clients call into.

// External crates imports
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	traits::{Get, KeyOwnerProofSystem},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

// Local module imports
use super::{
	AccountId, AssetKind, Babe, Balance, Block, BlockNumber, Executive, Grandpa, Historical,
	InherentDataExt, Nonce, Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System,
	TransactionPayment, VERSION,
};
use pallet_restaking_runtime_api as restaking_api;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_babe::BabeApi<Block> for Runtime {
		fn configuration() -> sp_consensus_babe::BabeConfiguration {
			let epoch_config = Babe::epoch_config().unwrap_or(crate::configs::consensus::EpochConfig::get());
			sp_consensus_babe::BabeConfiguration {
				slot_duration: Babe::slot_duration(),
				epoch_length: crate::configs::consensus::EpochDuration::get(),
				c: epoch_config.c,
				authorities: Babe::authorities().to_vec(),
				randomness: Babe::randomness(),
				allowed_slots: epoch_config.allowed_slots,
			}
		}

		fn current_epoch_start() -> sp_consensus_babe::Slot {
			Babe::current_epoch_start()
		}

		fn current_epoch() -> sp_consensus_babe::Epoch {
			Babe::current_epoch()
		}

		fn next_epoch() -> sp_consensus_babe::Epoch {
			Babe::next_epoch()
		}

		fn generate_key_ownership_proof(
			_slot: sp_consensus_babe::Slot,
			authority_id: sp_consensus_babe::AuthorityId,
		) -> Option<sp_consensus_babe::OpaqueKeyOwnershipProof> {
			use codec::Encode;

			Historical::prove((sp_consensus_babe::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_babe::OpaqueKeyOwnershipProof::new)
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_babe::EquivocationProof<<Block as BlockT>::Header>,
			key_owner_proof: sp_consensus_babe::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;

			Babe::submit_unsigned_equivocation_report(
				equivocation_proof,
				key_owner_proof,
			)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(
			encoded: Vec<u8>,
		) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;

			Grandpa::submit_unsigned_equivocation_report(
				equivocation_proof,
				key_owner_proof,
			)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;

			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();

			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use sp_storage::TrackedStorageKey;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}

			use frame_support::traits::WhitelistedStorageKeys;
			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// NOTE: intentional unwrap: we don't want to propagate the error backwards, and want to
			// have a backtrace here. If any of the pre/post migration checks fail, we shall stop
			// right here and right now.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect
		) -> Weight {
			// NOTE: intentional unwrap: we don't want to propagate the error backwards, and want to
			// have a backtrace here.
			Executive::try_execute_block(block, state_root_check, signature_check, select).expect("execute-block failed")
		}
	}

	impl pallet_restaking_runtime_api::RestakingApi<Block, AccountId, Balance, AssetKind, BlockNumber>
		for Runtime
	{
		fn operator_stake(
			operator: AccountId,
		) -> restaking_api::OperatorStake<AssetKind, Balance, BlockNumber> {
			restaking_queries::operator_stake(&operator)
		}

		fn staker_positions(
			staker: AccountId,
		) -> Vec<restaking_api::StakerPosition<AccountId, AssetKind, Balance>> {
			restaking_queries::staker_positions(&staker)
		}

		fn claimable_rewards(
			staker: AccountId,
		) -> restaking_api::ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber> {
			restaking_queries::claimable_rewards(&staker)
		}

		fn pending_withdrawals(
			staker: AccountId,
		) -> Vec<restaking_api::PendingWithdrawalInfo<AccountId, AssetKind, Balance, BlockNumber>> {
			restaking_queries::pending_withdrawals(&staker)
		}

		fn pending_slashes(
			avs: Option<restaking_api::AvsId>,
			operator: Option<AccountId>,
		) -> Vec<restaking_api::PendingSlashInfo<AccountId, BlockNumber>> {
			restaking_queries::pending_slashes(avs, operator.as_ref())
		}

		fn avs_operators(
			avs: restaking_api::AvsId,
		) -> Result<
			Vec<restaking_api::AvsOperatorInfo<AccountId, Balance, BlockNumber>>,
			restaking_api::QueryError,
		> {
			restaking_queries::avs_operators(avs)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}

/// The restaking ledger's runtime API ([`pallet_restaking_runtime_api::RestakingApi`]): the
/// pallets' read-only query helpers, translated into the API's plain answer types.
pub mod restaking_queries {
	use super::{restaking_api as api, AccountId, AssetKind, Balance, BlockNumber, Runtime};
	use alloc::vec::Vec;
	use pallet_avs_registry::{OperatorAvsStake, OptInStatus};
	use pallet_restaking::OperatorStatus;
	use pallet_slashing::types::PendingSlashStatus;

	type AvsRegistry = pallet_avs_registry::Pallet<Runtime>;
	type Restaking = pallet_restaking::Pallet<Runtime>;
	type Rewards = pallet_rewards::Pallet<Runtime>;
	type Slashing = pallet_slashing::Pallet<Runtime>;

	fn opt_in_state(status: OptInStatus<BlockNumber>) -> api::OptInState<BlockNumber> {
		match status {
			OptInStatus::Pending => api::OptInState::Pending,
			OptInStatus::OptedIn => api::OptInState::OptedIn,
			OptInStatus::OptingOut { until } => api::OptInState::OptingOut { until },
		}
	}

	fn allocations(
		stake: &OperatorAvsStake<Runtime>,
	) -> Vec<api::AllocationInfo<Balance, BlockNumber>> {
		stake
			.allocations
			.iter()
			.map(|allocation| api::AllocationInfo {
				vault: allocation.vault,
				in_force: allocation.in_force,
				pending: allocation.pending.map(|pending| api::PendingAllocation {
					fraction: pending.fraction,
					effective_at: pending.effective_at,
				}),
				slashable_fraction: allocation.slashable_fraction,
				slashable_until: allocation.slashable_until,
				allocated_stake: allocation.allocated_stake,
				slashable_stake: allocation.slashable_stake,
			})
			.collect()
	}

	fn amounts(amounts: Vec<(AssetKind, Balance)>) -> Vec<api::AssetAmount<AssetKind, Balance>> {
		amounts
			.into_iter()
			.map(|(asset, amount)| api::AssetAmount { asset, amount })
			.collect()
	}

	/// See [`api::RestakingApi::operator_stake`].
	pub fn operator_stake(
		operator: &AccountId,
	) -> api::OperatorStake<AssetKind, Balance, BlockNumber> {
		let Some((status, commission)) = Restaking::operator_state(operator) else {
			return api::OperatorStake {
				status: None,
				commission: None,
				vaults: Vec::new(),
				avss: Vec::new(),
			};
		};
		api::OperatorStake {
			status: Some(match status {
				OperatorStatus::Active => api::OperatorState::Active,
				OperatorStatus::Paused => api::OperatorState::Paused,
				OperatorStatus::Leaving => api::OperatorState::Leaving,
			}),
			commission: Some(commission),
			vaults: Restaking::operator_pool_stakes(operator)
				.into_iter()
				.map(|pool| api::VaultStake {
					vault: pool.vault,
					asset: pool.asset,
					active: pool.stake.active,
					withdrawing: pool.stake.withdrawing,
				})
				.collect(),
			avss: AvsRegistry::operator_avs_stakes(operator)
				.into_iter()
				.map(|stake| api::AvsStake {
					avs: stake.avs,
					status: opt_in_state(stake.status),
					slashable: stake.slashable,
					allocations: allocations(&stake),
				})
				.collect(),
		}
	}

	/// See [`api::RestakingApi::staker_positions`].
	pub fn staker_positions(
		staker: &AccountId,
	) -> Vec<api::StakerPosition<AccountId, AssetKind, Balance>> {
		Restaking::staker_position_values(staker)
			.into_iter()
			.map(|position| api::StakerPosition {
				vault: position.vault,
				operator: position.operator,
				asset: position.asset,
				shares: position.shares,
				stake: position.stake,
			})
			.collect()
	}

	/// See [`api::RestakingApi::claimable_rewards`].
	pub fn claimable_rewards(
		staker: &AccountId,
	) -> api::ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber> {
		let claimable = Rewards::claimable_rewards(staker);
		api::ClaimableRewards {
			pools: claimable
				.pools
				.into_iter()
				.map(|(vault, operator, rewards)| api::PoolRewards {
					vault,
					operator,
					rewards: amounts(rewards),
				})
				.collect(),
			total: amounts(claimable.total),
			commission: amounts(Rewards::claimable_commission(staker)),
			streaming: claimable
				.streaming
				.into_iter()
				.map(|(vault, operator, streaming)| api::PoolStreams {
					vault,
					operator,
					streaming: streaming
						.into_iter()
						.map(|(asset, amount, ends_at)| api::StreamingAmount {
							asset,
							amount,
							ends_at,
						})
						.collect(),
				})
				.collect(),
		}
	}

	/// See [`api::RestakingApi::pending_withdrawals`].
	pub fn pending_withdrawals(
		staker: &AccountId,
	) -> Vec<api::PendingWithdrawalInfo<AccountId, AssetKind, Balance, BlockNumber>> {
		let now = frame_system::Pallet::<Runtime>::block_number();
		Restaking::pending_withdrawal_values(staker)
			.into_iter()
			.map(|withdrawal| api::PendingWithdrawalInfo {
				index: withdrawal.index,
				vault: withdrawal.vault,
				operator: withdrawal.operator,
				asset: withdrawal.asset,
				shares: withdrawal.shares,
				value: withdrawal.value,
				matures_at: withdrawal.matures_at,
				matured: now >= withdrawal.matures_at,
				redelegate_to: withdrawal.redelegate_to,
			})
			.collect()
	}

	/// See [`api::RestakingApi::pending_slashes`].
	pub fn pending_slashes(
		avs: Option<api::AvsId>,
		operator: Option<&AccountId>,
	) -> Vec<api::PendingSlashInfo<AccountId, BlockNumber>> {
		Slashing::pending_slashes_of(avs, operator)
			.into_iter()
			.map(|(id, slash, status)| api::PendingSlashInfo {
				id,
				avs: slash.avs,
				operator: slash.operator,
				fraction: slash.fraction,
				incident: slash.incident.to_fixed_bytes(),
				requested_at: slash.requested_at,
				executable_at: slash.executable_at,
				status: match status {
					PendingSlashStatus::VetoWindowOpen => api::SlashState::VetoWindowOpen,
					PendingSlashStatus::Executable => api::SlashState::Executable,
				},
			})
			.collect()
	}

	/// See [`api::RestakingApi::avs_operators`].
	pub fn avs_operators(
		avs: api::AvsId,
	) -> Result<Vec<api::AvsOperatorInfo<AccountId, Balance, BlockNumber>>, api::QueryError> {
		let operators =
			AvsRegistry::avs_operator_stakes(avs).ok_or(api::QueryError::AvsNotFound)?;
		Ok(operators
			.into_iter()
			.map(|stake| api::AvsOperatorInfo {
				allocations: allocations(&stake),
				status: opt_in_state(stake.status),
				slashable: stake.slashable,
				operator: stake.operator,
			})
			.collect())
	}
}

#[cfg(test)]
mod restaking_api_tests {
	//! The runtime API answers on a small non-empty state: one operator, vault, AVS and
	//! staker, a reward, a queued withdrawal and a pending slash.

	use super::*;
	use crate::{AssetKind, BuildStorage, RuntimeOrigin, UNIT};
	use frame_support::{assert_ok, BoundedVec};
	use pallet_restaking_runtime_api::runtime_decl_for_restaking_api::RestakingApiV2;
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::Perbill;

	#[test]
	fn restaking_api_answers_on_a_live_state() {
		let (alice, bob, charlie) = (
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		);
		let storage = crate::RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig {
				balances: [&alice, &bob, &charlie]
					.into_iter()
					.map(|who| (who.clone(), 1_000_000 * UNIT))
					.collect(),
				..Default::default()
			},
			rewards: pallet_rewards::GenesisConfig { reward_assets: vec![AssetKind::Native] },
			..Default::default()
		}
		.build_storage()
		.expect("genesis builds");
		sp_io::TestExternalities::new(storage).execute_with(|| {
			System::set_block_number(1);
			let signed = |who: &AccountId| RuntimeOrigin::signed(who.clone());
			type Restaking = pallet_restaking::Pallet<Runtime>;
			type Registry = pallet_avs_registry::Pallet<Runtime>;

			// Empty answers before anything exists.
			assert_eq!(Runtime::operator_stake(alice.clone()).status, None);
			assert!(Runtime::staker_positions(charlie.clone()).is_empty());
			assert_eq!(Runtime::avs_operators(0), Err(restaking_api::QueryError::AvsNotFound));

			assert_ok!(Restaking::register_operator(
				signed(&alice),
				Perbill::from_percent(10),
				Default::default()
			));
			assert_ok!(Restaking::create_vault(
				signed(&bob),
				AssetKind::Native,
				1_000_000 * UNIT,
				UNIT,
				10
			));
			assert_ok!(Restaking::deposit(signed(&charlie), 0, alice.clone(), 1_000 * UNIT));
			assert_ok!(Registry::register_avs(
				signed(&bob),
				pallet_avs_registry::AvsConfig {
					metadata: Default::default(),
					accepted_vaults: BoundedVec::truncate_from(vec![0]),
					min_operator_stake: 0,
					slashing: pallet_avs_registry::AvsSlashingParams {
						slasher: bob.clone(),
						resolver: Some(bob.clone()),
						max_slash: Perbill::from_percent(50),
						// The dev windows' longest veto window (2 to 4 blocks).
						veto_window: 4,
						destination: pallet_restaking::SlashDestination::Burn,
					},
					reward_assets: BoundedVec::truncate_from(vec![AssetKind::Native]),
					requires_approval: false,
					opt_out_delay: 20,
				}
			));
			assert_ok!(Registry::opt_in(signed(&alice), 0));
			assert_ok!(Registry::set_allocation(signed(&alice), 0, 0, Perbill::from_percent(50)));
			System::set_block_number(6);
			assert_ok!(pallet_rewards::Pallet::<Runtime>::submit_rewards(
				signed(&bob),
				0,
				AssetKind::Native,
				100 * UNIT,
				10,
				None
			));
			assert_ok!(Restaking::queue_withdrawal(signed(&charlie), 0, alice.clone(), 400 * UNIT));
			assert_ok!(pallet_slashing::Pallet::<Runtime>::request_slash(
				signed(&bob),
				0,
				alice.clone(),
				Perbill::from_percent(10),
				sp_core::H256::repeat_byte(7),
				6,
				vec![],
			));

			let stake = Runtime::operator_stake(alice.clone());
			assert_eq!(stake.status, Some(restaking_api::OperatorState::Active));
			assert_eq!(stake.commission, Some(Perbill::from_percent(10)));
			assert_eq!(
				stake.vaults,
				vec![restaking_api::VaultStake {
					vault: 0,
					asset: AssetKind::Native,
					active: 600 * UNIT,
					withdrawing: 400 * UNIT,
				}]
			);
			assert_eq!(stake.avss.len(), 1);
			let avs = &stake.avss[0];
			assert_eq!(
				(avs.avs, avs.status, avs.slashable),
				(0, restaking_api::OptInState::OptedIn, true)
			);
			assert_eq!(avs.allocations[0].in_force, Perbill::from_percent(50));
			assert_eq!(avs.allocations[0].allocated_stake, 300 * UNIT);
			assert_eq!(avs.allocations[0].slashable_stake, 500 * UNIT);

			let positions = Runtime::staker_positions(charlie.clone());
			assert_eq!(positions.len(), 1);
			assert_eq!((positions[0].shares, positions[0].stake), (600 * UNIT, 600 * UNIT));

			// 100 UNIT: 5% protocol fee, 10% commission of the rest, the rest streamed to
			// Charlie's pool over blocks 6..16: nothing is released in block 6.
			let to_stakers = 100 * UNIT - 5 * UNIT - (95 * UNIT) / 10;
			let rewards = Runtime::claimable_rewards(charlie.clone());
			assert!(rewards.total.is_empty() && rewards.pools.is_empty());
			assert_eq!(
				rewards.streaming,
				vec![restaking_api::PoolStreams {
					vault: 0,
					operator: alice.clone(),
					streaming: vec![restaking_api::StreamingAmount {
						asset: AssetKind::Native,
						amount: to_stakers,
						ends_at: 16,
					}],
				}]
			);
			// At the period's end all of it is claimable (the queries release virtually).
			System::set_block_number(16);
			let rewards = Runtime::claimable_rewards(charlie.clone());
			assert_eq!(
				rewards.total,
				vec![restaking_api::AssetAmount { asset: AssetKind::Native, amount: to_stakers }]
			);
			assert_eq!(rewards.pools.len(), 1);
			assert!(rewards.streaming.is_empty());
			// Back to the request's block for the other answers (nothing was written).
			System::set_block_number(6);
			assert_eq!(
				Runtime::claimable_rewards(alice.clone()).commission,
				vec![restaking_api::AssetAmount {
					asset: AssetKind::Native,
					amount: 95 * UNIT / 10
				}]
			);

			let withdrawals = Runtime::pending_withdrawals(charlie.clone());
			assert_eq!(withdrawals.len(), 1);
			assert_eq!((withdrawals[0].index, withdrawals[0].value), (0, 400 * UNIT));
			assert!(!withdrawals[0].matured && withdrawals[0].matures_at >= 16);

			let slashes = Runtime::pending_slashes(Some(0), Some(alice.clone()));
			assert_eq!(slashes.len(), 1);
			assert_eq!(slashes[0].status, restaking_api::SlashState::VetoWindowOpen);
			assert_eq!((slashes[0].requested_at, slashes[0].executable_at), (6, 10));
			assert_eq!(slashes[0].incident, [7u8; 32]);
			assert!(Runtime::pending_slashes(Some(1), None).is_empty());

			let operators = Runtime::avs_operators(0).expect("AVS 0 exists");
			assert_eq!(operators.len(), 1);
			assert_eq!(operators[0].operator, alice);
			assert_eq!(operators[0].allocations, avs.allocations);
		});
	}
}
