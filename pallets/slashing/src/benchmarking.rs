//! Benchmarks of the slashing pallet.
//!
//! Complexity parameters: `e` evidence length, `v` vaults the operator allocated to the AVS
//! (pools slashed per execution), `n` slashes executed by `on_initialize` in one block.

use super::*;
use crate::types::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{Get, Hooks};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_avs_registry::traits::AvsInspect;
use sp_core::H256;

/// Request a slash of the AVS's maximum fraction for incident `incident`; returns its id.
fn request<T: Config>(
	avs: pallet_avs_registry::types::AvsId,
	slasher: &T::AccountId,
	operator: &T::AccountId,
	incident: u8,
) -> SlashId {
	let params = T::Avs::slashing_params(avs).expect("helper registers the AVS");
	let slash_id = NextSlashId::<T>::get();
	Pallet::<T>::request_slash(
		RawOrigin::Signed(slasher.clone()).into(),
		avs,
		operator.clone(),
		params.max_slash,
		H256::repeat_byte(incident),
		vec![incident; T::MaxEvidenceLen::get() as usize],
	)
	.expect("helper sets up a slashable operator");
	slash_id
}

/// A requested slash of an operator with `vaults` pools of `delegators` stakers each, at the
/// block its veto window has passed; returns its id.
fn due_slash<T: Config>(vaults: u32, delegators: u32) -> SlashId {
	let (avs, slasher, operator) = T::BenchmarkHelper::setup_slashable_operator(vaults, delegators);
	let slash_id = request::<T>(avs, &slasher, &operator, 1);
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
	fn request_slash(e: Linear<0, { T::MaxEvidenceLen::get() }>) {
		let (avs, slasher, operator) =
			T::BenchmarkHelper::setup_slashable_operator(MaxVaultsOf::<T>::get(), 1);
		let fraction = T::Avs::slashing_params(avs).expect("registered").max_slash;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(slasher),
			avs,
			operator,
			fraction,
			H256::repeat_byte(1),
			vec![1u8; e as usize],
		);

		assert_eq!(PendingSlashCount::<T>::get(avs), 1);
	}

	#[benchmark]
	fn veto_slash() {
		let (avs, slasher, operator) = T::BenchmarkHelper::setup_slashable_operator(1, 1);
		let slash_id = request::<T>(avs, &slasher, &operator, 1);
		let origin = match T::Avs::slashing_params(avs).and_then(|params| params.resolver) {
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
			{
				T::MaxAutoExecutionsPerBlock::get()
					.min(T::MaxPendingSlashesPerAvs::get())
					.min(T::MaxSlashesDuePerBlock::get())
			},
		>,
		v: Linear<1, { MaxVaultsOf::<T>::get() }>,
	) {
		let (avs, slasher, operator) = T::BenchmarkHelper::setup_slashable_operator(v, 1);
		let mut due_block = frame_system::Pallet::<T>::block_number();
		for incident in 0..n {
			let slash_id = request::<T>(avs, &slasher, &operator, incident as u8);
			due_block = executable_at::<T>(slash_id);
		}
		frame_system::Pallet::<T>::set_block_number(due_block);

		#[block]
		{
			Pallet::<T>::on_initialize(due_block);
		}

		assert_eq!(PendingSlashCount::<T>::get(avs), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
