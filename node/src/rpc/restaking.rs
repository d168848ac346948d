//! `restaking_*` JSON-RPC methods: the restaking ledger's runtime API
//! ([`pallet_restaking_runtime_api::RestakingApi`]) in a JSON shape that JavaScript clients can
//! use as is.
//!
//! Conventions of every answer (documented with examples in the README, "Custom RPC"):
//! - accounts are SS58 strings (parameters also accept `0x`-prefixed 32-byte hex);
//! - balances and share amounts are decimal strings (u128 does not fit a JS number);
//! - fractions are `Perbill` parts, an integer in `0..=1_000_000_000` (1_000_000_000 = 100%);
//! - asset kinds are `"Native"` or `{"WithId": <asset id>}`;
//! - block numbers, vault, AVS and slash ids are JSON numbers;
//! - field names are camelCase.
//!
//! Every method takes an optional last parameter `at` (a block hash); without it the best
//! block is queried. Errors: [`INVALID_PARAMS_CODE`] for an account that does not parse,
//! [`RUNTIME_ERROR_CODE`] if the runtime API call fails, [`AVS_NOT_FOUND_CODE`] for an AVS
//! that is not registered.

use std::{marker::PhantomData, sync::Arc};

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObject, ErrorObjectOwned},
};
pub use pallet_restaking_runtime_api::RestakingApi as RestakingRuntimeApi;
use pallet_restaking_runtime_api::{
	AllocationInfo, AssetAmount, OperatorState, OptInState, QueryError, SlashState,
};
use restaking_runtime::{AccountId, AssetKind, Balance, BlockNumber};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::{traits::Block as BlockT, Perbill};

/// JSON-RPC error code: a parameter is malformed (standard JSON-RPC "invalid params").
pub const INVALID_PARAMS_CODE: i32 = -32602;
/// JSON-RPC error code: the runtime API call failed (e.g. unknown block hash, or the runtime
/// at that block has no `RestakingApi`).
pub const RUNTIME_ERROR_CODE: i32 = 9001;
/// JSON-RPC error code: no AVS is registered with the given id.
pub const AVS_NOT_FOUND_CODE: i32 = 9002;

/// One vault pool of an operator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStakeJson {
	/// Vault id.
	pub vault: u32,
	/// Collateral asset of the vault.
	pub asset: AssetKind,
	/// Active stake (decimal string).
	pub active: String,
	/// Stake in unmatured (still slashable) withdrawals (decimal string).
	pub withdrawing: String,
}

/// An allocation of a pool (vault, operator) to an AVS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationJson {
	/// Vault id.
	pub vault: u32,
	/// Fraction in force now (Perbill parts).
	pub in_force: u32,
	/// Fraction of a scheduled increase (Perbill parts), if any.
	pub pending_fraction: Option<u32>,
	/// Block from which the scheduled increase is in force, if any.
	pub pending_effective_at: Option<BlockNumber>,
	/// Fraction the AVS may slash now (Perbill parts).
	pub slashable_fraction: u32,
	/// Block until which a decreased, larger fraction stays slashable, if any.
	pub slashable_until: Option<BlockNumber>,
	/// `inForce × active stake` (decimal string).
	pub allocated_stake: String,
	/// `slashableFraction × (active + withdrawing)` (decimal string).
	pub slashable_stake: String,
}

/// An operator's standing with one AVS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorAvsJson {
	/// AVS id.
	pub avs: u32,
	/// `"Pending"`, `"OptedIn"` or `"OptingOut"`.
	pub status: String,
	/// First block at which an opting-out operator is no longer slashable (else null).
	pub opting_out_until: Option<BlockNumber>,
	/// Whether the AVS can slash the operator now.
	pub slashable: bool,
	/// Allocations, one per vault.
	pub allocations: Vec<AllocationJson>,
}

/// Answer of `restaking_operatorStake`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorStakeJson {
	/// The operator (SS58).
	pub operator: String,
	/// `"Active"`, `"Paused"`, `"Leaving"`, or null if not a registered operator.
	pub status: Option<String>,
	/// Commission in force (Perbill parts), null if not a registered operator.
	pub commission: Option<u32>,
	/// Pools, by ascending vault id.
	pub vaults: Vec<VaultStakeJson>,
	/// AVSs the operator is pending, opted in or opting out with.
	pub avss: Vec<OperatorAvsJson>,
}

/// One entry of `restaking_stakerPositions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StakerPositionJson {
	/// Vault id.
	pub vault: u32,
	/// Operator (SS58).
	pub operator: String,
	/// Collateral asset.
	pub asset: AssetKind,
	/// Active shares (decimal string).
	pub shares: String,
	/// Current value of the shares at the pool rate (decimal string).
	pub stake: String,
}

/// An amount of one asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetAmountJson {
	/// The asset.
	pub asset: AssetKind,
	/// The amount (decimal string).
	pub amount: String,
}

/// Claimable rewards of one pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolRewardsJson {
	/// Vault id.
	pub vault: u32,
	/// Operator (SS58).
	pub operator: String,
	/// Non-zero amounts per asset.
	pub rewards: Vec<AssetAmountJson>,
}

/// Answer of `restaking_claimableRewards`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimableRewardsJson {
	/// Per pool (what `rewards.claimRewardsFrom(vault, operator)` pays).
	pub pools: Vec<PoolRewardsJson>,
	/// Per asset over all pools (what `rewards.claimRewards()` pays).
	pub total: Vec<AssetAmountJson>,
	/// Operator commission claimable per asset (`rewards.claimCommission(asset)`).
	pub commission: Vec<AssetAmountJson>,
}

/// One entry of `restaking_pendingWithdrawals`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingWithdrawalJson {
	/// Index for `restaking.completeWithdrawal(index)`.
	pub index: u32,
	/// Vault id.
	pub vault: u32,
	/// Operator the stake left (SS58).
	pub operator: String,
	/// Collateral asset.
	pub asset: AssetKind,
	/// Bucket shares (decimal string).
	pub shares: String,
	/// What completing pays now, at the bucket's post-slash rate (decimal string).
	pub value: String,
	/// Block from which it can be completed.
	pub matures_at: BlockNumber,
	/// Whether `maturesAt` has been reached.
	pub matured: bool,
	/// Redelegation target (SS58), or null.
	pub redelegate_to: Option<String>,
}

/// One entry of `restaking_pendingSlashes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingSlashJson {
	/// Slash id.
	pub id: u64,
	/// AVS id.
	pub avs: u32,
	/// Operator (SS58).
	pub operator: String,
	/// Fraction of the allocated stake (Perbill parts).
	pub fraction: u32,
	/// Incident id (0x-prefixed hex, 32 bytes).
	pub incident: String,
	/// Block of the request.
	pub requested_at: BlockNumber,
	/// First block in which it can be executed (end of the veto window).
	pub executable_at: BlockNumber,
	/// `"VetoWindowOpen"`, `"Executable"` or `"WillBeCancelled"`.
	pub status: String,
}

/// One entry of `restaking_avsOperators`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvsOperatorJson {
	/// Operator (SS58).
	pub operator: String,
	/// `"Pending"`, `"OptedIn"` or `"OptingOut"`.
	pub status: String,
	/// First block at which an opting-out operator is no longer slashable (else null).
	pub opting_out_until: Option<BlockNumber>,
	/// Whether the AVS can slash the operator now.
	pub slashable: bool,
	/// Allocations, one per vault.
	pub allocations: Vec<AllocationJson>,
}

/// The `restaking_*` methods.
#[rpc(client, server)]
pub trait RestakingRpcApi<BlockHash> {
	/// Stake of `operator` per vault and per AVS.
	#[method(name = "restaking_operatorStake")]
	fn operator_stake(
		&self,
		operator: String,
		at: Option<BlockHash>,
	) -> RpcResult<OperatorStakeJson>;

	/// Positions of `staker` with their current value.
	#[method(name = "restaking_stakerPositions")]
	fn staker_positions(
		&self,
		staker: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<StakerPositionJson>>;

	/// Rewards (and operator commission) `staker` can claim now.
	#[method(name = "restaking_claimableRewards")]
	fn claimable_rewards(
		&self,
		staker: String,
		at: Option<BlockHash>,
	) -> RpcResult<ClaimableRewardsJson>;

	/// Queued withdrawals of `staker`.
	#[method(name = "restaking_pendingWithdrawals")]
	fn pending_withdrawals(
		&self,
		staker: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<PendingWithdrawalJson>>;

	/// Pending slash requests of `avs` and/or `operator` (null: any).
	#[method(name = "restaking_pendingSlashes")]
	fn pending_slashes(
		&self,
		avs: Option<u32>,
		operator: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<PendingSlashJson>>;

	/// Operators of `avs` with their status and allocations.
	#[method(name = "restaking_avsOperators")]
	fn avs_operators(&self, avs: u32, at: Option<BlockHash>) -> RpcResult<Vec<AvsOperatorJson>>;
}

/// Implementation of [`RestakingRpcApiServer`] over a client with the runtime API.
pub struct Restaking<C, Block> {
	client: Arc<C>,
	_marker: PhantomData<Block>,
}

impl<C, Block> Restaking<C, Block> {
	/// RPC handler over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: PhantomData }
	}
}

fn invalid_account(value: &str, error: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObject::owned(
		INVALID_PARAMS_CODE,
		format!("Invalid account {value:?}: expected an SS58 address or 0x-prefixed 32-byte hex"),
		Some(format!("{error:?}")),
	)
}

/// Parse an SS58 address or a `0x`-prefixed 32-byte hex account id.
fn parse_account(value: &str) -> Result<AccountId, ErrorObjectOwned> {
	if value.starts_with("0x") {
		let bytes =
			sp_core::bytes::from_hex(value).map_err(|error| invalid_account(value, error))?;
		let raw: [u8; 32] = bytes
			.try_into()
			.map_err(|bytes: Vec<u8>| invalid_account(value, format!("{} bytes", bytes.len())))?;
		Ok(AccountId::from(raw))
	} else {
		AccountId::from_ss58check(value).map_err(|error| invalid_account(value, error))
	}
}

fn runtime_error(error: impl ToString) -> ErrorObjectOwned {
	ErrorObject::owned(
		RUNTIME_ERROR_CODE,
		"Restaking runtime API call failed",
		Some(error.to_string()),
	)
}

fn account(who: &AccountId) -> String {
	who.to_ss58check()
}

fn parts(fraction: Perbill) -> u32 {
	fraction.deconstruct()
}

fn opt_in_fields(status: OptInState<BlockNumber>) -> (String, Option<BlockNumber>) {
	match status {
		OptInState::Pending => ("Pending".into(), None),
		OptInState::OptedIn => ("OptedIn".into(), None),
		OptInState::OptingOut { until } => ("OptingOut".into(), Some(until)),
	}
}

fn allocations_json(allocations: Vec<AllocationInfo<Balance, BlockNumber>>) -> Vec<AllocationJson> {
	allocations
		.into_iter()
		.map(|allocation| AllocationJson {
			vault: allocation.vault,
			in_force: parts(allocation.in_force),
			pending_fraction: allocation.pending.map(|pending| parts(pending.fraction)),
			pending_effective_at: allocation.pending.map(|pending| pending.effective_at),
			slashable_fraction: parts(allocation.slashable_fraction),
			slashable_until: allocation.slashable_until,
			allocated_stake: allocation.allocated_stake.to_string(),
			slashable_stake: allocation.slashable_stake.to_string(),
		})
		.collect()
}

fn amounts_json(amounts: Vec<AssetAmount<AssetKind, Balance>>) -> Vec<AssetAmountJson> {
	amounts
		.into_iter()
		.map(|amount| AssetAmountJson { asset: amount.asset, amount: amount.amount.to_string() })
		.collect()
}

impl<C, Block> RestakingRpcApiServer<<Block as BlockT>::Hash> for Restaking<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RestakingRuntimeApi<Block, AccountId, Balance, AssetKind, BlockNumber>,
{
	fn operator_stake(
		&self,
		operator: String,
		at: Option<Block::Hash>,
	) -> RpcResult<OperatorStakeJson> {
		let who = parse_account(&operator)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let stake = self
			.client
			.runtime_api()
			.operator_stake(at, who.clone())
			.map_err(runtime_error)?;
		Ok(OperatorStakeJson {
			operator: account(&who),
			status: stake.status.map(|status| {
				match status {
					OperatorState::Active => "Active",
					OperatorState::Paused => "Paused",
					OperatorState::Leaving => "Leaving",
				}
				.to_string()
			}),
			commission: stake.commission.map(parts),
			vaults: stake
				.vaults
				.into_iter()
				.map(|vault| VaultStakeJson {
					vault: vault.vault,
					asset: vault.asset,
					active: vault.active.to_string(),
					withdrawing: vault.withdrawing.to_string(),
				})
				.collect(),
			avss: stake
				.avss
				.into_iter()
				.map(|avs| {
					let (status, opting_out_until) = opt_in_fields(avs.status);
					OperatorAvsJson {
						avs: avs.avs,
						status,
						opting_out_until,
						slashable: avs.slashable,
						allocations: allocations_json(avs.allocations),
					}
				})
				.collect(),
		})
	}

	fn staker_positions(
		&self,
		staker: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<StakerPositionJson>> {
		let who = parse_account(&staker)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let positions =
			self.client.runtime_api().staker_positions(at, who).map_err(runtime_error)?;
		Ok(positions
			.into_iter()
			.map(|position| StakerPositionJson {
				vault: position.vault,
				operator: account(&position.operator),
				asset: position.asset,
				shares: position.shares.to_string(),
				stake: position.stake.to_string(),
			})
			.collect())
	}

	fn claimable_rewards(
		&self,
		staker: String,
		at: Option<Block::Hash>,
	) -> RpcResult<ClaimableRewardsJson> {
		let who = parse_account(&staker)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let claimable =
			self.client.runtime_api().claimable_rewards(at, who).map_err(runtime_error)?;
		Ok(ClaimableRewardsJson {
			pools: claimable
				.pools
				.into_iter()
				.map(|pool| PoolRewardsJson {
					vault: pool.vault,
					operator: account(&pool.operator),
					rewards: amounts_json(pool.rewards),
				})
				.collect(),
			total: amounts_json(claimable.total),
			commission: amounts_json(claimable.commission),
		})
	}

	fn pending_withdrawals(
		&self,
		staker: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<PendingWithdrawalJson>> {
		let who = parse_account(&staker)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let withdrawals =
			self.client.runtime_api().pending_withdrawals(at, who).map_err(runtime_error)?;
		Ok(withdrawals
			.into_iter()
			.map(|withdrawal| PendingWithdrawalJson {
				index: withdrawal.index,
				vault: withdrawal.vault,
				operator: account(&withdrawal.operator),
				asset: withdrawal.asset,
				shares: withdrawal.shares.to_string(),
				value: withdrawal.value.to_string(),
				matures_at: withdrawal.matures_at,
				matured: withdrawal.matured,
				redelegate_to: withdrawal.redelegate_to.as_ref().map(account),
			})
			.collect())
	}

	fn pending_slashes(
		&self,
		avs: Option<u32>,
		operator: Option<String>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<PendingSlashJson>> {
		let operator = operator.as_deref().map(parse_account).transpose()?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let slashes = self
			.client
			.runtime_api()
			.pending_slashes(at, avs, operator)
			.map_err(runtime_error)?;
		Ok(slashes
			.into_iter()
			.map(|slash| PendingSlashJson {
				id: slash.id,
				avs: slash.avs,
				operator: account(&slash.operator),
				fraction: parts(slash.fraction),
				incident: sp_core::bytes::to_hex(&slash.incident, false),
				requested_at: slash.requested_at,
				executable_at: slash.executable_at,
				status: match slash.status {
					SlashState::VetoWindowOpen => "VetoWindowOpen",
					SlashState::Executable => "Executable",
					SlashState::WillBeCancelled => "WillBeCancelled",
				}
				.to_string(),
			})
			.collect())
	}

	fn avs_operators(&self, avs: u32, at: Option<Block::Hash>) -> RpcResult<Vec<AvsOperatorJson>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let operators = self
			.client
			.runtime_api()
			.avs_operators(at, avs)
			.map_err(runtime_error)?
			.map_err(|error| match error {
				QueryError::AvsNotFound => ErrorObject::owned(
					AVS_NOT_FOUND_CODE,
					format!("AVS {avs} not found"),
					None::<()>,
				),
			})?;
		Ok(operators
			.into_iter()
			.map(|entry| {
				let (status, opting_out_until) = opt_in_fields(entry.status);
				AvsOperatorJson {
					operator: account(&entry.operator),
					status,
					opting_out_until,
					slashable: entry.slashable,
					allocations: allocations_json(entry.allocations),
				}
			})
			.collect())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring;

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(parse_account(&alice.to_ss58check()).unwrap(), alice);
		let hex = sp_core::bytes::to_hex(alice.as_ref(), false);
		assert_eq!(parse_account(&hex).unwrap(), alice);
		assert_eq!(parse_account("nope").unwrap_err().code(), INVALID_PARAMS_CODE);
		assert_eq!(parse_account("0x0102").unwrap_err().code(), INVALID_PARAMS_CODE);
	}

	#[test]
	fn json_shape_uses_strings_for_balances_and_tagged_asset_kinds() {
		let entry = StakerPositionJson {
			vault: 0,
			operator: Sr25519Keyring::Bob.to_account_id().to_ss58check(),
			asset: AssetKind::WithId(1),
			shares: u128::MAX.to_string(),
			stake: "5".into(),
		};
		let json = serde_json::to_value(&entry).unwrap();
		assert_eq!(json["asset"], serde_json::json!({ "WithId": 1 }));
		assert_eq!(json["shares"], serde_json::json!("340282366920938463463374607431768211455"));
		assert_eq!(
			json["operator"],
			serde_json::json!("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")
		);
		let native = serde_json::to_value(AssetKind::Native).unwrap();
		assert_eq!(native, serde_json::json!("Native"));
	}
}
