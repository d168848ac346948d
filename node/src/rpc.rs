//! JSON-RPC extensions of the node.
//!
//! The standard Substrate RPCs (`chain_*`, `state_*`, `author_*`, `system_*` info, ...) are
//! installed by `sc_service::spawn_tasks`; this module adds the runtime-specific ones:
//! - `system_accountNextIndex` (substrate-frame-rpc-system),
//! - `payment_queryInfo` / `payment_queryFeeDetails` (pallet-transaction-payment-rpc),
//! - `restaking_*`: the restaking ledger's queries ([`restaking`], documented in the README).
//!
//! To add a module, put what it needs into [`FullDeps`], the runtime API bound on `C::Api`
//! into [`create_full`], and merge it at the marked spot.

#![warn(missing_docs)]

pub mod restaking;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use restaking_runtime::{opaque::Block, AccountId, AssetKind, Balance, BlockNumber, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// Full client dependencies.
pub struct FullDeps<C, P> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
}

/// Instantiate all full RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: restaking::RestakingRuntimeApi<Block, AccountId, Balance, AssetKind, BlockNumber>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use restaking::{Restaking, RestakingRpcApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;

	// Extra RPC modules are merged here (and their runtime API bound added on `C::Api` above).
	module.merge(Restaking::new(client.clone()).into_rpc())?;

	Ok(module)
}
