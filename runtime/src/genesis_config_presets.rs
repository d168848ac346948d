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
	configs::TreasuryAccount, AccountId, AssetId, AssetKind, AssetsConfig, Balance, BalancesConfig,
	BlockNumber, RewardsConfig, RuntimeGenesisConfig, SudoConfig, TimeParametersConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_time_parameters::TimeParams;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

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

/// Name of the production-like preset.
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// The genesis of a restaking ledger chain with the safety windows `windows`.
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	windows: TimeParams<BlockNumber>,
) -> Value {
	let tokens = collateral_tokens();
	let mut balances: Vec<(AccountId, Balance)> =
		endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect();
	// The treasury receives protocol fees; give it an existential balance so fees in any
	// amount can be credited.
	balances.push((TreasuryAccount::get(), UNIT));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
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
		vec![(Sr25519Keyring::Alice.public().into(), Ed25519Keyring::Alice.public().into())],
		endowed_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		DEVELOPMENT_WINDOWS,
	)
}

/// The four validators of the multi-validator presets: Alice, Bob, Charlie and Dave.
fn four_validators() -> Vec<(AuraId, GrandpaId)> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
		.into_iter()
		.zip([
			Ed25519Keyring::Alice,
			Ed25519Keyring::Bob,
			Ed25519Keyring::Charlie,
			Ed25519Keyring::Dave,
		])
		.map(|(aura, grandpa)| (aura.public().into(), grandpa.public().into()))
		.collect()
}

/// Return the local testnet genesis config: four validators, development windows.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		four_validators(),
		endowed_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		DEVELOPMENT_WINDOWS,
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
			});
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}
}
