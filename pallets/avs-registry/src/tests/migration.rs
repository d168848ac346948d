//! Unit tests: the storage migration to version 1 (veto windows within `MaxVetoWindow`).

use super::*;
use crate::migrations::v1;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

#[test]
fn migration_to_v1_shortens_veto_windows_above_the_bound_and_keeps_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		let long = register(OWNER, default_config());
		let short = register(OTHER_OWNER, default_config());
		// A version-0 chain could hold a veto window above today's bound.
		Avss::<Test>::mutate(long, |info| {
			let info = info.as_mut().expect("registered");
			info.config.slashing.veto_window = MAX_VETO_WINDOW + 4;
			info.config.opt_out_delay = MAX_VETO_WINDOW + 10;
		});
		let short_before = Avss::<Test>::get(short);
		StorageVersion::new(0).put::<AvsRegistry>();

		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(AvsRegistry::on_chain_storage_version(), StorageVersion::new(1));
		let migrated = Avss::<Test>::get(long).expect("kept");
		assert_eq!(migrated.config.slashing.veto_window, MAX_VETO_WINDOW);
		assert_eq!(migrated.config.opt_out_delay, MAX_VETO_WINDOW + 10);
		assert_eq!(Avss::<Test>::get(short), short_before);

		// Version 1 already: a second upgrade changes nothing.
		Avss::<Test>::mutate(short, |info| {
			info.as_mut().expect("registered").config.slashing.veto_window = MAX_VETO_WINDOW + 1;
		});
		v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(
			Avss::<Test>::get(short).expect("kept").config.slashing.veto_window,
			MAX_VETO_WINDOW + 1
		);
		// Restore a valid state for the final try_state check.
		Avss::<Test>::mutate(short, |info| {
			info.as_mut().expect("registered").config.slashing.veto_window = VETO_WINDOW;
		});
	});
}
