//! JSON-RPC extensions of the node.
//!
//! The standard Substrate RPCs (`chain_*`, `state_*`, `author_*`, `system_*` info, ...) are
//! installed by `sc_service::spawn_tasks`; this module adds the runtime-specific ones:
//! - `system_accountNextIndex` (substrate-frame-rpc-system),
//! - `payment_queryInfo` / `payment_queryFeeDetails` (pallet-transaction-payment-rpc),
//! - `grandpa_roundState`, `grandpa_proveFinality`, `grandpa_subscribeJustifications`
//!   (sc-consensus-grandpa-rpc, as the kitchensink node): to diagnose a finality stall and to
//!   follow or prove finality from a client,
//! - `restaking_*`: the restaking ledger's queries ([`restaking`], documented in the README).
//!
//! To add a module, put what it needs into [`FullDeps`], the runtime API bound on `C::Api`
//! into [`create_full`], and merge it at the marked spot.

#![warn(missing_docs)]

pub mod restaking;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use restaking_runtime::{opaque::Block, AccountId, AssetKind, Balance, BlockNumber, Hash, Nonce};
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the `grandpa_*` methods read: the voter's state, the authority set, the stream of
/// justifications and the finality proofs of the node's GRANDPA.
pub struct GrandpaDeps<B> {
	/// State of the running voter (rounds, votes), as the voter sees it.
	pub shared_voter_state: SharedVoterState,
	/// The authority set the node follows.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// Justifications of newly finalized blocks.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Runs the subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs from the backend.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Full client dependencies.
pub struct FullDeps<C, P, B> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// GRANDPA's state, for the `grandpa_*` methods.
	pub grandpa: GrandpaDeps<B>,
}

/// Instantiate all full RPC extensions.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
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
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use restaking::{Restaking, RestakingRpcApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;
	let GrandpaDeps {
		shared_voter_state,
		shared_authority_set,
		justification_stream,
		subscription_executor,
		finality_provider,
	} = grandpa;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(
		Grandpa::new(
			subscription_executor,
			shared_authority_set,
			shared_voter_state,
			justification_stream,
			finality_provider,
		)
		.into_rpc(),
	)?;

	// Extra RPC modules are merged here (and their runtime API bound added on `C::Api` above).
	module.merge(Restaking::new(client.clone()).into_rpc())?;

	Ok(module)
}
