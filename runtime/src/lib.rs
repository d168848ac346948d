//! # Restaking ledger runtime
//!
//! FRAME runtime of a standalone chain whose purpose is restaking: the same collateral
//! secures many services at once.
//!
//! - [`pallet_restaking`]: vaults (one collateral asset each), operators, delegation pools
//!   with share accounting and withdrawal buckets that stay slashable until they mature.
//! - [`pallet_avs_registry`]: actively validated services (AVSs), operator opt-in/opt-out and
//!   per-vault allocations (the fraction of a pool an AVS may slash).
//! - [`pallet_slashing`]: slash requests with a veto window, executed against pools in
//!   O(vaults), never per delegator.
//! - [`pallet_rewards`]: AVS reward submissions split into protocol fee, operator commission
//!   and a per-share accumulator of each pool.
//!
//! Collateral is the native token (pallet-balances) or any asset of pallet-assets, addressed
//! by one [`AssetKind`] (`NativeOrWithId<u32>`).
//!
//! Accounts: pallet-utility (batches), pallet-proxy with the restaking roles as proxy types
//! ([`ProxyType`]: `Operator`, `Staker`, `AvsOwner`, `VaultOwner`, ...) and pallet-multisig
//! (`configs/proxy.rs`); their weights are benchmarked on this runtime (`weights/`).
//!
//! Consensus is BABE (block production, 6 s slots) + GRANDPA (finality), secured by the
//! ledger itself: [`pallet_consensus_avs`] makes the chain's consensus AVS 0 of the registry
//! and elects every session's validators from the operators' stake allocated to it; BABE and
//! GRANDPA equivocations are proven against session historical's tries and reported to
//! pallet-offences (`configs/consensus.rs`).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
mod weights;

extern crate alloc;
use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::proxy::ProxyType;
pub use frame_support::traits::tokens::fungible::NativeOrWithId;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;
pub use sp_runtime::{Perbill, Permill};

/// Opaque types. These are used by the CLI to instantiate machinery that don't need to know
/// the specifics of the runtime. They can then be made to be agnostic over specific formats
/// of data like extrinsics, allowing for them to continue syncing the network through upgrades
/// to even the core data structures.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// Session keys of a validator: BABE (block production) and GRANDPA (finality).
	pub struct SessionKeys {
		pub babe: Babe,
		pub grandpa: Grandpa,
	}
}

/// Runtime version.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("restaking-ledger"),
	impl_name: alloc::borrow::Cow::Borrowed("restaking-ledger"),
	authoring_version: 1,
	// The version of the runtime specification. A full node will not attempt to use its native
	// runtime in substitute for the on-chain Wasm runtime unless all of `spec_name`,
	// `spec_version`, and `authoring_version` are the same between Wasm and native.
	// 105: the wasm carries its metadata hash (`CheckMetadataHash` mode 1).
	// 106: pallet-utility, pallet-proxy (restaking proxy types) and pallet-multisig.
	// 107: BABE, pallet-session (+ historical), authorship, offences and the consensus AVS.
	spec_version: 107,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

mod block_times {
	/// This determines the average expected block time that we are targeting. Blocks will be
	/// produced at a minimum duration defined by `SLOT_DURATION`. `SLOT_DURATION` is picked up by
	/// `pallet_timestamp` which is in turn picked up by `pallet_babe` to implement `fn
	/// slot_duration()`.
	///
	/// Change this to adjust the block time.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

	// NOTE: Currently it is not possible to change the slot duration after the chain has started.
	// Attempting to do so will brick block production.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

// Time is measured by number of blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Number of blocks kept in the block-hash map.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

// Unit = the base number of indivisible units for balances (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;

/// Existential deposit of the native token.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Native deposit for `items` storage items of `bytes` bytes in all: 0.1 UNIT per item and
/// 10 micro-UNIT per byte (the per-byte price of asset metadata). Proxy and multisig deposits
/// are priced with it.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * (UNIT / 10) + bytes as Balance * (10 * MICRO_UNIT)
}

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent
/// to the public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// Identifier of a pallet-assets asset (collateral or reward token).
pub type AssetId = u32;

/// The kind of asset used as collateral or reward: the native token or a pallet-assets asset.
pub type AssetKind = NativeOrWithId<AssetId>;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A Block signed with a Justification
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The `TransactionExtension` to the basic transaction logic.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Bare (unsigned) extrinsics: the equivocation reports a validator's node submits.
impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// All migrations of the runtime, aside from the ones declared in the pallets.
///
/// This can be a tuple of types, each implementing `OnRuntimeUpgrade`.
#[allow(unused_parens)]
type Migrations = (
	pallet_slashing::migrations::v1::MigrateToV1<Runtime>,
	pallet_restaking::migrations::v1::MigrateToV1<Runtime>,
	pallet_rewards::migrations::v1::MigrateToV1<Runtime, configs::rewards::InitialRewardAssets>,
	pallet_time_parameters::migrations::v1::MigrateToV1<Runtime>,
	pallet_avs_registry::migrations::v1::MigrateToV1<Runtime>,
);

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// Create the runtime by composing the FRAME pallets that were previously configured.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(8)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(9)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(10)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(11)]
	pub type Authorship = pallet_authorship;

	// Genesis is built, and hooks run, in the order of the indices: the windows before the
	// pallets that check against them, the restaking genesis (vaults, operators, stake) before
	// the AVS registry's (AVS 0, opt-ins, allocations), both before the consensus AVS and
	// pallet-session, whose genesis elects the first validators from them.
	#[runtime::pallet_index(19)]
	pub type TimeParameters = pallet_time_parameters;

	// The restaking ledger.
	#[runtime::pallet_index(20)]
	pub type Restaking = pallet_restaking;

	#[runtime::pallet_index(21)]
	pub type AvsRegistry = pallet_avs_registry;

	#[runtime::pallet_index(22)]
	pub type Slashing = pallet_slashing;

	#[runtime::pallet_index(23)]
	pub type Rewards = pallet_rewards;

	#[runtime::pallet_index(25)]
	pub type ConsensusAvs = pallet_consensus_avs;

	#[runtime::pallet_index(26)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(27)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(28)]
	pub type Offences = pallet_offences;
}
