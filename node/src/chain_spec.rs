//! Chain specifications of the restaking ledger.
//!
//! The genesis state itself is defined by the runtime's genesis presets
//! (`restaking_runtime::genesis_config_presets`); the node only names the preset and adds
//! the chain metadata (name, id, type, token properties).
//!
//! # One genesis everywhere
//!
//! The runtime wasm is not byte-for-byte reproducible across checkouts (it embeds the paths
//! it was built from), so a spec built from the wasm compiled into this binary has a genesis
//! hash of its own on every machine. The node's built-in networks therefore are the committed
//! raw specs, compiled into the binary: `--dev` / `--chain dev` is `chain-specs/dev-raw.json`
//! and `--chain local` is `chain-specs/local-raw.json`, byte for byte, wherever the node is
//! built, so every node of a network agrees on its genesis.
//!
//! `dev-source` and `local-source` build the same chains from the presets and the wasm of
//! this binary (what `scripts/generate-chain-specs.sh` writes into `chain-specs/`), and
//! `staging` is the template `scripts/launch-network.sh` turns into a network of one's own;
//! their genesis hash depends on where the binary was built. The node's `chain_specs` test
//! fails when the committed specs are not what this source generates.

use restaking_runtime::WASM_BINARY;
use sc_service::{ChainType, Properties};

/// The chain spec extensions of this node: the light-sync checkpoint that
/// `sync_state_genSyncSpec` fills in (absent, `null`, in the committed specs), from which a
/// light client starts without replaying GRANDPA and BABE from genesis.
#[derive(
	Default, Clone, serde::Serialize, serde::Deserialize, sc_chain_spec::ChainSpecExtension,
)]
#[serde(rename_all = "camelCase")]
pub struct Extensions {
	/// The light-sync checkpoint (finalized header, GRANDPA authority set, BABE epochs).
	pub light_sync_state: sc_sync_state_rpc::LightSyncStateExtension,
}

/// Specialized `ChainSpec`. This is a specialization of the general Substrate ChainSpec type.
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

/// Symbol of the native token.
pub const TOKEN_SYMBOL: &str = "RSTK";
/// Decimals of the native token.
pub const TOKEN_DECIMALS: u32 = 12;
/// SS58 address format (42 = generic Substrate).
pub const SS58_FORMAT: u32 = 42;

/// Error returned when the node was built without the runtime wasm blob.
const WASM_NOT_AVAILABLE: &str =
	"Development wasm not available: the node was built with SKIP_WASM_BUILD set; rebuild it without";

/// Token properties shared by every chain spec of this node.
fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_FORMAT.into());
	properties
}

/// `chain-specs/dev-raw.json`, compiled in: the development chain of `--dev` / `--chain dev`.
const DEV_RAW_SPEC: &[u8] = include_bytes!("../../chain-specs/dev-raw.json");
/// `chain-specs/local-raw.json`, compiled in: the local testnet of `--chain local`.
const LOCAL_RAW_SPEC: &[u8] = include_bytes!("../../chain-specs/local-raw.json");

/// A committed raw spec compiled into the binary.
fn committed_spec(file: &str, json: &'static [u8]) -> Result<ChainSpec, String> {
	ChainSpec::from_json_bytes(json)
		.map_err(|e| format!("the built-in chain spec chain-specs/{file} is invalid: {e}"))
}

/// The development chain, `--dev` / `--chain dev`: the committed `chain-specs/dev-raw.json`
/// (one validator, Alice), the same genesis wherever the node is built.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	committed_spec("dev-raw.json", DEV_RAW_SPEC)
}

/// The local testnet, `--chain local`: the committed `chain-specs/local-raw.json` (four
/// validators, Alice, Bob, Charlie, Dave), the same genesis wherever the node is built.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	committed_spec("local-raw.json", LOCAL_RAW_SPEC)
}

/// A chain spec of `name` and `id` built from the runtime preset `preset` and the wasm of this
/// binary, with the token properties and an empty light-sync extension.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| WASM_NOT_AVAILABLE.to_string())?,
		Extensions::default(),
	)
	.with_name(name)
	.with_id(id)
	.with_chain_type(chain_type)
	.with_genesis_config_preset_name(preset)
	.with_properties(chain_properties())
	.build())
}

/// The development chain built from the `development` preset and the runtime compiled into
/// this binary, `--chain dev-source` (what `chain-specs/dev*.json` are generated from).
pub fn development_chain_spec_from_source() -> Result<ChainSpec, String> {
	from_preset(
		"Restaking Development",
		"dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The local testnet built from the `local_testnet` preset and the runtime compiled into this
/// binary, `--chain local-source` (what `chain-specs/local*.json` are generated from).
pub fn local_chain_spec_from_source() -> Result<ChainSpec, String> {
	from_preset(
		"Restaking Local Testnet",
		"local_testnet",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Template of a production-like network, `--chain staging`: four placeholder validators
/// (Alice, Bob, Charlie, Dave) and production-scale safety windows (withdrawals 7 days, veto
/// windows 1-2 days). `scripts/launch-network.sh` turns it into a network of one's own with
/// fresh validator and sudo keys.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Restaking Staging",
		"staging",
		ChainType::Live,
		restaking_runtime::genesis_config_presets::STAGING_RUNTIME_PRESET,
	)
}
