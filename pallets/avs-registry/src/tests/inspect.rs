//! The [`crate::traits::AvsInspect`] view read by the slashing and rewards pallets.

use super::*;

#[test]
fn reports_owner_params_and_reward_assets() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		assert_eq!(AvsRegistry::avs_owner(avs), Some(OWNER));
		assert_eq!(AvsRegistry::avs_owner(avs + 1), None);
		assert_eq!(AvsRegistry::slashing_params(avs), Some(default_config().slashing));
		assert_eq!(AvsRegistry::slashing_params(avs + 1), None);
		assert!(AvsRegistry::accepts_reward_asset(avs, &NativeOrWithId::Native));
		assert!(!AvsRegistry::accepts_reward_asset(avs, &NativeOrWithId::WithId(1)));
		assert!(!AvsRegistry::accepts_reward_asset(avs + 1, &NativeOrWithId::Native));
	});
}

#[test]
fn lists_only_opted_in_operators() {
	ExtBuilder::default().build_and_execute(|| {
		let mut config = default_config();
		config.requires_approval = true;
		let avs = register(OWNER, config);
		for operator in [OPERATOR_A, OPERATOR_B, 12] {
			MockRestaking::set_operator(operator, true);
			assert_ok!(AvsRegistry::opt_in(signed(operator), avs));
		}
		assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_A));
		assert_ok!(AvsRegistry::approve_operator(signed(OWNER), avs, OPERATOR_B));
		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_B), avs));
		assert_eq!(AvsRegistry::opted_in_operators(avs).into_inner(), vec![OPERATOR_A]);
		assert!(AvsRegistry::is_slashable(avs, &OPERATOR_B));
		assert!(!AvsRegistry::is_slashable(avs, &12));
		assert!(!AvsRegistry::is_slashable(avs, &NOBODY));
	});
}

#[test]
fn allocations_cover_several_vaults_and_omit_zeros() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = allocated_avs(percent(30));
		assert_ok!(AvsRegistry::set_allocation(signed(OPERATOR_A), avs, VAULT_1, percent(60)));
		// Vault 1 pending: slashable and active show vault 0 only.
		assert_eq!(slashable(avs, OPERATOR_A), vec![(VAULT_0, percent(30))]);
		assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(30))]);
		run_to_block(System::block_number() + ALLOCATION_DELAY);
		assert_eq!(
			slashable(avs, OPERATOR_A),
			vec![(VAULT_0, percent(30)), (VAULT_1, percent(60))]
		);
		assert_eq!(active(avs, OPERATOR_A), vec![(VAULT_0, percent(30)), (VAULT_1, percent(60))]);
		assert!(slashable(avs, OPERATOR_B).is_empty());
	});
}
