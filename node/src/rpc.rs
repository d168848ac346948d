//! JSON-RPC extensions of the node.
//!
//! The standard Substrate RPCs (`chain_*`, `state_*`, `author_*`, `system_*` info, ...) are
//! installed by `sc_service::spawn_tasks`; this module adds the runtime-specific ones:
//! - `system_accountNextIndex` (substrate-frame-rpc-system),
//! - `payment_queryInfo` / `payment_queryFeeDetails` (pallet-transaction-payment-rpc),
//! - `grandpa_roundState`, `grandpa_proveFinality`, `grandpa_subscribeJustifications`
//!   (sc-consensus-grandpa-rpc, as the kitchensink node): to diagnose a finality stall and to
//!   follow or prove finality from a client,
//! - `babe_epochAuthorship` (sc-consensus-babe-rpc): the slots a validator of this node's
//!   keystore may author in the current epoch,
//! - `sync_state_genSyncSpec` (sc-sync-state-rpc): the chain spec with a light-sync checkpoint
//!   (finalized header, GRANDPA authority set, BABE epochs), for light clients to start from,
//! - `restaking_*`: the restaking ledger's queries ([`restaking`], documented in the README).
//!
//! To add a module, put what it needs into [`FullDeps`], the runtime API bound on `C::Api`
//! into [`create_full`], and merge it at the marked spot.

#![warn(missing_docs)]

pub mod restaking;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use restaking_runtime::{opaque::Block, AccountId, AssetKind, Balance, BlockNumber, Hash, Nonce};
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_keystore::KeystorePtr;

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

/// What `babe_epochAuthorship` reads: the node's keystore and BABE's epoch data.
pub struct BabeDeps {
	/// The node's keystore (whose BABE keys are looked up).
	pub keystore: KeystorePtr,
	/// Answers questions about BABE epochs.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
}

/// What `sync_state_genSyncSpec` reads: GRANDPA's authority set and BABE's epochs.
pub struct SyncStateDeps {
	/// The authority set the node follows.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// Answers questions about BABE epochs.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
}

/// Full client dependencies.
pub struct FullDeps<C, P, B, SC> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The chain selection rule (for BABE's epoch lookup at the best block).
	pub select_chain: SC,
	/// The chain spec the node runs (the base of `sync_state_genSyncSpec`).
	pub chain_spec: Box<dyn sc_chain_spec::ChainSpec>,
	/// BABE's state, for `babe_epochAuthorship`.
	pub babe: BabeDeps,
	/// GRANDPA's and BABE's state, for `sync_state_genSyncSpec`.
	pub sync_state: SyncStateDeps,
	/// GRANDPA's state, for the `grandpa_*` methods.
	pub grandpa: GrandpaDeps<B>,
}

/// Instantiate all full RPC extensions.
pub fn create_full<C, P, B, SC>(
	deps: FullDeps<C, P, B, SC>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: sc_client_api::AuxStore + Send + Sync + 'static,
	C::Api: sp_consensus_babe::BabeApi<Block>,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: restaking::RestakingRuntimeApi<Block, AccountId, Balance, AssetKind, BlockNumber>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	SC: sp_consensus::SelectChain<Block> + Clone + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use restaking::{Restaking, RestakingRpcApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use sc_sync_state_rpc::{SyncState, SyncStateApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, select_chain, chain_spec, babe, sync_state, grandpa } = deps;
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

	module.merge(
		Babe::new(client.clone(), babe.babe_worker_handle, babe.keystore, select_chain).into_rpc(),
	)?;
	module.merge(
		SyncState::new(
			chain_spec,
			client.clone(),
			sync_state.shared_authority_set,
			sync_state.babe_worker_handle,
		)?
		.into_rpc(),
	)?;

	// Extra RPC modules are merged here (and their runtime API bound added on `C::Api` above).
	module.merge(Restaking::new(client.clone()).into_rpc())?;

	Ok(module)
}
