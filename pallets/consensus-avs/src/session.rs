//! pallet-session's [`SessionManager`]: every new session is planned by an election
//! ([`Pallet::elect`]); historical's variant adds the (empty) full identification that
//! session historical proofs commit to.

use crate::pallet::*;
use alloc::vec::Vec;
use frame_support::traits::Get;
use pallet_session::SessionManager;
use sp_staking::SessionIndex;

impl<T: Config> Pallet<T> {
	/// Plan session `session`: the elected validators, or `None` (the current set stays) if
	/// fewer than [`Config::MinValidators`] are eligible.
	pub(crate) fn plan_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		let (elected, candidates) = Self::elect();
		if (elected.len() as u32) < T::MinValidators::get() {
			log::warn!(
				target: "runtime::consensus-avs",
				"session {session}: {candidates} eligible operators, fewer than MinValidators; \
				 the current validators stay",
			);
			Self::deposit_event(Event::ElectionKeptCurrentSet { session, candidates });
			return None;
		}
		let validators = elected.iter().map(|(operator, _)| operator.clone()).collect();
		Elected::<T>::put(&elected);
		LastElection::<T>::put(session);
		Self::deposit_event(Event::ValidatorsElected { session, validators: elected, candidates });
		Some(validators)
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(new_index)
	}
	fn new_session_genesis(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(new_index)
	}
	fn start_session(_: SessionIndex) {}
	fn end_session(_: SessionIndex) {}
}

impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		Self::plan_session(new_index)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}
	fn new_session_genesis(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::historical::SessionManager<_, _>>::new_session(new_index)
	}
	fn start_session(_: SessionIndex) {}
	fn end_session(_: SessionIndex) {}
}

/// `FullIdentificationOf` of pallet-session historical: validators are identified by their
/// account alone (the stake behind them is read from the restaking ledger when an offence is
/// slashed, not frozen in the proof).
pub struct UnitIdentification;
impl<AccountId> sp_runtime::traits::Convert<AccountId, Option<()>> for UnitIdentification {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}
