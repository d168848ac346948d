//! Chain specifications of the restaking ledger.
//!
//! The genesis state itself is defined by the runtime's genesis presets
//! (`restaking_runtime::genesis_config_presets`); the node only names the preset and adds
//! the chain metadata (name, id, type, token properties).

use restaking_runtime::WASM_BINARY;
use sc_service::{ChainType, Properties};

/// Specialized `ChainSpec`. This is a specialization of the general Substrate ChainSpec type.
pub type ChainSpec = sc_service::GenericChainSpec;

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

/// Single-validator (Alice) development chain, `--dev` / `--chain dev`.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(WASM_BINARY.ok_or_else(|| WASM_NOT_AVAILABLE.to_string())?, None)
		.with_name("Restaking Development")
		.with_id("dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Local testnet with four validators (Alice, Bob, Charlie, Dave), `--chain local`.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(WASM_BINARY.ok_or_else(|| WASM_NOT_AVAILABLE.to_string())?, None)
		.with_name("Restaking Local Testnet")
		.with_id("local_testnet")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Template of a production-like network, `--chain staging`: four placeholder validators
/// (Alice, Bob, Charlie, Dave) and production-scale safety windows (withdrawals 7 days, veto
/// windows 1-2 days). `scripts/launch-network.sh` turns it into a network of one's own with
/// fresh validator and sudo keys.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(WASM_BINARY.ok_or_else(|| WASM_NOT_AVAILABLE.to_string())?, None)
		.with_name("Restaking Staging")
		.with_id("staging")
		.with_chain_type(ChainType::Live)
		.with_genesis_config_preset_name(
			restaking_runtime::genesis_config_presets::STAGING_RUNTIME_PRESET,
		)
		.with_properties(chain_properties())
		.build())
}
