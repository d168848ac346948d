//! JSON-RPC extensions of the node.
//!
//! The standard Substrate RPCs (`chain_*`, `state_*`, `author_*`, `system_*` info, ...) are
//! installed by `sc_service::spawn_tasks`; this module adds the runtime-specific ones:
//! - `system_accountNextIndex` (substrate-frame-rpc-system),
//! - `payment_queryInfo` / `payment_queryFeeDetails` (pallet-transaction-payment-rpc).
//!
//! To add a module, put what it needs into [`FullDeps`], the runtime API bound on `C::Api`
//! into [`create_full`], and merge it at the marked spot.

#![warn(missing_docs)]

use std::sync::Arc;

use jsonrpsee::RpcModule;
use restaking_runtime::{opaque::Block, AccountId, Balance, Nonce};
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
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;

	// Extra RPC modules are merged here.
	// e.g. the restaking ledger RPC:
	// `module.merge(Restaking::new(client.clone()).into_rpc())?;`
	// (and add its runtime API bound, e.g. `C::Api: RestakingRuntimeApi<Block, ...>`, above).

	Ok(module)
}
