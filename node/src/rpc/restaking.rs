//! `restaking_*` JSON-RPC methods: the restaking ledger's runtime API
//! ([`pallet_restaking_runtime_api::RestakingApi`]) over JSON-RPC.
//!
//! The answers are the runtime API's own types, whose serde form (with the `std` feature) is
//! the JSON that JavaScript clients use as is: SS58 accounts, balances as decimal strings,
//! `Perbill` parts, camelCase fields (see the conventions in the
//! [`pallet_restaking_runtime_api`] crate docs and the examples in the README, "Custom RPC").
//! This module only parses the parameters (accounts are SS58 strings or `0x`-prefixed 32-byte
//! hex), adds the queried operator to [`OperatorStakeOf`] and maps errors to codes.
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
	AvsId, AvsOperatorInfo, ClaimableRewards, OperatorStake, PendingSlashInfo,
	PendingWithdrawalInfo, QueryError, StakerPosition,
};
use restaking_runtime::{AccountId, AssetKind, Balance, BlockNumber};
use serde::{Deserialize, Serialize};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

/// JSON-RPC error code: a parameter is malformed (standard JSON-RPC "invalid params").
pub const INVALID_PARAMS_CODE: i32 = -32602;
/// JSON-RPC error code: the runtime API call failed (e.g. unknown block hash, or the runtime
/// at that block has no `RestakingApi`).
pub const RUNTIME_ERROR_CODE: i32 = 9001;
/// JSON-RPC error code: no AVS is registered with the given id.
pub const AVS_NOT_FOUND_CODE: i32 = 9002;

/// Answer of `restaking_operatorStake`: the runtime API's [`OperatorStake`] of this runtime,
/// preceded by the queried operator (the JSON object has the field `operator` and then the
/// fields of `stake`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorStakeOf {
	/// The operator (SS58).
	pub operator: AccountId,
	/// Its stake per vault and per AVS.
	#[serde(flatten)]
	pub stake: OperatorStake<AssetKind, Balance, BlockNumber>,
}

/// Answer of `restaking_stakerPositions` (one entry per position).
pub type StakerPositions = Vec<StakerPosition<AccountId, AssetKind, Balance>>;
/// Answer of `restaking_claimableRewards`.
pub type Claimable = ClaimableRewards<AccountId, AssetKind, Balance, BlockNumber>;
/// Answer of `restaking_pendingWithdrawals` (one entry per queued withdrawal).
pub type PendingWithdrawals =
	Vec<PendingWithdrawalInfo<AccountId, AssetKind, Balance, BlockNumber>>;
/// Answer of `restaking_pendingSlashes` (one entry per pending request).
pub type PendingSlashes = Vec<PendingSlashInfo<AccountId, BlockNumber>>;
/// Answer of `restaking_avsOperators` (one entry per operator).
pub type AvsOperators = Vec<AvsOperatorInfo<AccountId, Balance, BlockNumber>>;

/// The `restaking_*` methods.
#[rpc(client, server)]
pub trait RestakingRpcApi<BlockHash> {
	/// Stake of `operator` per vault and per AVS.
	#[method(name = "restaking_operatorStake")]
	fn operator_stake(&self, operator: String, at: Option<BlockHash>)
		-> RpcResult<OperatorStakeOf>;

	/// Positions of `staker` with their current value.
	#[method(name = "restaking_stakerPositions")]
	fn staker_positions(&self, staker: String, at: Option<BlockHash>)
		-> RpcResult<StakerPositions>;

	/// Rewards (and operator commission) `staker` can claim now.
	#[method(name = "restaking_claimableRewards")]
	fn claimable_rewards(&self, staker: String, at: Option<BlockHash>) -> RpcResult<Claimable>;

	/// Queued withdrawals of `staker`.
	#[method(name = "restaking_pendingWithdrawals")]
	fn pending_withdrawals(
		&self,
		staker: String,
		at: Option<BlockHash>,
	) -> RpcResult<PendingWithdrawals>;

	/// Pending slash requests of `avs` and/or `operator` (null: any).
	#[method(name = "restaking_pendingSlashes")]
	fn pending_slashes(
		&self,
		avs: Option<AvsId>,
		operator: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<PendingSlashes>;

	/// Operators of `avs` with their status and allocations.
	#[method(name = "restaking_avsOperators")]
	fn avs_operators(&self, avs: AvsId, at: Option<BlockHash>) -> RpcResult<AvsOperators>;
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

impl<C, Block> Restaking<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// `call` the runtime API at block `at` (the best block if `None`), its failure being a
	/// [`RUNTIME_ERROR_CODE`] error.
	fn query<R>(
		&self,
		at: Option<Block::Hash>,
		call: impl FnOnce(&C::Api, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		call(&self.client.runtime_api(), at).map_err(runtime_error)
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
	) -> RpcResult<OperatorStakeOf> {
		let operator = parse_account(&operator)?;
		let stake = self.query(at, |api, at| api.operator_stake(at, operator.clone()))?;
		Ok(OperatorStakeOf { operator, stake })
	}

	fn staker_positions(
		&self,
		staker: String,
		at: Option<Block::Hash>,
	) -> RpcResult<StakerPositions> {
		let staker = parse_account(&staker)?;
		self.query(at, |api, at| api.staker_positions(at, staker))
	}

	fn claimable_rewards(&self, staker: String, at: Option<Block::Hash>) -> RpcResult<Claimable> {
		let staker = parse_account(&staker)?;
		self.query(at, |api, at| {
			let version = api
				.api_version::<dyn RestakingRuntimeApi<Block, AccountId, Balance, AssetKind, BlockNumber>>(
					at,
				)?
				.unwrap_or(1);
			if version >= 2 {
				return api.claimable_rewards(at, staker);
			}
			// A runtime of API version 1 (before streamed rewards): nothing streams.
			#[allow(deprecated)]
			let old = api.claimable_rewards_before_version_2(at, staker)?;
			Ok(ClaimableRewards {
				pools: old.pools,
				total: old.total,
				commission: old.commission,
				streaming: Vec::new(),
			})
		})
	}

	fn pending_withdrawals(
		&self,
		staker: String,
		at: Option<Block::Hash>,
	) -> RpcResult<PendingWithdrawals> {
		let staker = parse_account(&staker)?;
		self.query(at, |api, at| api.pending_withdrawals(at, staker))
	}

	fn pending_slashes(
		&self,
		avs: Option<AvsId>,
		operator: Option<String>,
		at: Option<Block::Hash>,
	) -> RpcResult<PendingSlashes> {
		let operator = operator.as_deref().map(parse_account).transpose()?;
		self.query(at, |api, at| api.pending_slashes(at, avs, operator))
	}

	fn avs_operators(&self, avs: AvsId, at: Option<Block::Hash>) -> RpcResult<AvsOperators> {
		self.query(at, |api, at| api.avs_operators(at, avs))?
			.map_err(|error| match error {
				QueryError::AvsNotFound => ErrorObject::owned(
					AVS_NOT_FOUND_CODE,
					format!("AVS {avs} not found"),
					None::<()>,
				),
			})
	}
}

#[cfg(test)]
mod tests {
	//! The exact JSON of every answer (the README's "Custom RPC" and the e2e tests rely on it),
	//! and that it reads back (the `RestakingRpcApiClient` side).

	use super::*;
	use pallet_restaking_runtime_api::{
		AllocationInfo, AssetAmount, AvsStake, OperatorState, OptInState, PendingAllocation,
		PoolRewards, PoolStreams, SlashState, StreamingAmount, VaultStake,
	};
	use serde::de::DeserializeOwned;
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::Perbill;

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

	/// `answer` serializes to exactly `json` (field order included) and reads back from it.
	fn assert_json<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
		answer: &T,
		json: &str,
	) {
		assert_eq!(serde_json::to_string(answer).unwrap(), json.replace(['\n', '\t'], ""));
		assert_eq!(&serde_json::from_str::<T>(json).unwrap(), answer);
	}

	fn alice() -> AccountId {
		Sr25519Keyring::Alice.to_account_id()
	}

	fn bob() -> AccountId {
		Sr25519Keyring::Bob.to_account_id()
	}

	/// An allocation with a scheduled increase and a slashable decrease, and one without.
	fn allocations() -> Vec<AllocationInfo<Balance, BlockNumber>> {
		vec![
			AllocationInfo {
				vault: 0,
				in_force: Perbill::from_percent(50),
				pending: None,
				slashable_fraction: Perbill::from_percent(50),
				slashable_until: None,
				allocated_stake: 300,
				slashable_stake: 500,
			},
			AllocationInfo {
				vault: 1,
				in_force: Perbill::from_percent(10),
				pending: Some(PendingAllocation {
					fraction: Perbill::from_percent(20),
					effective_at: 40,
				}),
				slashable_fraction: Perbill::from_percent(30),
				slashable_until: Some(50),
				allocated_stake: u128::MAX,
				slashable_stake: 0,
			},
		]
	}

	const ALLOCATIONS: &str = r#"[
		{"vault":0,"inForce":500000000,"pendingFraction":null,"pendingEffectiveAt":null,
		"slashableFraction":500000000,"slashableUntil":null,
		"allocatedStake":"300","slashableStake":"500"},
		{"vault":1,"inForce":100000000,"pendingFraction":200000000,"pendingEffectiveAt":40,
		"slashableFraction":300000000,"slashableUntil":50,
		"allocatedStake":"340282366920938463463374607431768211455","slashableStake":"0"}]"#;

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = alice();
		assert_eq!(parse_account(&alice.to_ss58check()).unwrap(), alice);
		let hex = sp_core::bytes::to_hex(alice.as_ref(), false);
		assert_eq!(parse_account(&hex).unwrap(), alice);
		assert_eq!(parse_account("nope").unwrap_err().code(), INVALID_PARAMS_CODE);
		assert_eq!(parse_account("0x0102").unwrap_err().code(), INVALID_PARAMS_CODE);
	}

	#[test]
	fn operator_stake_json() {
		let stake = OperatorStakeOf {
			operator: alice(),
			stake: OperatorStake {
				status: Some(OperatorState::Active),
				commission: Some(Perbill::from_percent(10)),
				vaults: vec![
					VaultStake {
						vault: 0,
						asset: AssetKind::Native,
						active: 600,
						withdrawing: 400,
					},
					VaultStake { vault: 1, asset: AssetKind::WithId(1), active: 0, withdrawing: 0 },
				],
				avss: vec![
					AvsStake {
						avs: 0,
						status: OptInState::OptedIn,
						slashable: true,
						allocations: allocations(),
					},
					AvsStake {
						avs: 2,
						status: OptInState::OptingOut { until: 77 },
						slashable: true,
						allocations: vec![],
					},
					AvsStake {
						avs: 3,
						status: OptInState::Pending,
						slashable: false,
						allocations: vec![],
					},
				],
			},
		};
		let json = format!(
			r#"{{"operator":"{ALICE}","status":"Active","commission":100000000,
			"vaults":[{{"vault":0,"asset":"Native","active":"600","withdrawing":"400"}},
			{{"vault":1,"asset":{{"WithId":1}},"active":"0","withdrawing":"0"}}],
			"avss":[{{"avs":0,"status":"OptedIn","optingOutUntil":null,"slashable":true,
			"allocations":{ALLOCATIONS}}},
			{{"avs":2,"status":"OptingOut","optingOutUntil":77,"slashable":true,"allocations":[]}},
			{{"avs":3,"status":"Pending","optingOutUntil":null,"slashable":false,
			"allocations":[]}}]}}"#
		);
		assert_json(&stake, &json);

		let paused = |status| OperatorStakeOf {
			operator: bob(),
			stake: OperatorStake {
				status,
				commission: status.map(|_| Perbill::zero()),
				vaults: vec![],
				avss: vec![],
			},
		};
		for (status, json) in [
			(None, "null"),
			(Some(OperatorState::Paused), r#""Paused""#),
			(Some(OperatorState::Leaving), r#""Leaving""#),
		] {
			let commission = if status.is_some() { "0" } else { "null" };
			assert_json(
				&paused(status),
				&format!(
					r#"{{"operator":"{BOB}","status":{json},"commission":{commission},"vaults":[],"avss":[]}}"#
				),
			);
		}
	}

	#[test]
	fn staker_positions_json() {
		let positions: StakerPositions = vec![StakerPosition {
			vault: 3,
			operator: bob(),
			asset: AssetKind::WithId(1),
			shares: u128::MAX,
			stake: 5,
		}];
		assert_json(
			&positions,
			&format!(
				r#"[{{"vault":3,"operator":"{BOB}","asset":{{"WithId":1}},
				"shares":"340282366920938463463374607431768211455","stake":"5"}}]"#
			),
		);
	}

	#[test]
	fn claimable_rewards_json() {
		let amount = |asset, amount| AssetAmount { asset, amount };
		let claimable: Claimable = ClaimableRewards {
			pools: vec![PoolRewards {
				vault: 0,
				operator: alice(),
				rewards: vec![amount(AssetKind::Native, 7), amount(AssetKind::WithId(2), 8)],
			}],
			total: vec![amount(AssetKind::Native, 7), amount(AssetKind::WithId(2), 8)],
			commission: vec![amount(AssetKind::WithId(2), 1_000_000_000_000_000_000_000)],
			streaming: vec![PoolStreams {
				vault: 0,
				operator: alice(),
				streaming: vec![StreamingAmount {
					asset: AssetKind::Native,
					amount: 9,
					ends_at: 42,
				}],
			}],
		};
		let amounts = r#"[{"asset":"Native","amount":"7"},{"asset":{"WithId":2},"amount":"8"}]"#;
		assert_json(
			&claimable,
			&format!(
				r#"{{"pools":[{{"vault":0,"operator":"{ALICE}","rewards":{amounts}}}],
				"total":{amounts},
				"commission":[{{"asset":{{"WithId":2}},"amount":"1000000000000000000000"}}],
				"streaming":[{{"vault":0,"operator":"{ALICE}",
				"streaming":[{{"asset":"Native","amount":"9","endsAt":42}}]}}]}}"#
			),
		);
		assert_json(
			&Claimable { pools: vec![], total: vec![], commission: vec![], streaming: vec![] },
			r#"{"pools":[],"total":[],"commission":[],"streaming":[]}"#,
		);
	}

	#[test]
	fn pending_withdrawals_json() {
		let withdrawal = |index, redelegate_to| PendingWithdrawalInfo {
			index,
			vault: 1,
			operator: alice(),
			asset: AssetKind::WithId(1),
			shares: 400,
			value: 360,
			matures_at: 16,
			matured: index == 0,
			redelegate_to,
		};
		let withdrawals: PendingWithdrawals = vec![withdrawal(0, None), withdrawal(1, Some(bob()))];
		let entry = |index, matured, redelegate_to: &str| {
			format!(
				r#"{{"index":{index},"vault":1,"operator":"{ALICE}","asset":{{"WithId":1}},
				"shares":"400","value":"360","maturesAt":16,"matured":{matured},
				"redelegateTo":{redelegate_to}}}"#
			)
		};
		assert_json(
			&withdrawals,
			&format!("[{},{}]", entry(0, true, "null"), entry(1, false, &format!(r#""{BOB}""#))),
		);
	}

	#[test]
	fn pending_slashes_json() {
		let slash = |id, status| PendingSlashInfo {
			id,
			avs: 2,
			operator: bob(),
			fraction: Perbill::from_parts(123_456_789),
			incident: [0xab; 32],
			requested_at: 6,
			executable_at: 11,
			status,
		};
		let slashes: PendingSlashes = vec![
			slash(0, SlashState::VetoWindowOpen),
			slash(1, SlashState::Executable),
			slash(u64::MAX, SlashState::WillBeCancelled),
		];
		let incident = format!("0x{}", "ab".repeat(32));
		let entry = |id: &str, status| {
			format!(
				r#"{{"id":{id},"avs":2,"operator":"{BOB}","fraction":123456789,
				"incident":"{incident}","requestedAt":6,"executableAt":11,"status":"{status}"}}"#
			)
		};
		assert_json(
			&slashes,
			&format!(
				"[{},{},{}]",
				entry("0", "VetoWindowOpen"),
				entry("1", "Executable"),
				entry("18446744073709551615", "WillBeCancelled")
			),
		);
		// An incident that is not 32 bytes does not read back.
		let short = entry("0", "Executable").replace(&incident, "0xabab");
		assert!(serde_json::from_str::<PendingSlashInfo<AccountId, BlockNumber>>(
			&short.replace(['\n', '\t'], "")
		)
		.is_err());
	}

	#[test]
	fn avs_operators_json() {
		let operators: AvsOperators = vec![
			AvsOperatorInfo {
				operator: alice(),
				status: OptInState::OptedIn,
				slashable: true,
				allocations: allocations(),
			},
			AvsOperatorInfo {
				operator: bob(),
				status: OptInState::OptingOut { until: 9 },
				slashable: false,
				allocations: vec![],
			},
		];
		assert_json(
			&operators,
			&format!(
				r#"[{{"operator":"{ALICE}","status":"OptedIn","optingOutUntil":null,
				"slashable":true,"allocations":{ALLOCATIONS}}},
				{{"operator":"{BOB}","status":"OptingOut","optingOutUntil":9,
				"slashable":false,"allocations":[]}}]"#
			),
		);
		// An inconsistent status or pending allocation does not read back.
		for bad in [
			r#""status":"OptingOut","optingOutUntil":null"#,
			r#""status":"OptedIn","optingOutUntil":3"#,
			r#""status":"Gone","optingOutUntil":null"#,
		] {
			let json =
				format!(r#"{{"operator":"{BOB}",{bad},"slashable":false,"allocations":[]}}"#);
			assert!(serde_json::from_str::<AvsOperatorInfo<AccountId, Balance, BlockNumber>>(
				&json
			)
			.is_err());
		}
		let half_pending =
			ALLOCATIONS.replace(r#""pendingEffectiveAt":40"#, r#""pendingEffectiveAt":null"#);
		assert!(serde_json::from_str::<Vec<AllocationInfo<Balance, BlockNumber>>>(&half_pending)
			.is_err());
	}
}
