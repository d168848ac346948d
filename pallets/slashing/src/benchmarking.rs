//! Benchmarks of the slashing pallet.
//!
//! Complexity parameters: `e` evidence length, `v` vaults the operator allocated to the AVS
//! (pools locked per request, slashed per execution), `n` slashes executed by
//! `on_initialize` in one block.

use super::*;
use crate::types::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_avs_registry::traits::AvsInspect;
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};

/// A slashable operator from the runtime's helper, with a slasher that can pay many request
/// deposits.
fn setup<T: Config>(
	vaults: u32,
	delegators: u32,
) -> (pallet_avs_registry::types::AvsId, T::AccountId, T::AccountId) {
	let (avs, slasher, operator) = T::BenchmarkHelper::setup_slashable_operator(vaults, delegators);
	let funds = T::RequestDeposit::get()
		.saturating_mul(1_000u32.into())
		.saturating_add(T::Currency::minimum_balance())
		.saturating_add(T::Currency::balance(&slasher));
	T::Currency::set_balance(&slasher, funds);
	(avs, slasher, operator)
}

/// Request a slash of `fraction` for incident `incident`; returns its id.
fn request<T: Config>(
	avs: pallet_avs_registry::types::AvsId,
	slasher: &T::AccountId,
	operator: &T::AccountId,
	fraction: Perbill,
	incident: u8,
) -> SlashId {
	let slash_id = NextSlashId::<T>::get();
	Pallet::<T>::request_slash(
		RawOrigin::Signed(slasher.clone()).into(),
		avs,
		operator.clone(),
		fraction,
		H256::repeat_byte(incident),
		frame_system::Pallet::<T>::block_number(),
		vec![incident; T::MaxEvidenceLen::get() as usize],
	)
	.expect("helper sets up a slashable operator");
	slash_id
}

fn max_slash<T: Config>(avs: pallet_avs_registry::types::AvsId) -> Perbill {
	T::Avs::slashing_params(avs).expect("helper registers the AVS").max_slash
}

/// A requested slash of an operator with `vaults` pools of `delegators` stakers each, at the
/// block its veto window has passed; returns its id.
fn due_slash<T: Config>(vaults: u32, delegators: u32) -> SlashId {
	let (avs, slasher, operator) = setup::<T>(vaults, delegators);
	let slash_id = request::<T>(avs, &slasher, &operator, max_slash::<T>(avs), 1);
	frame_system::Pallet::<T>::set_block_number(executable_at::<T>(slash_id));
	slash_id
}

/// The largest pool (in delegators) the delegator-count benchmarks build.
pub const MAX_BENCHMARKED_DELEGATORS: u32 = 10_000;

fn executable_at<T: Config>(slash_id: SlashId) -> BlockNumberFor<T> {
	PendingSlashes::<T>::get(slash_id).expect("requested").executable_at
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request_slash(
		e: Linear<0, { T::MaxEvidenceLen::get() }>,
		v: Linear<1, { MaxVaultsOf::<T>::get() }>,
	) {
		let (avs, slasher, operator) = setup::<T>(v, 1);
		let fraction = max_slash::<T>(avs);
		let now = frame_system::Pallet::<T>::block_number();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(slasher),
			avs,
			operator,
			fraction,
			H256::repeat_byte(1),
			now,
			vec![1u8; e as usize],
		);

		assert_eq!(PendingSlashCount::<T>::get(avs), 1);
	}

	#[benchmark]
	fn veto_slash(v: Linear<1, { MaxVaultsOf::<T>::get() }>) {
		let (avs, slasher, operator) = setup::<T>(v, 1);
		let slash_id = request::<T>(avs, &slasher, &operator, max_slash::<T>(avs), 1);
		let origin = match PendingSlashes::<T>::get(slash_id).and_then(|slash| slash.resolver) {
			Some(resolver) => RawOrigin::Signed(resolver),
			None => RawOrigin::Root,
		};

		#[extrinsic_call]
		_(origin, slash_id);

		assert!(PendingSlashes::<T>::get(slash_id).is_none());
	}

	#[benchmark]
	fn execute_slash(v: Linear<1, { MaxVaultsOf::<T>::get() }>) {
		let slash_id = due_slash::<T>(v, 1);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), slash_id);

		assert!(PendingSlashes::<T>::get(slash_id).is_none());
	}

	/// Not a call weight (excluded from `weights.rs`): `execute_slash` of one pool with `d`
	/// delegators, run by `scripts/benchmark-report.sh` at 1, 100 and 10,000 delegators to
	/// show that slashing never iterates over delegators.
	#[benchmark]
	fn execute_slash_delegators(d: Linear<1, MAX_BENCHMARKED_DELEGATORS>) {
		let slash_id = due_slash::<T>(1, d);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		execute_slash(RawOrigin::Signed(caller), slash_id);

		assert!(PendingSlashes::<T>::get(slash_id).is_none());
	}

	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
	}

	#[benchmark]
	fn on_initialize(
		n: Linear<
			1,
			{ T::MaxAutoExecutionsPerBlock::get().min(T::MaxPendingSlashesPerAvs::get()) },
		>,
		v: Linear<1, { MaxVaultsOf::<T>::get() }>,
	) {
		let (avs, slasher, operator) = setup::<T>(v, 1);
		// n requests within one budget window share `max_slash`.
		let fraction = Perbill::from_parts((max_slash::<T>(avs).deconstruct() / n).max(1));
		let mut due_block = frame_system::Pallet::<T>::block_number();
		for incident in 0..n {
			let slash_id = request::<T>(avs, &slasher, &operator, fraction, incident as u8);
			due_block = executable_at::<T>(slash_id);
		}
		frame_system::Pallet::<T>::set_block_number(due_block);

		#[block]
		{
			Pallet::<T>::on_initialize(due_block);
		}

		assert_eq!(PendingSlashCount::<T>::get(avs), 0);
	}

	/// Prune the last incident record of an (AVS, operator): the budget record goes too.
	#[benchmark]
	fn prune_incident() {
		let slash_id = due_slash::<T>(1, 1);
		let slash = PendingSlashes::<T>::get(slash_id).expect("requested");
		let caller: T::AccountId = whitelisted_caller();
		assert!(
			Pallet::<T>::execute_slash(RawOrigin::Signed(caller.clone()).into(), slash_id).is_ok()
		);
		let expiry = slash
			.requested_at
			.saturating_add(T::MaxIncidentAge::get())
			.max(slash.requested_at.saturating_add(T::SlashBudgetWindow::get()));
		frame_system::Pallet::<T>::set_block_number(expiry);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), slash.avs, slash.operator.clone(), slash.incident);

		assert!(!Incidents::<T>::contains_key((slash.avs, &slash.operator, slash.incident)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
