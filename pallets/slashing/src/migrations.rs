//! Storage migrations of the slashing pallet.

use crate::{pallet::*, types::*};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
use pallet_restaking::{traits::RestakingSlash, types::SlashDestination};
use sp_runtime::{traits::Saturating, Perbill};

/// Version 0 → 1: slash requests keep the rules and basis they were made under.
pub mod v1 {
	use super::*;

	/// The layout of a pending request in storage version 0.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	#[scale_info(skip_type_params(MaxEvidenceLen))]
	#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
	pub struct OldPendingSlash<AccountId, BlockNumber, MaxEvidenceLen: Get<u32>> {
		/// The AVS that requested the slash.
		pub avs: AvsId,
		/// The operator to slash.
		pub operator: AccountId,
		/// Fraction of the operator's allocated stake to slash.
		pub fraction: Perbill,
		/// The incident.
		pub incident: IncidentId,
		/// Evidence.
		pub evidence: BoundedVec<u8, MaxEvidenceLen>,
		/// Block of the request.
		pub requested_at: BlockNumber,
		/// End of the veto window.
		pub executable_at: BlockNumber,
	}

	/// Version 0 storage, read and removed by the migration.
	pub mod old {
		use super::*;

		/// Pending requests of version 0 (same prefix as [`crate::PendingSlashes`]).
		#[frame_support::storage_alias]
		pub type PendingSlashes<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			SlashId,
			OldPendingSlash<
				<T as frame_system::Config>::AccountId,
				BlockNumberFor<T>,
				<T as Config>::MaxEvidenceLen,
			>,
		>;

		/// The due queue of version 0: one bounded list of ids per block.
		#[frame_support::storage_alias]
		pub type SlashesDueAt<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<SlashId>>;

		/// Incident outcomes of version 0 (the status alone, never removed).
		#[frame_support::storage_alias]
		pub type Incidents<T: Config> = StorageNMap<
			Pallet<T>,
			(
				NMapKey<Twox64Concat, AvsId>,
				NMapKey<Blake2_128Concat, <T as frame_system::Config>::AccountId>,
				NMapKey<Blake2_128Concat, IncidentId>,
			),
			IncidentStatus,
		>;
	}

	/// The migration body, run once by [`MigrateToV1`].
	///
	/// - Every pending request gets the resolver and destination its AVS has now (the best
	///   record of the rules it was made under: version 0 read them at execution), and the
	///   basis of the allocations slashable now; its pools are slash-locked. An AVS that is
	///   already gone gives no resolver (only root can veto) and burns.
	/// - The due queue is rekeyed by (block, id).
	/// - Every incident record keeps its status, gets no deposit (none was held) and expires
	///   `MaxIncidentAge` after the upgrade; every (AVS, operator) with records gets a budget
	///   record counting them, with a window that has already ended.
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;

			let due: Vec<(BlockNumberFor<T>, Vec<SlashId>)> =
				old::SlashesDueAt::<T>::drain().collect();
			reads.saturating_accrue(due.len() as u64);
			writes.saturating_accrue(due.len() as u64);
			for (block, ids) in due {
				for slash_id in ids {
					SlashesDueAt::<T>::insert(block, slash_id, ());
					writes.saturating_inc();
				}
			}

			let pending: Vec<_> = old::PendingSlashes::<T>::drain().collect();
			for (slash_id, slash) in pending {
				reads.saturating_accrue(3);
				let (resolver, destination) = match T::Avs::slashing_params(slash.avs) {
					Some(params) => (params.resolver, params.destination),
					None => (None, SlashDestination::Burn),
				};
				let pools = Pallet::<T>::basis(slash.avs, &slash.operator, slash.fraction);
				for pool in pools.iter() {
					if T::Restaking::lock_for_slash(pool.vault, &slash.operator).is_err() {
						frame_support::defensive!("a lock count cannot overflow");
					}
					writes.saturating_accrue(2);
				}
				PendingSlashes::<T>::insert(
					slash_id,
					PendingSlash {
						avs: slash.avs,
						operator: slash.operator,
						fraction: slash.fraction,
						incident: slash.incident,
						evidence: slash.evidence,
						requested_at: slash.requested_at,
						executable_at: slash.executable_at,
						resolver,
						destination,
						pools,
					},
				);
				writes.saturating_inc();
			}

			let expires_at = now.saturating_add(T::MaxIncidentAge::get());
			let incidents: Vec<_> = old::Incidents::<T>::drain().collect();
			let mut budgets: BTreeMap<(AvsId, T::AccountId), u32> = BTreeMap::new();
			for ((avs, operator, incident), status) in incidents {
				reads.saturating_inc();
				Incidents::<T>::insert(
					(avs, &operator, incident),
					IncidentRecord { status, expires_at, deposit: None },
				);
				writes.saturating_inc();
				let count = budgets.entry((avs, operator)).or_default();
				count.saturating_inc();
			}
			for ((avs, operator), incidents) in budgets {
				SlashBudgets::<T>::insert(
					avs,
					&operator,
					SlashBudget {
						since: Default::default(),
						cap: Perbill::one(),
						used: Perbill::zero(),
						incidents,
					},
				);
				writes.saturating_inc();
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// [`UncheckedMigrateToV1`] run only on storage version 0, setting version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
