//! Benchmarks of the rewards pallet.
//!
//! Complexity parameters: `o` operators opted in to the AVS, `v` vaults each operator allocated
//! to it, `p` pools of the claiming staker, `a` reward assets per pool.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use pallet_avs_registry::traits::AvsInspect;
use sp_runtime::traits::Zero;

/// The largest pool (in delegators) the delegator-count benchmarks build.
pub const MAX_BENCHMARKED_DELEGATORS: u32 = 10_000;

/// Amount used for submissions.
fn reward_amount<T: Config>() -> T::Balance {
	T::Balance::from(1_000_000_000u32)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_rewards(
		o: Linear<1, { MaxOperatorsOf::<T>::get() }>,
		v: Linear<1, { MaxVaultsOf::<T>::get() }>,
	) {
		let (avs, owner, asset) = T::BenchmarkHelper::setup_rewarded_avs(o, v, 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			avs,
			asset,
			reward_amount::<T>(),
			T::MinRewardDuration::get(),
			None,
		);

		assert_eq!(NextSubmissionId::<T>::get(), 1);
	}

	/// Not a call weight (excluded from `weights.rs`): `submit_rewards` to one operator with one
	/// pool of `d` delegators, run by `scripts/benchmark-report.sh` at 1, 100 and 10,000
	/// delegators to show that reward distribution never iterates over delegators.
	#[benchmark]
	fn submit_rewards_delegators(d: Linear<1, MAX_BENCHMARKED_DELEGATORS>) {
		let (avs, owner, asset) = T::BenchmarkHelper::setup_rewarded_avs(1, 1, d);

		#[extrinsic_call]
		submit_rewards(
			RawOrigin::Signed(owner),
			avs,
			asset,
			reward_amount::<T>(),
			T::MinRewardDuration::get(),
			None,
		);

		assert_eq!(NextSubmissionId::<T>::get(), 1);
	}

	#[benchmark]
	fn claim_rewards(
		p: Linear<1, { MaxStakerPoolsOf::<T>::get() }>,
		a: Linear<1, { MaxRewardAssetsOf::<T>::get() }>,
	) {
		let staker = T::BenchmarkHelper::setup_staker_with_rewards(p, a);

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()));

		assert!(
			<T::Restaking as pallet_restaking::traits::RestakingRewards<T::AccountId>>::staker_pools(&staker)
				.iter()
				.all(|(vault, operator)| {
					<T::Restaking as pallet_restaking::traits::RestakingRewards<T::AccountId>>::pending_rewards(
						&staker, *vault, operator,
					)
					.is_empty()
				})
		);
	}

	#[benchmark]
	fn claim_commission() {
		let (avs, owner, asset) = T::BenchmarkHelper::setup_rewarded_avs(1, 1, 1);
		Pallet::<T>::submit_rewards(
			RawOrigin::Signed(owner).into(),
			avs,
			asset.clone(),
			reward_amount::<T>(),
			T::MinRewardDuration::get(),
			None,
		)
		.expect("helper sets up a rewarded AVS");
		let operator = T::Avs::opted_in_operators(avs).first().cloned().expect("one operator");
		assert!(!OperatorCommission::<T>::get(&operator, &asset).is_zero());

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), asset.clone());

		assert!(OperatorCommission::<T>::get(&operator, &asset).is_zero());
	}

	#[benchmark]
	fn transfer_protocol_fees() {
		let (avs, owner, asset) = T::BenchmarkHelper::setup_rewarded_avs(1, 1, 1);
		ProtocolFee::<T>::put(T::MaxProtocolFee::get());
		Pallet::<T>::submit_rewards(
			RawOrigin::Signed(owner).into(),
			avs,
			asset.clone(),
			reward_amount::<T>(),
			T::MinRewardDuration::get(),
			None,
		)
		.expect("helper sets up a rewarded AVS");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset.clone());

		assert!(AccruedProtocolFees::<T>::get(&asset).is_zero());
	}

	#[benchmark]
	fn set_protocol_fee() {
		let fee = T::MaxProtocolFee::get();

		#[extrinsic_call]
		_(RawOrigin::Root, fee);

		assert_eq!(ProtocolFee::<T>::get(), fee);
	}

	/// A new asset into a free slot (the insert also bumps the slot count).
	#[benchmark]
	fn set_reward_asset() {
		let (_, _, asset) = T::BenchmarkHelper::setup_rewarded_avs(1, 1, 1);
		let _ = RewardAssets::<T>::clear(u32::MAX, None);

		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), true);

		assert_eq!(RewardAssets::<T>::get(&asset), Some(types::RewardAssetStatus::Enabled));
	}

	/// A pool whose stakers all left while it streamed `a` reward assets.
	#[benchmark]
	fn return_undistributed(a: Linear<1, { MaxRewardAssetsOf::<T>::get() }>) {
		let (vault, operator) = T::BenchmarkHelper::setup_undistributed(a);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), vault, operator.clone());

		assert!(<T::Restaking as pallet_restaking::traits::RestakingRewards<T::AccountId>>::take_undistributed(
			vault, &operator
		)
		.is_empty());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
