//! Consensus of the runtime: BABE (block production), GRANDPA (finality), pallet-session with
//! historical proofs, pallet-authorship, pallet-offences, and the consensus AVS that elects
//! every session's validators from the restaking ledger's operators (`pallet-consensus-avs`).
//!
//! The kitchensink runtime of polkadot-sdk is the model: sessions are BABE epochs
//! (`ShouldEndSession = Babe`), the session keys are BABE's and GRANDPA's, equivocations of
//! either are proven against session historical's trie of the session's validators and
//! reported to pallet-offences, which hands them to [`OffenceHandler`].
//!
//! The epoch (session) length is the chain spec's ([`pallet_consensus_avs::EpochLength`],
//! set at genesis, never changed): seconds-scale on `development` and `local_testnet`, about
//! an hour on `staging`. It is not part of the metadata hash (RFC-0078 digests only the types
//! an extrinsic uses), so one runtime serves every chain spec.

use super::*;
use frame_support::traits::{Get, KeyOwnerProofSystem};
use pallet_session::historical as session_historical;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_runtime::{traits::OpaqueKeys, KeyTypeId};
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

/// Largest validator set: BABE's and GRANDPA's `MaxAuthorities` and the consensus AVS's
/// `MaxValidators`.
pub const MAX_VALIDATORS: u32 = 32;

/// Epoch length a chain uses when its genesis sets none (tests on empty storage): the
/// `development` preset's.
pub const DEFAULT_EPOCH_LENGTH: u64 = 10;

/// Sessions whose validator sets stay provable (session historical, GRANDPA's set-id map):
/// an equivocation can be reported for this many sessions after it happened.
pub const BONDED_SESSIONS: u32 = 28;

/// BABE's epoch duration: the chain spec's [`pallet_consensus_avs::EpochLength`].
pub struct EpochDuration;
impl Get<u64> for EpochDuration {
	fn get() -> u64 {
		match pallet_consensus_avs::EpochLength::<Runtime>::get() {
			0 => DEFAULT_EPOCH_LENGTH,
			length => length,
		}
	}
}

/// How long an equivocation report stays valid in the pool: the sessions it can be proven
/// for, in blocks.
pub struct ReportLongevity;
impl Get<u64> for ReportLongevity {
	fn get() -> u64 {
		EpochDuration::get().saturating_mul(BONDED_SESSIONS as u64)
	}
}

parameter_types! {
	/// BABE's primary-slot probability `c = 1/4` and secondary VRF slots, as the kitchensink.
	pub const EpochConfig: sp_consensus_babe::BabeEpochConfiguration =
		sp_consensus_babe::BabeEpochConfiguration {
			c: (1, 4),
			allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
		};
	pub const MaxValidators: u32 = MAX_VALIDATORS;
	pub const MaxSetIdSessionEntries: u64 = BONDED_SESSIONS as u64;
	/// Native deposit held while an account has session keys registered.
	pub const SessionKeyDeposit: Balance = super::super::deposit(1, 64);
	/// The consensus AVS pallet's keyless account: owner and slasher of AVS 0.
	pub const ConsensusAvsPalletId: PalletId = PalletId(*b"rstk/cns");
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ConstU64<{ super::super::MILLI_SECS_PER_BLOCK }>;
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxValidators;
	type MaxNominators = ConstU32<0>;
	type KeyOwnerProof = <Historical as KeyOwnerProofSystem<(KeyTypeId, BabeId)>>::Proof;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxValidators;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	type EventHandler = ();
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	/// Any account may register keys (paying the key deposit); only elected operators'
	/// keys are used.
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = session_historical::NoteHistoricalRoot<Self, ConsensusAvs>;
	type SessionHandler = <crate::SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::SessionKeys;
	/// At most a third of the set disabled at once; a new offender re-enables the least
	/// severe one if the limit is reached (polkadot-sdk's default for staking chains).
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl session_historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_consensus_avs::UnitIdentification;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = session_historical::IdentificationTuple<Self>;
	type OnOffenceHandler = OffenceHandler;
}

impl pallet_consensus_avs::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Restaking = RestakingLedger;
	type Avs = AvsRegistry;
	type SessionKeys = Session;
	type MaxValidators = MaxValidators;
	/// One validator is enough on `development`; a multi-validator chain keeps its set when
	/// fewer are eligible than it had (see `pallet_consensus_avs` docs).
	type MinValidators = ConstU32<1>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = ConsensusAvsPalletId;
	type WeightInfo = ();
}

/// What happens to a reported offender: it is disabled at once (it stops authoring and its
/// GRANDPA votes stop counting, within pallet-session's disabling limit) and, being disabled,
/// leaves the set at the next election.
pub struct OffenceHandler;
impl OnOffenceHandler<AccountId, session_historical::IdentificationTuple<Runtime>, Weight>
	for OffenceHandler
{
	fn on_offence(
		offenders: &[OffenceDetails<AccountId, session_historical::IdentificationTuple<Runtime>>],
		slash_fraction: &[Perbill],
		_session: SessionIndex,
	) -> Weight {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let mut weight = Weight::zero();
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			let (validator, ()) = &details.offender;
			Session::report_offence(validator.clone(), OffenceSeverity(*fraction));
			weight = weight.saturating_add(db.reads_writes(2, 1));
		}
		weight
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn validator_bounds_agree() {
		use frame_support::traits::Hooks;
		sp_io::TestExternalities::default().execute_with(|| {
			<ConsensusAvs as Hooks<BlockNumber>>::integrity_test();
			assert_eq!(
				<Runtime as pallet_babe::Config>::MaxAuthorities::get(),
				<Runtime as pallet_consensus_avs::Config>::MaxValidators::get()
			);
			assert_eq!(
				<Runtime as pallet_grandpa::Config>::MaxAuthorities::get(),
				<Runtime as pallet_consensus_avs::Config>::MaxValidators::get()
			);
			assert!(EpochDuration::get() > 0);
		});
	}
}
