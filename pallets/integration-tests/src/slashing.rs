//! Slashing against the real `pallet-restaking` and `pallet-avs-registry`.
//!
//! The main one shows that executing a slash costs the same storage reads and writes whether the
//! slashed pool has 1 or 1,000 delegators: the storage accesses are recorded by wrapping the test
//! externalities in a counting [`Externalities`] implementation.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok};
use pallet_restaking::traits::RestakingInspect;
use pallet_slashing::{types::IncidentStatus, Error, Event, Incidents};
use sp_core::{
	storage::{ChildInfo, StateVersion, TrackedStorageKey},
	H256,
};
use sp_externalities::{Extension, ExtensionStore, Externalities, MultiRemovalResults};
use sp_runtime::Perbill;
use std::{
	any::{Any, TypeId},
	collections::BTreeSet,
};

/// Wraps externalities and records every top-level storage key read or written.
struct CountingExt<'a> {
	inner: &'a mut dyn Externalities,
	/// Distinct keys read (`storage`, `storage_hash`, `exists_storage`, `next_storage_key`).
	reads: BTreeSet<Vec<u8>>,
	/// Distinct keys written (`place_storage`, `storage_append`), and cleared prefixes.
	writes: BTreeSet<Vec<u8>>,
	/// Number of read accesses (with repetitions).
	read_accesses: u32,
	/// Number of write accesses (with repetitions).
	write_accesses: u32,
}

impl<'a> CountingExt<'a> {
	fn new(inner: &'a mut dyn Externalities) -> Self {
		Self {
			inner,
			reads: BTreeSet::new(),
			writes: BTreeSet::new(),
			read_accesses: 0,
			write_accesses: 0,
		}
	}
	fn read(&mut self, key: &[u8]) {
		self.read_accesses += 1;
		self.reads.insert(key.to_vec());
	}
	fn write(&mut self, key: &[u8]) {
		self.write_accesses += 1;
		self.writes.insert(key.to_vec());
	}
}

impl ExtensionStore for CountingExt<'_> {
	fn extension_by_type_id(&mut self, type_id: TypeId) -> Option<&mut dyn Any> {
		self.inner.extension_by_type_id(type_id)
	}
	fn register_extension_with_type_id(
		&mut self,
		type_id: TypeId,
		extension: Box<dyn Extension>,
	) -> Result<(), sp_externalities::Error> {
		self.inner.register_extension_with_type_id(type_id, extension)
	}
	fn deregister_extension_by_type_id(
		&mut self,
		type_id: TypeId,
	) -> Result<(), sp_externalities::Error> {
		self.inner.deregister_extension_by_type_id(type_id)
	}
}

impl Externalities for CountingExt<'_> {
	fn set_offchain_storage(&mut self, key: &[u8], value: Option<&[u8]>) {
		self.inner.set_offchain_storage(key, value)
	}
	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage(key)
	}
	fn storage_hash(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage_hash(key)
	}
	fn child_storage_hash(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.child_storage_hash(child_info, key)
	}
	fn child_storage(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.child_storage(child_info, key)
	}
	fn next_storage_key(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.next_storage_key(key)
	}
	fn next_child_storage_key(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.next_child_storage_key(child_info, key)
	}
	fn kill_child_storage(
		&mut self,
		child_info: &ChildInfo,
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.write(child_info.storage_key());
		self.inner.kill_child_storage(child_info, maybe_limit, maybe_cursor)
	}
	fn clear_prefix(
		&mut self,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.write(prefix);
		self.inner.clear_prefix(prefix, maybe_limit, maybe_cursor)
	}
	fn clear_child_prefix(
		&mut self,
		child_info: &ChildInfo,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.write(prefix);
		self.inner.clear_child_prefix(child_info, prefix, maybe_limit, maybe_cursor)
	}
	fn place_storage(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
		self.write(&key);
		self.inner.place_storage(key, value)
	}
	fn place_child_storage(
		&mut self,
		child_info: &ChildInfo,
		key: Vec<u8>,
		value: Option<Vec<u8>>,
	) {
		self.write(&key);
		self.inner.place_child_storage(child_info, key, value)
	}
	fn storage_root(&mut self, state_version: StateVersion) -> Vec<u8> {
		self.inner.storage_root(state_version)
	}
	fn child_storage_root(
		&mut self,
		child_info: &ChildInfo,
		state_version: StateVersion,
	) -> Vec<u8> {
		self.inner.child_storage_root(child_info, state_version)
	}
	fn storage_append(&mut self, key: Vec<u8>, value: Vec<u8>) {
		self.write(&key);
		self.inner.storage_append(key, value)
	}
	fn storage_start_transaction(&mut self) {
		self.inner.storage_start_transaction()
	}
	fn storage_rollback_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_rollback_transaction()
	}
	fn storage_commit_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_commit_transaction()
	}
	fn wipe(&mut self) {
		self.inner.wipe()
	}
	fn commit(&mut self) {
		self.inner.commit()
	}
	fn read_write_count(&self) -> (u32, u32, u32, u32) {
		self.inner.read_write_count()
	}
	fn reset_read_write_count(&mut self) {
		self.inner.reset_read_write_count()
	}
	fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
		self.inner.get_whitelist()
	}
	fn set_whitelist(&mut self, new: Vec<TrackedStorageKey>) {
		self.inner.set_whitelist(new)
	}
	fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
		self.inner.get_read_and_written_keys()
	}
}

/// Storage accesses of one `execute_slash`, and the resulting pool stake.
#[derive(Debug)]
struct SlashCost {
	reads: BTreeSet<Vec<u8>>,
	writes: BTreeSet<Vec<u8>>,
	read_accesses: u32,
	write_accesses: u32,
	slashed: Balance,
}

/// Set up a pool with `delegators` delegators of 1_000 each (the first one with 100 queued for
/// withdrawal), allocated 50% to an AVS, request a 10% slash and measure its execution.
fn measure_slash(delegators: u32) -> SlashCost {
	let mut ext = new_test_ext(delegators);
	ext.execute_with(|| {
		let avs = setup_slashable_pool(delegators, 1_000, 100, Perbill::from_percent(50));
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			avs,
			OPERATOR,
			Perbill::from_percent(10),
			H256::repeat_byte(1),
			System::block_number(),
			b"proof".to_vec(),
		));
		// Past the veto window without running hooks: the call below executes the slash.
		System::set_block_number(System::block_number() + VETO_WINDOW);
		System::reset_events();
	});
	ext.commit_all().expect("commit works");

	let (counting_reads, counting_writes, read_accesses, write_accesses) = {
		let mut inner = ext.ext();
		let mut counting = CountingExt::new(&mut inner);
		let result = sp_externalities::set_and_run_with_externalities(&mut counting, || {
			Slashing::execute_slash(RuntimeOrigin::signed(ANYONE), 0)
		});
		assert_ok!(result);
		(counting.reads, counting.writes, counting.read_accesses, counting.write_accesses)
	};

	let slashed = ext.execute_with(|| {
		check_invariants();
		let slashed = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::Slashing(Event::SlashExecuted { total_slashed, .. }) =>
					Some(total_slashed),
				_ => None,
			})
			.expect("slash executed");
		assert_eq!(Balances::free_balance(BENEFICIARY), INITIAL_BALANCE + slashed);
		slashed
	});
	SlashCost {
		reads: counting_reads,
		writes: counting_writes,
		read_accesses,
		write_accesses,
		slashed,
	}
}

/// Name storage keys by their pallet and storage item.
fn label_keys(keys: &BTreeSet<Vec<u8>>) -> Vec<String> {
	use frame_support::traits::StorageInfoTrait;
	let infos = AllPalletsWithSystem::storage_info();
	keys.iter()
		.map(|key| {
			infos
				.iter()
				.find(|info| key.starts_with(&info.prefix))
				.map(|info| {
					format!(
						"{}::{}",
						String::from_utf8_lossy(&info.pallet_name),
						String::from_utf8_lossy(&info.storage_name)
					)
				})
				.unwrap_or_else(|| format!("0x{}", sp_core::hexdisplay::HexDisplay::from(key)))
		})
		.collect()
}

#[test]
fn slash_costs_the_same_storage_accesses_for_1_and_1000_delegators() {
	let one = measure_slash(1);
	let thousand = measure_slash(1_000);

	// 5% (10% × 50% allocation) of the pool: 1 delegator: 900 active + 100 queued → 45 + 5;
	// 1,000 delegators: 999_900 active + 100 queued → 49_995 + 5.
	assert_eq!(one.slashed, 50);
	assert_eq!(thousand.slashed, 50_000);

	// Exactly the same storage keys are read and written, the same number of times.
	assert_eq!(one.reads.len(), thousand.reads.len());
	assert_eq!(one.writes.len(), thousand.writes.len());
	assert_eq!(one.reads, thousand.reads);
	assert_eq!(one.writes, thousand.writes);
	assert_eq!(one.read_accesses, thousand.read_accesses);
	assert_eq!(one.write_accesses, thousand.write_accesses);
	// And it is a small, fixed number.
	assert!(one.reads.len() < 40, "reads: {}", one.reads.len());
	assert!(one.writes.len() < 20, "writes: {}", one.writes.len());
	println!("keys read: {:?}", label_keys(&one.reads));
	println!("keys written: {:?}", label_keys(&one.writes));
	println!(
		"execute_slash: {} distinct keys read ({} accesses), {} distinct keys written ({} accesses) \
		 for both 1 and 1,000 delegators",
		one.reads.len(),
		one.read_accesses,
		one.writes.len(),
		one.write_accesses,
	);
}

#[test]
fn slash_lifecycle_with_the_real_ledger_and_registry() {
	new_test_ext(3).execute_with(|| {
		let avs = setup_slashable_pool(3, 1_000, 400, Perbill::from_percent(50));
		let first = FIRST_DELEGATOR;
		// Pool: 2_600 active, 400 queued by the first delegator (still slashable).
		let stake = Restaking::pool_stake(NATIVE_VAULT, &OPERATOR);
		assert_eq!((stake.active, stake.withdrawing), (2_600, 400));

		// A request that the resolver vetoes.
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			avs,
			OPERATOR,
			Perbill::from_percent(20),
			H256::repeat_byte(1),
			System::block_number(),
			vec![],
		));
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 0));
		assert_eq!(
			Incidents::<Test>::get((avs, OPERATOR, H256::repeat_byte(1)))
				.map(|record| record.status),
			Some(IncidentStatus::Vetoed)
		);

		// Above the AVS's cap.
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				avs,
				OPERATOR,
				Perbill::from_percent(21),
				H256::repeat_byte(2),
				System::block_number(),
				vec![],
			),
			Error::<Test>::FractionAboveMax
		);

		// A 20% request of the 50% allocation = 10% of the pool, executed by on_initialize.
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			avs,
			OPERATOR,
			Perbill::from_percent(20),
			H256::repeat_byte(2),
			System::block_number(),
			vec![],
		));
		run_to_block(System::block_number() + VETO_WINDOW);
		System::assert_has_event(
			Event::SlashExecuted {
				slash_id: 1,
				avs,
				operator: OPERATOR,
				fraction: Perbill::from_percent(20),
				total_slashed: 300,
				pools: frame_support::BoundedVec::truncate_from(vec![
					pallet_slashing::types::PoolSlash {
						vault: NATIVE_VAULT,
						fraction: Perbill::from_percent(10),
						amount: 300,
					},
				]),
			}
			.into(),
		);
		let stake = Restaking::pool_stake(NATIVE_VAULT, &OPERATOR);
		assert_eq!((stake.active, stake.withdrawing), (2_340, 360));
		assert_eq!(Balances::free_balance(BENEFICIARY), INITIAL_BALANCE + 300);
		check_invariants();

		// The queued withdrawal pays out at its post-slash value: 400 − 10% = 360.
		run_to_block(System::block_number() + WITHDRAWAL_DELAY + 10);
		let before = Balances::free_balance(first);
		assert_ok!(Restaking::complete_withdrawal(RuntimeOrigin::signed(first), 0));
		assert_eq!(Balances::free_balance(first), before + 360);
		check_invariants();

		// The operator opts out: it stays slashable for the opt-out delay only. A request made
		// inside the delay whose window ends after it keeps its basis and is executed. (First
		// the budget window of the requests above ends, so that 20% can be requested again.)
		run_to_block(105);
		assert_ok!(AvsRegistry::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		let opted_out_at = System::block_number();
		run_to_block(opted_out_at + OPT_OUT_DELAY - 2);
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(SLASHER),
			avs,
			OPERATOR,
			Perbill::from_percent(20),
			H256::repeat_byte(3),
			System::block_number(),
			vec![],
		));
		run_to_block(opted_out_at + OPT_OUT_DELAY - 2 + VETO_WINDOW);
		assert_eq!(
			Incidents::<Test>::get((avs, OPERATOR, H256::repeat_byte(3)))
				.map(|record| record.status),
			Some(IncidentStatus::Executed)
		);
		// 20% of the 50% allocation of 2_340.
		assert_eq!(Restaking::pool_stake(NATIVE_VAULT, &OPERATOR).active, 2_340 - 234);
		// And once the delay is over it cannot be requested at all.
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				avs,
				OPERATOR,
				Perbill::from_percent(20),
				H256::repeat_byte(4),
				System::block_number(),
				vec![],
			),
			Error::<Test>::OperatorNotSlashable
		);
		check_invariants();
	});
}
