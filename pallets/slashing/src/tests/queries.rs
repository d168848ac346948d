//! Unit tests: pending_slashes_of (read-only query for the runtime API).

use super::*;

fn pending_ids(
	avs: Option<pallet_avs_registry::types::AvsId>,
	operator: Option<AccountId>,
) -> Vec<(SlashId, PendingSlashStatus)> {
	Slashing::pending_slashes_of(avs, operator.as_ref())
		.into_iter()
		.map(|(slash_id, _, status)| (slash_id, status))
		.collect()
}

#[test]
fn pending_slashes_of_filters_by_avs_and_operator_and_reports_the_status() {
	use PendingSlashStatus::*;
	ExtBuilder::build_and_execute(|| {
		assert!(Slashing::pending_slashes_of(None, None).is_empty());
		let first = request(1);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER_2),
			AVS_2,
			OPERATOR,
			Perbill::from_percent(30),
			incident(9),
			System::block_number(),
			vec![],
		));
		let third = request(2);

		assert_eq!(
			pending_ids(None, None),
			vec![(0, VetoWindowOpen), (1, VetoWindowOpen), (2, VetoWindowOpen)]
		);
		assert_eq!(
			pending_ids(Some(AVS), None),
			vec![(first, VetoWindowOpen), (third, VetoWindowOpen)]
		);
		assert_eq!(pending_ids(Some(AVS_2), Some(OPERATOR)), vec![(1, VetoWindowOpen)]);
		assert!(pending_ids(None, Some(ANYONE)).is_empty());
		assert!(pending_ids(Some(u32::MAX), None).is_empty());
		let (_, slash, _) = Slashing::pending_slashes_of(Some(AVS_2), None).remove(0);
		assert_eq!(
			(slash.avs, slash.operator, slash.fraction, slash.requested_at, slash.executable_at),
			(AVS_2, OPERATOR, Perbill::from_percent(30), 1, 6)
		);

		// A veto removes the request.
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), third));
		assert_eq!(pending_ids(Some(AVS), None), vec![(first, VetoWindowOpen)]);

		// After the window (without the automatic execution): executable, even if the operator
		// is no longer slashable (the request keeps its basis).
		System::set_block_number(1 + VETO_WINDOW);
		assert_eq!(pending_ids(None, None), vec![(first, Executable), (1, Executable)]);
		opt_out(AVS, OPERATOR, 1 + VETO_WINDOW);
		assert_eq!(pending_ids(None, None), vec![(first, Executable), (1, Executable)]);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), first));
		assert_eq!(pending_ids(None, None), vec![(1, Executable)]);
	});
}
