//! Unit tests: the storage migration to version 1.

use super::*;
use crate::migrations::v1;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

#[test]
fn migration_to_v1_snapshots_pending_requests_and_rekeys_the_queue() {
	ExtBuilder::build_and_execute(|| {
		StorageVersion::new(0).put::<Slashing>();
		// Version 0 state: one pending request of AVS 1 due at block 11, one executed incident.
		let old =
			v1::OldPendingSlash::<AccountId, BlockNumber, frame_support::traits::ConstU32<16>> {
				avs: AVS,
				operator: OPERATOR,
				fraction: Perbill::from_percent(10),
				incident: incident(1),
				evidence: frame_support::BoundedVec::truncate_from(b"proof".to_vec()),
				requested_at: 1,
				executable_at: 11,
			};
		v1::old::PendingSlashes::<Test>::insert(0, old);
		v1::old::SlashesDueAt::<Test>::insert(11, vec![0u64]);
		v1::old::Incidents::<Test>::insert(
			(AVS, OPERATOR, incident(1)),
			IncidentStatus::Pending(0),
		);
		v1::old::Incidents::<Test>::insert((AVS, OPERATOR, incident(2)), IncidentStatus::Executed);
		NextSlashId::<Test>::put(1);
		PendingSlashCount::<Test>::insert(AVS, 1);

		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Slashing::on_chain_storage_version(), StorageVersion::new(1));
		let slash = PendingSlashes::<Test>::get(0).expect("migrated");
		assert_eq!(slash.resolver, Some(RESOLVER));
		assert_eq!(slash.destination, SlashDestination::Account(BENEFICIARY));
		assert_eq!(
			slash.pools.to_vec(),
			vec![
				PoolFraction { vault: NATIVE_VAULT, fraction: Perbill::from_percent(5) },
				PoolFraction { vault: STETH_VAULT, fraction: Perbill::from_percent(10) },
			]
		);
		assert_eq!(MockLocks::get((NATIVE_VAULT, OPERATOR)), 1);
		assert_eq!(MockLocks::get((STETH_VAULT, OPERATOR)), 1);
		assert!(SlashesDueAt::<Test>::contains_key(11, 0));
		let record = Incidents::<Test>::get((AVS, OPERATOR, incident(2))).unwrap();
		assert_eq!(record.status, IncidentStatus::Executed);
		assert_eq!(record.deposit, None);
		assert_eq!(record.expires_at, 1 + MaxIncidentAge::get());
		assert_eq!(SlashBudgets::<Test>::get(AVS, OPERATOR).unwrap().incidents, 2);
		// The migrated request executes as usual, against its snapshot.
		run_to_block(11);
		assert!(PendingSlashes::<Test>::get(0).is_none());
		assert_eq!(MockPools::get((NATIVE_VAULT, OPERATOR)).unwrap().active, 950);
		assert_eq!(MockLocks::get((NATIVE_VAULT, OPERATOR)), 0);

		// A second run is a no-op (the version is 1 now).
		let before = PendingSlashes::<Test>::iter().count();
		v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(PendingSlashes::<Test>::iter().count(), before);
	});
}
