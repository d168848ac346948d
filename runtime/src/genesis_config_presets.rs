//! Genesis presets of the runtime: `development` (one validator, Alice), `local_testnet`
//! (four validators: Alice, Bob, Charlie, Dave) and `staging` (the same four, with
//! production-scale safety windows).
//!
//! The presets differ in their safety windows (`pallet-time-parameters`): `development` and
//! `local_testnet` use [`DEVELOPMENT_WINDOWS`] (a whole lifecycle in minutes), `staging` uses
//! [`STAGING_WINDOWS`] (withdrawals wait 7 days, veto windows a day or more). `staging` is the
//! template of a real network: `scripts/launch-network.sh` replaces its validators, sudo key
//! and endowments with fresh keys.
//!
//! Every preset funds the well-known dev accounts with the native token and mints two
//! liquid-staking-like collateral tokens to them, so a user can create a vault and restake
//! right away:
//!
//! | asset id | symbol | decimals |
//! |----------|--------|----------|
//! | 1        | stETH  | 18       |
//! | 2        | rETH   | 18       |

pub use crate::configs::time_parameters::{DEVELOPMENT_WINDOWS, STAGING_WINDOWS};
use crate::{
	configs::{
		consensus::{ConsensusAvsPalletId, EpochConfig},
		TreasuryAccount,
	},
	AccountId, AssetId, AssetKind, AssetsConfig, AvsRegistryConfig, Balance, BalancesConfig,
	BlockNumber, ConsensusAvsConfig, RestakingConfig, RewardsConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, TimeParametersConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_avs_registry::types::GenesisAvs;
use pallet_time_parameters::TimeParams;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{traits::AccountIdConversion, Perbill};

/// Native balance of every endowed dev account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// One whole unit of an 18-decimals liquid staking token.
pub const LST_UNIT: Balance = 1_000_000_000_000_000_000;
/// Amount of each collateral token minted to every endowed dev account.
pub const LST_ENDOWMENT: Balance = 10_000 * LST_UNIT;
/// Asset id of the dev stETH collateral token.
pub const STETH: AssetId = 1;
/// Asset id of the dev rETH collateral token.
pub const RETH: AssetId = 2;

/// Collateral tokens created at genesis: (id, name, symbol, decimals).
fn collateral_tokens() -> Vec<(AssetId, Vec<u8>, Vec<u8>, u8)> {
	vec![
		(STETH, b"Liquid staked Ether".to_vec(), b"stETH".to_vec(), 18),
		(RETH, b"Rocket Pool Ether".to_vec(), b"rETH".to_vec(), 18),
	]
}

/// Stake each genesis validator deposits into the native vault and delegates to itself, all
/// of it allocated to the consensus AVS.
pub const VALIDATOR_STAKE: Balance = 10_000 * UNIT;
/// Smallest stake allocated to the consensus AVS that gets an operator elected (and that an
/// operator needs in a native pool to opt in to AVS 0).
pub const MIN_VALIDATOR_STAKE: Balance = 1_000 * UNIT;
/// Commission of the genesis validators.
pub const VALIDATOR_COMMISSION: Perbill = Perbill::from_percent(10);
/// Largest fraction of its allocated stake one consensus slash request takes.
pub const CONSENSUS_MAX_SLASH: Perbill = Perbill::from_percent(10);
/// The native vault of the genesis validators' stake (the consensus AVS accepts it).
pub const CONSENSUS_VAULT: u32 = 0;
/// Epoch (session) length of `development` and `local_testnet`: 10 slots, one minute.
pub const DEV_EPOCH_LENGTH: u64 = 10;
/// Epoch (session) length of `staging`: 600 slots, one hour.
pub const STAGING_EPOCH_LENGTH: u64 = 600;

/// A genesis validator: its account (also its operator account and validator id) and its
/// BABE and GRANDPA session keys.
pub type GenesisValidator = (AccountId, BabeId, GrandpaId);

/// Name of the production-like preset.
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// The genesis of a restaking ledger chain with the safety windows `windows`.
///
/// The validators are restaked operators: each registers as an operator, deposits
/// [`VALIDATOR_STAKE`] into the native vault [`CONSENSUS_VAULT`] delegated to itself, opts in
/// to the consensus AVS (id 0, owned by the consensus AVS pallet, vetoable by root) and
/// allocates all of that pool to it; pallet-session's genesis then elects them by the rule of
/// every later session.
fn testnet_genesis(
	validators: Vec<GenesisValidator>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	windows: TimeParams<BlockNumber>,
	epoch_length: u64,
) -> Value {
	let tokens = collateral_tokens();
	let consensus_account: AccountId = ConsensusAvsPalletId::get().into_account_truncating();
	let mut balances: Vec<(AccountId, Balance)> =
		endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect();
	for (validator, ..) in validators.iter() {
		if !endowed_accounts.contains(validator) {
			balances.push((validator.clone(), ENDOWMENT));
		}
	}
	// The treasury receives protocol fees; give it an existential balance so fees in any
	// amount can be credited. The consensus AVS pallet's account holds AVS 0's deposit.
	balances.push((TreasuryAccount::get(), UNIT));
	balances.push((consensus_account.clone(), 11 * UNIT));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		babe: pallet_babe::GenesisConfig { epoch_config: EpochConfig::get() },
		restaking: RestakingConfig {
			vaults: vec![(
				root.clone(),
				AssetKind::Native,
				Balance::MAX / 2,
				UNIT,
				windows.min_withdrawal_delay,
			)],
			operators: validators
				.iter()
				.map(|(validator, ..)| (validator.clone(), VALIDATOR_COMMISSION))
				.collect::<Vec<_>>(),
			delegations: validators
				.iter()
				.map(|(validator, ..)| {
					(validator.clone(), CONSENSUS_VAULT, validator.clone(), VALIDATOR_STAKE)
				})
				.collect::<Vec<_>>(),
		},
		avs_registry: AvsRegistryConfig {
			avss: vec![GenesisAvs {
				owner: consensus_account.clone(),
				metadata: b"consensus: BABE + GRANDPA validators of this chain".to_vec(),
				accepted_vaults: vec![CONSENSUS_VAULT],
				min_operator_stake: MIN_VALIDATOR_STAKE,
				slasher: consensus_account,
				resolver: None,
				max_slash: CONSENSUS_MAX_SLASH,
				veto_window: windows.max_veto_window,
				beneficiary: None,
				reward_assets: vec![AssetKind::Native],
				requires_approval: false,
				opt_out_delay: windows.min_opt_out_delay,
			}],
			opt_ins: validators
				.iter()
				.map(|(validator, ..)| (0, validator.clone()))
				.collect::<Vec<_>>(),
			allocations: validators
				.iter()
				.map(|(validator, ..)| (0, validator.clone(), CONSENSUS_VAULT, Perbill::one()))
				.collect::<Vec<_>>(),
		},
		consensus_avs: ConsensusAvsConfig {
			epoch_length,
			min_validator_stake: MIN_VALIDATOR_STAKE
		},
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|(validator, babe, grandpa)| {
					(
						validator.clone(),
						validator.clone(),
						SessionKeys { babe: babe.clone(), grandpa: grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root.clone()) },
		time_parameters: TimeParametersConfig { parameters: windows },
		// Rewards may be paid in the native token and the two collateral tokens.
		rewards: RewardsConfig {
			reward_assets: vec![
				AssetKind::Native,
				AssetKind::WithId(STETH),
				AssetKind::WithId(RETH),
			],
		},
		assets: AssetsConfig {
			// Sufficient assets: keyless accounts (vaults, reward pot, treasury) can hold them
			// without a native balance.
			assets: tokens.iter().map(|t| (t.0, root.clone(), true, 1)).collect::<Vec<_>>(),
			metadata: tokens,
			accounts: [STETH, RETH]
				.iter()
				.flat_map(|id| endowed_accounts.iter().map(move |a| (
					*id,
					a.clone(),
					LST_ENDOWMENT
				)))
				.collect::<Vec<_>>(),
			next_asset_id: Some(RETH + 1),
		},
	})
}

/// Well-known accounts endowed in every preset.
fn endowed_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// Return the development genesis config.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		endowed_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		DEVELOPMENT_WINDOWS,
		DEV_EPOCH_LENGTH,
	)
}

/// The four validators of the multi-validator presets: Alice, Bob, Charlie and Dave.
fn four_validators() -> Vec<GenesisValidator> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
		.into_iter()
		.zip([
			Ed25519Keyring::Alice,
			Ed25519Keyring::Bob,
			Ed25519Keyring::Charlie,
			Ed25519Keyring::Dave,
		])
		.map(|(babe, grandpa)| validator(babe, grandpa))
		.collect()
}

/// A well-known dev account as a genesis validator, with its BABE and GRANDPA keys.
fn validator(babe: Sr25519Keyring, grandpa: Ed25519Keyring) -> GenesisValidator {
	(babe.to_account_id(), babe.public().into(), grandpa.public().into())
}

/// Return the local testnet genesis config: four validators, development windows.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		four_validators(),
		endowed_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		DEVELOPMENT_WINDOWS,
		DEV_EPOCH_LENGTH,
	)
}

/// Return the staging genesis config: four validators, production-scale windows. The keys are
/// placeholders for `scripts/launch-network.sh`, which replaces them.
pub fn staging_config_genesis() -> Value {
	testnet_genesis(
		four_validators(),
		endowed_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		STAGING_WINDOWS,
		STAGING_EPOCH_LENGTH,
	)
}

/// Provides the JSON representation of predefined genesis config for given `id`.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		STAGING_RUNTIME_PRESET => staging_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// List of supported presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(STAGING_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Applies a JSON patch (a preset) on top of `base`, the way the node's chain-spec
	/// builder does: objects merge key by key, everything else is replaced.
	fn merge_patch(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) =>
				for (key, value) in patch {
					merge_patch(base.entry(key).or_insert(Value::Null), value);
				},
			(base, patch) => *base = patch,
		}
	}

	#[test]
	fn presets_build_a_valid_genesis() {
		for name in preset_names() {
			let patch: Value = serde_json::from_slice(
				&get_preset(&name).expect("preset listed in preset_names exists"),
			)
			.expect("presets are JSON");
			let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
				.expect("the default genesis config serializes");
			merge_patch(&mut config, patch);
			let json = serde_json::to_vec(&config).expect("a JSON value serializes");
			sp_io::TestExternalities::default().execute_with(|| {
				frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
					.unwrap_or_else(|e| panic!("preset {name:?} does not build: {e}"));
				assert!(
					pallet_assets::Asset::<crate::Runtime>::get(1).is_some(),
					"preset {name:?} has no stETH"
				);
				assert!(
					pallet_balances::TotalIssuance::<crate::Runtime>::get() > 0,
					"preset {name:?} funds nobody"
				);
				let windows = pallet_time_parameters::Parameters::<crate::Runtime>::get();
				let expected = if name.as_str() == STAGING_RUNTIME_PRESET {
					STAGING_WINDOWS
				} else {
					DEVELOPMENT_WINDOWS
				};
				assert_eq!(windows, expected, "preset {name:?} has other windows");
				assert!(
					pallet_time_parameters::Parameters::<crate::Runtime>::exists(),
					"preset {name:?} stores its windows"
				);
				// The first validators are the genesis operators, elected from their stake
				// allocated to the consensus AVS.
				let validators = pallet_session::Validators::<crate::Runtime>::get();
				let expected =
					if name.as_str() == sp_genesis_builder::DEV_RUNTIME_PRESET { 1 } else { 4 };
				assert_eq!(validators.len(), expected, "preset {name:?} has other validators");
				for validator in validators.iter() {
					assert_eq!(
						pallet_consensus_avs::Pallet::<crate::Runtime>::candidate_stake(validator),
						Some(VALIDATOR_STAKE),
						"preset {name:?}: validator {validator:?} is not a staked operator"
					);
				}
				assert_eq!(
					pallet_avs_registry::Avss::<crate::Runtime>::get(0).map(|info| info.owner),
					Some(ConsensusAvsPalletId::get().into_account_truncating()),
					"preset {name:?}: AVS 0 is not the consensus AVS"
				);
				assert_eq!(pallet_babe::Authorities::<crate::Runtime>::get().len(), expected);
				assert_eq!(pallet_grandpa::Authorities::<crate::Runtime>::get().len(), expected);
			});
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}
}
