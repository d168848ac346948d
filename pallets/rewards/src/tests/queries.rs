//! Unit tests: read-only queries (runtime API helpers).

use super::*;

#[test]
fn claimable_rewards_is_what_claim_rewards_pays() {
	ExtBuilder::build_and_execute(|| {
		let nothing = Rewards::claimable_rewards(&BOB);
		assert!(nothing.pools.is_empty() && nothing.total.is_empty());
		submit(NATIVE, 9_000);
		submit(STETH_ASSET, 900);

		// Bob: two pools, two assets each.
		let claimable = Rewards::claimable_rewards(&BOB);
		assert_eq!(claimable.total, vec![(NATIVE, 1_620), (STETH_ASSET, 162)]);
		assert_eq!(claimable.pools.len(), 2);
		for (_, operator, rewards) in claimable.pools.iter() {
			assert_eq!(*operator, OPERATOR_A);
			assert_eq!(rewards, &vec![(NATIVE, 810), (STETH_ASSET, 81)]);
		}

		let (native_before, steth_before) = (balance(NATIVE, BOB), balance(STETH_ASSET, BOB));
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(balance(NATIVE, BOB) - native_before, 1_620);
		assert_eq!(balance(STETH_ASSET, BOB) - steth_before, 162);
		let after = Rewards::claimable_rewards(&BOB);
		assert!(after.pools.is_empty() && after.total.is_empty());

		// One pool claimed: only the other one is left.
		let (vault, operator, rewards) = Rewards::claimable_rewards(&ALICE).pools.remove(0);
		assert_ok!(Rewards::claim_rewards_from(RuntimeOrigin::signed(ALICE), vault, operator));
		assert_eq!(rewards, vec![(NATIVE, 2_430), (STETH_ASSET, 243)]);
		assert!(Rewards::claimable_rewards(&ALICE).pools.is_empty());
	});
}

#[test]
fn claimable_commission_lists_every_asset_by_asset() {
	ExtBuilder::build_and_execute(|| {
		assert!(Rewards::claimable_commission(&OPERATOR_A).is_empty());
		submit(STETH_ASSET, 900);
		submit(NATIVE, 9_000);
		assert_eq!(
			Rewards::claimable_commission(&OPERATOR_A),
			vec![(NATIVE, 450), (STETH_ASSET, 45)]
		);
		assert_eq!(
			Rewards::claimable_commission(&OPERATOR_B),
			vec![(NATIVE, 720), (STETH_ASSET, 72)]
		);
		assert_ok!(Rewards::claim_commission(RuntimeOrigin::signed(OPERATOR_A), NATIVE));
		assert_eq!(Rewards::claimable_commission(&OPERATOR_A), vec![(STETH_ASSET, 45)]);
	});
}
