//! Changes of an AVS's rules ([`crate::Pallet::update_avs`]): a change that puts more at risk
//! waits for the longest of the rule-change delay, the AVS's opt-out delay and its vaults'
//! withdrawal waits, so operators and stakers who disagree are out first; the rest of the
//! configuration, and rules that put no more at risk, are in force at once.

use super::*;
use crate::{
	types::{AvsConfig, AvsSlashingParams},
	ScheduledRuleChanges, ScheduledRules,
};

type Rules = AvsSlashingParams<AccountId, u64>;

/// The slashing parameters `AvsInspect` reports for `avs` now.
fn rules_in_force(avs: AvsId) -> Rules {
	<AvsRegistry as AvsInspect<AccountId>>::slashing_params(avs).expect("a live AVS")
}

fn scheduled_events() -> Vec<(AvsId, u64)> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::AvsRegistry(Event::AvsRulesChangeScheduled {
				avs, effective_at, ..
			}) => Some((avs, effective_at)),
			_ => None,
		})
		.collect()
}

/// The default configuration with a 50% cap (the default's is 20%): a riskier change.
fn higher_cap() -> AvsConfig<Test> {
	let mut config = default_config();
	config.slashing.max_slash = percent(50);
	config
}

#[test]
fn a_riskier_change_waits_and_the_rest_of_the_configuration_applies_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		let mut config = higher_cap();
		config.metadata = BoundedVec::truncate_from(b"bridge".to_vec());
		config.reward_assets = BoundedVec::truncate_from(vec![NativeOrWithId::WithId(1)]);
		config.min_operator_stake = 7;
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));

		// The rule-change delay is the longest wait here (opt-out 15, withdrawals 20).
		let effective_at = 1 + RULE_CHANGE_DELAY;
		System::assert_has_event(Event::AvsUpdated { avs }.into());
		System::assert_last_event(
			Event::AvsRulesChangeScheduled {
				avs,
				slashing: config.slashing.clone(),
				opt_out_delay: config.opt_out_delay,
				effective_at,
			}
			.into(),
		);
		assert_eq!(
			ScheduledRuleChanges::<Test>::get(avs),
			Some(ScheduledRules {
				slashing: config.slashing.clone(),
				opt_out_delay: config.opt_out_delay,
				effective_at,
			})
		);
		// Everything but the rules is in force.
		let stored = Avss::<Test>::get(avs).unwrap().config;
		assert_eq!(stored.metadata, config.metadata);
		assert_eq!(stored.reward_assets, config.reward_assets);
		assert_eq!(stored.min_operator_stake, 7);
		assert!(<AvsRegistry as AvsInspect<AccountId>>::accepts_reward_asset(
			avs,
			&NativeOrWithId::WithId(1)
		));
		assert_eq!(stored.slashing, default_config().slashing);

		run_to_block(effective_at - 1);
		assert_eq!(rules_in_force(avs), default_config().slashing);
		// From its block on the change is in force, with no transaction.
		run_to_block(effective_at);
		assert_eq!(rules_in_force(avs), config.slashing);
		assert_eq!(AvsRegistry::live_avs(avs).unwrap().config, config);
		assert_eq!(Avss::<Test>::get(avs).unwrap().config.slashing, default_config().slashing);
	});
}

#[test]
fn every_rule_that_puts_more_at_risk_waits_and_every_other_applies_at_once() {
	let riskier: Vec<(&str, fn(&mut AvsConfig<Test>))> = vec![
		("another slasher", |c| c.slashing.slasher = OTHER_OWNER),
		("no resolver", |c| c.slashing.resolver = None),
		("another resolver", |c| c.slashing.resolver = Some(OTHER_OWNER)),
		("a higher cap", |c| c.slashing.max_slash = percent(21)),
		("a shorter veto window", |c| c.slashing.veto_window = VETO_WINDOW - 1),
		("another destination", |c| c.slashing.destination = SlashDestination::Account(OWNER)),
		("a longer opt-out delay", |c| c.opt_out_delay = OPT_OUT_DELAY + 1),
	];
	for (what, change) in riskier {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			let mut config = default_config();
			change(&mut config);
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config));
			assert!(ScheduledRuleChanges::<Test>::contains_key(avs), "{what} must wait");
			assert_eq!(Avss::<Test>::get(avs).unwrap().config, default_config(), "{what}");
		});
	}

	let no_riskier: Vec<(&str, fn(&mut AvsConfig<Test>))> = vec![
		("the same rules", |_| {}),
		("a lower cap", |c| c.slashing.max_slash = percent(19)),
		("a longer veto window", |c| c.slashing.veto_window = VETO_WINDOW + 1),
		("a shorter opt-out delay", |c| c.opt_out_delay = OPT_OUT_DELAY - 1),
	];
	for (what, change) in no_riskier {
		ExtBuilder::default().build_and_execute(|| {
			let avs = register(OWNER, default_config());
			let mut config = default_config();
			change(&mut config);
			assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));
			assert!(!ScheduledRuleChanges::<Test>::contains_key(avs), "{what} applies at once");
			assert_eq!(Avss::<Test>::get(avs).unwrap().config, config, "{what}");
			assert!(scheduled_events().is_empty(), "{what}");
		});
	}
}

#[test]
fn an_operator_that_opts_out_at_the_announcement_is_out_when_the_change_applies() {
	ExtBuilder::default().build_and_execute(|| {
		// An opt-out delay longer than the rule-change delay decides the wait.
		let mut config = default_config();
		config.opt_out_delay = 60;
		let avs = register(OWNER, config.clone());
		assert_ok!(AvsRegistry::opt_in(signed(OPERATOR_A), avs));
		config.slashing.max_slash = percent(100);
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));
		let effective_at = 1 + 60;
		assert_eq!(scheduled_events(), vec![(avs, effective_at)]);

		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
		run_to_block(effective_at - 1);
		assert!(<AvsRegistry as AvsInspect<AccountId>>::is_slashable(avs, &OPERATOR_A));
		assert_eq!(rules_in_force(avs).max_slash, percent(20));
		run_to_block(effective_at);
		assert_eq!(rules_in_force(avs).max_slash, percent(100));
		assert!(!<AvsRegistry as AvsInspect<AccountId>>::is_slashable(avs, &OPERATOR_A));
	});
}

#[test]
fn the_wait_covers_the_longest_withdrawal_wait_of_the_old_and_new_vaults() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		// An accepted vault with a 40-block delay: its stakers need 40 blocks to leave.
		MockRestaking::set_vault(VAULT_1, NativeOrWithId::WithId(1), true, 40);
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher_cap()));
		assert_eq!(ScheduledRuleChanges::<Test>::get(avs).unwrap().effective_at, 1 + 40);

		// A vault the new configuration adds counts too.
		let avs = register(OWNER, default_config());
		MockRestaking::set_vault(VAULT_2, NativeOrWithId::WithId(2), true, 50);
		let mut config = higher_cap();
		config.accepted_vaults = BoundedVec::truncate_from(vec![VAULT_0, VAULT_1, VAULT_2]);
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, config.clone()));
		assert_eq!(ScheduledRuleChanges::<Test>::get(avs).unwrap().effective_at, 1 + 50);
		// The added vault is accepted at once.
		assert_eq!(Avss::<Test>::get(avs).unwrap().config.accepted_vaults, config.accepted_vaults);
	});
}

#[test]
fn a_new_riskier_change_restarts_the_wait_and_the_same_rules_keep_their_block() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher_cap()));
		let first = 1 + RULE_CHANGE_DELAY;

		// The owner resubmits the scheduled rules with new metadata: the block stays.
		run_to_block(10);
		let mut same_rules = higher_cap();
		same_rules.metadata = BoundedVec::truncate_from(b"v2".to_vec());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, same_rules));
		assert_eq!(ScheduledRuleChanges::<Test>::get(avs).unwrap().effective_at, first);
		assert_eq!(scheduled_events(), vec![(avs, first)]);
		assert_eq!(&Avss::<Test>::get(avs).unwrap().config.metadata[..], b"v2");

		// Other riskier rules replace the change and wait anew: resubmitting cannot shorten it.
		let mut higher = default_config();
		higher.slashing.max_slash = percent(60);
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher.clone()));
		let second = 10 + RULE_CHANGE_DELAY;
		assert_eq!(scheduled_events(), vec![(avs, first), (avs, second)]);
		run_to_block(first);
		assert_eq!(rules_in_force(avs), default_config().slashing);
		run_to_block(second);
		assert_eq!(rules_in_force(avs), higher.slashing);
	});
}

#[test]
fn rules_no_riskier_than_those_in_force_drop_a_scheduled_change() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher_cap()));
		let mut lower = default_config();
		lower.slashing.max_slash = percent(10);
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, lower.clone()));
		System::assert_has_event(Event::AvsRulesChangeCancelled { avs }.into());
		assert!(!ScheduledRuleChanges::<Test>::contains_key(avs));
		assert_eq!(rules_in_force(avs), lower.slashing);
		run_to_block(1 + RULE_CHANGE_DELAY);
		assert_eq!(rules_in_force(avs), lower.slashing);
	});
}

#[test]
fn opt_outs_removals_and_deregistration_use_the_opt_out_delay_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		for operator in [OPERATOR_A, OPERATOR_B] {
			assert_ok!(AvsRegistry::opt_in(signed(operator), avs));
		}
		let mut longer = default_config();
		longer.opt_out_delay = 40;
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, longer));
		let effective_at = 1 + RULE_CHANGE_DELAY;

		// Before the change: the old delay.
		assert_ok!(AvsRegistry::opt_out(signed(OPERATOR_A), avs));
		assert_eq!(
			OptIns::<Test>::get(avs, OPERATOR_A),
			Some(OptInStatus::OptingOut { until: 1 + OPT_OUT_DELAY })
		);

		// After it: the new one, for the owner's removal and the deregistration alike.
		run_to_block(effective_at);
		assert_ok!(AvsRegistry::remove_operator(signed(OWNER), avs, OPERATOR_B));
		assert_eq!(
			OptIns::<Test>::get(avs, OPERATOR_B),
			Some(OptInStatus::OptingOut { until: effective_at + 40 })
		);
		assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
		let info = Avss::<Test>::get(avs).unwrap();
		assert_eq!(info.status, AvsStatus::Deregistering { until: effective_at + 40 });
		// The record took the change in force.
		assert_eq!(info.config.opt_out_delay, 40);
		assert!(!ScheduledRuleChanges::<Test>::contains_key(avs));
	});
}

#[test]
fn removing_a_deregistered_avs_removes_its_scheduled_change() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher_cap()));
		assert_ok!(AvsRegistry::deregister_avs(signed(OWNER), avs));
		// Deregistering under the rules in force: 15 blocks, before the change's block.
		assert!(ScheduledRuleChanges::<Test>::contains_key(avs));
		run_to_block(1 + OPT_OUT_DELAY);
		assert_ok!(AvsRegistry::finalize_deregistration(signed(NOBODY), avs));
		assert!(!ScheduledRuleChanges::<Test>::contains_key(avs));
		assert!(!Avss::<Test>::contains_key(avs));
	});
}

#[test]
fn an_update_after_the_change_is_due_starts_from_the_new_rules() {
	ExtBuilder::default().build_and_execute(|| {
		let avs = register(OWNER, default_config());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, higher_cap()));
		run_to_block(1 + RULE_CHANGE_DELAY);
		// The new rules are in force: submitting them again changes no rule and writes them.
		let mut metadata_only = higher_cap();
		metadata_only.metadata = BoundedVec::truncate_from(b"v3".to_vec());
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, metadata_only.clone()));
		assert_eq!(Avss::<Test>::get(avs).unwrap().config, metadata_only);
		assert!(!ScheduledRuleChanges::<Test>::contains_key(avs));
		// Going back to the old cap is a lower cap now: at once.
		assert_ok!(AvsRegistry::update_avs(signed(OWNER), avs, default_config()));
		assert_eq!(rules_in_force(avs), default_config().slashing);
	});
}

#[test]
fn try_state_refuses_a_scheduled_change_of_an_unknown_avs() {
	ExtBuilder::default().build().execute_with(|| {
		ScheduledRuleChanges::<Test>::insert(
			7,
			ScheduledRules {
				slashing: default_config().slashing,
				opt_out_delay: OPT_OUT_DELAY,
				effective_at: 10,
			},
		);
		assert!(AvsRegistry::do_try_state().is_err());
	});
}
