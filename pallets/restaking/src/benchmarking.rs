//! Benchmarks of the restaking pallet (one per call, plus the trait functions the slashing and
//! rewards pallets call: `slash_pool` by number of live buckets, `credit_pool_reward`,
//! `take_pending_rewards`). Every benchmark sets up its worst case: pools tracking
//! `MaxRewardAssets` reward assets (settlement loops over them), a staker with
//! `MaxPendingWithdrawals - 1` queued withdrawals where the call adds one.

use super::*;
use crate::{
	benchmark_helpers::{collateral, fund, funded_account, unit},
	traits::{RestakingRewards, RestakingSlash},
	Pallet as Restaking,
};
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::*, traits::fungibles};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{Bounded, Saturating, Zero},
	Perbill,
};

/// The signer of a benchmarked call, funded like [`funded_account`]. Its `System::Account` is
/// whitelisted (as in `pallet-balances`' benchmarks): the transaction fee reads and writes it
/// anyway.
fn funded_caller<T: Config>() -> T::AccountId {
	let caller: T::AccountId = whitelisted_caller();
	fund::<T>(&caller);
	caller
}

fn new_vault<T: Config>() -> (VaultId, T::AccountId) {
	let owner = funded_account::<T>("owner", 0);
	let vault = NextVaultId::<T>::get();
	assert!(Restaking::<T>::create_vault(
		RawOrigin::Signed(owner.clone()).into(),
		collateral::<T>(),
		T::Balance::max_value(),
		Zero::zero(),
		T::MaxWithdrawalDelay::get(),
	)
	.is_ok());
	(vault, owner)
}

fn new_operator<T: Config>(index: u32) -> T::AccountId {
	let operator = funded_account::<T>("operator", index);
	assert!(Restaking::<T>::register_operator(
		RawOrigin::Signed(operator.clone()).into(),
		Perbill::zero(),
		BoundedVec::truncate_from(vec![0u8; T::MaxMetadataLen::get() as usize]),
	)
	.is_ok());
	operator
}

fn deposit_into<T: Config>(staker: &T::AccountId, vault: VaultId, operator: &T::AccountId) {
	assert!(Restaking::<T>::deposit(
		RawOrigin::Signed(staker.clone()).into(),
		vault,
		operator.clone(),
		unit::<T>().saturating_mul(100u32.into()),
	)
	.is_ok());
}

/// A block a stream credited now ends at: far enough for every release to be partial (the
/// release's worst case: a division, not a plain move).
fn stream_end<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number().saturating_add(1_000_000u32.into())
}

/// An amount streamed so that every block releases something (a million units).
fn stream_amount<T: Config>() -> T::Balance {
	unit::<T>().saturating_mul(1_000_000u32.into())
}

/// Let `blocks` blocks pass, so that streams have something to release.
fn advance_blocks<T: Config>(blocks: u32) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks.into()));
}

/// Stream every reward asset the pool can track to it, and let a block pass so that the
/// next touch releases from every stream.
fn credit_all_reward_assets<T: Config>(vault: VaultId, operator: &T::AccountId) {
	for index in 0..T::MaxRewardAssets::get() {
		assert!(Restaking::<T>::credit_pool_reward(
			vault,
			operator,
			T::BenchmarkHelper::reward_asset(index),
			stream_amount::<T>(),
			stream_end::<T>(),
		)
		.is_ok());
	}
	advance_blocks::<T>(1);
}

/// Queue `count` one-unit withdrawals of `staker`, one bucket (epoch) apart, ending in the
/// epoch of `start`.
fn fill_pending<T: Config>(
	staker: &T::AccountId,
	vault: VaultId,
	operator: &T::AccountId,
	count: u32,
) {
	let start = frame_system::Pallet::<T>::block_number();
	let length = Vaults::<T>::get(vault).unwrap().bucket_length;
	for i in 0..count {
		let block = start.saturating_add(length.saturating_mul(i.into()));
		frame_system::Pallet::<T>::set_block_number(block);
		assert!(Restaking::<T>::queue_withdrawal(
			RawOrigin::Signed(staker.clone()).into(),
			vault,
			operator.clone(),
			unit::<T>(),
		)
		.is_ok());
	}
	let next = start.saturating_add(length.saturating_mul(count.into()));
	frame_system::Pallet::<T>::set_block_number(next);
}

/// A pool with a staker, all reward assets credited, and the staker's pending list one short
/// of full.
fn busy_pool<T: Config>() -> (VaultId, T::AccountId, T::AccountId) {
	let (vault, _) = new_vault::<T>();
	let operator = new_operator::<T>(0);
	let staker = funded_account::<T>("staker", 0);
	deposit_into::<T>(&staker, vault, &operator);
	deposit_into::<T>(&funded_account::<T>("staker", 1), vault, &operator);
	credit_all_reward_assets::<T>(vault, &operator);
	fill_pending::<T>(&staker, vault, &operator, T::MaxPendingWithdrawals::get().saturating_sub(1));
	(vault, operator, staker)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_operator() {
		let operator = funded_account::<T>("operator", 0);
		let metadata = BoundedVec::truncate_from(vec![1u8; T::MaxMetadataLen::get() as usize]);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), T::MaxCommission::get(), metadata);

		assert!(Operators::<T>::contains_key(&operator));
	}

	#[benchmark]
	fn set_commission() {
		let operator = new_operator::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), T::MaxCommission::get());

		let info = Operators::<T>::get(&operator).unwrap();
		assert!(info.pending_commission.is_some() || info.commission == T::MaxCommission::get());
	}

	#[benchmark]
	fn pause_operator() {
		let operator = new_operator::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert_eq!(Operators::<T>::get(&operator).unwrap().status, OperatorStatus::Paused);
	}

	#[benchmark]
	fn resume_operator() {
		let operator = new_operator::<T>(0);
		assert!(Restaking::<T>::pause_operator(RawOrigin::Signed(operator.clone()).into()).is_ok());

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert_eq!(Operators::<T>::get(&operator).unwrap().status, OperatorStatus::Active);
	}

	#[benchmark]
	fn leave_operators() {
		let operator = new_operator::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert_eq!(Operators::<T>::get(&operator).unwrap().status, OperatorStatus::Leaving);
	}

	#[benchmark]
	fn create_vault() {
		let owner = funded_caller::<T>();
		let vault = NextVaultId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			collateral::<T>(),
			T::Balance::max_value(),
			Zero::zero(),
			T::MaxWithdrawalDelay::get(),
		);

		assert!(Vaults::<T>::contains_key(vault));
	}

	#[benchmark]
	fn force_create_vault() {
		let owner = funded_account::<T>("owner", 0);
		let vault = NextVaultId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Root,
			owner,
			collateral::<T>(),
			T::Balance::max_value(),
			Zero::zero(),
			T::MaxWithdrawalDelay::get(),
		);

		assert!(Vaults::<T>::contains_key(vault));
	}

	#[benchmark]
	fn set_vault_limits() {
		let (vault, owner) = new_vault::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), vault, unit::<T>(), Zero::zero());

		assert_eq!(Vaults::<T>::get(vault).unwrap().deposit_cap, unit::<T>());
	}

	#[benchmark]
	fn pause_vault() {
		let (vault, owner) = new_vault::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), vault);

		assert!(Vaults::<T>::get(vault).unwrap().paused);
	}

	#[benchmark]
	fn resume_vault() {
		let (vault, owner) = new_vault::<T>();
		assert!(Restaking::<T>::pause_vault(RawOrigin::Signed(owner.clone()).into(), vault).is_ok());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), vault);

		assert!(!Vaults::<T>::get(vault).unwrap().paused);
	}

	#[benchmark]
	fn deposit() {
		// A new position in a pool that tracks every reward asset.
		let (vault, _) = new_vault::<T>();
		let operator = new_operator::<T>(0);
		deposit_into::<T>(&funded_account::<T>("staker", 1), vault, &operator);
		credit_all_reward_assets::<T>(vault, &operator);
		let staker = funded_caller::<T>();
		let amount = unit::<T>().saturating_mul(100u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), vault, operator.clone(), amount);

		assert!(Positions::<T>::contains_key(&staker, (vault, operator)));
	}

	/// `deposit` into a position the staker already has (its post-dispatch weight).
	#[benchmark]
	fn deposit_top_up() {
		// The position earns every reward asset the pool tracks, so settling it loops over all.
		let (vault, _) = new_vault::<T>();
		let operator = new_operator::<T>(0);
		let staker = funded_caller::<T>();
		deposit_into::<T>(&staker, vault, &operator);
		credit_all_reward_assets::<T>(vault, &operator);
		let shares_before = Positions::<T>::get(&staker, (vault, operator.clone())).unwrap().shares;
		let amount = unit::<T>().saturating_mul(100u32.into());

		#[extrinsic_call]
		deposit(RawOrigin::Signed(staker.clone()), vault, operator.clone(), amount);

		assert!(Positions::<T>::get(&staker, (vault, operator)).unwrap().shares > shares_before);
	}

	#[benchmark]
	fn queue_withdrawal() {
		let (vault, operator, staker) = busy_pool::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), vault, operator, unit::<T>());

		assert_eq!(
			PendingWithdrawals::<T>::get(&staker).len() as u32,
			T::MaxPendingWithdrawals::get()
		);
	}

	#[benchmark]
	fn redelegate() {
		let (vault, operator, staker) = busy_pool::<T>();
		let target = new_operator::<T>(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), vault, operator, target, unit::<T>());

		assert_eq!(
			PendingWithdrawals::<T>::get(&staker).len() as u32,
			T::MaxPendingWithdrawals::get()
		);
	}

	#[benchmark]
	fn complete_withdrawal() {
		// Collateral paid out of the vault to the staker, from the front of a full queue.
		let (vault, _operator, staker) = busy_pool::<T>();
		let pending = PendingWithdrawals::<T>::get(&staker);
		let newest = pending.last().map(|withdrawal| withdrawal.bucket).unwrap();
		let matures_at = Vaults::<T>::get(vault).unwrap().maturity_of(newest);
		frame_system::Pallet::<T>::set_block_number(matures_at);
		let balance_before =
			<T::Assets as fungibles::Inspect<_>>::balance(collateral::<T>(), &staker);

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), 0);

		assert!(
			<T::Assets as fungibles::Inspect<_>>::balance(collateral::<T>(), &staker) >
				balance_before
		);
		assert_eq!(PendingWithdrawals::<T>::get(&staker).len(), pending.len() - 1);
	}

	/// `complete_withdrawal` of a redelegation (the call's other path).
	#[benchmark]
	fn complete_redelegation() {
		// A redelegation into a pool tracking every reward asset.
		let (vault, operator, staker) = busy_pool::<T>();
		let target = new_operator::<T>(1);
		deposit_into::<T>(&funded_account::<T>("staker", 2), vault, &target);
		credit_all_reward_assets::<T>(vault, &target);
		assert!(Restaking::<T>::redelegate(
			RawOrigin::Signed(staker.clone()).into(),
			vault,
			operator,
			target.clone(),
			unit::<T>(),
		)
		.is_ok());
		let last = T::MaxPendingWithdrawals::get().saturating_sub(1);
		let bucket = PendingWithdrawals::<T>::get(&staker)[last as usize].bucket;
		let matures_at = Vaults::<T>::get(vault).unwrap().maturity_of(bucket);
		frame_system::Pallet::<T>::set_block_number(matures_at);

		#[extrinsic_call]
		complete_withdrawal(RawOrigin::Signed(staker.clone()), last);

		assert!(Positions::<T>::contains_key(&staker, (vault, target)));
	}

	/// `slash_pool` with `b` live buckets, written directly (with their collateral) to cover
	/// the whole `MaxLiveBuckets` range (the calls create at most `WithdrawalEpochs + 1`).
	#[benchmark]
	fn slash_pool_live_buckets(b: Linear<1, { T::MaxLiveBuckets::get() }>) {
		let (vault, _) = new_vault::<T>();
		let operator = new_operator::<T>(0);
		let staker = funded_account::<T>("staker", 0);
		deposit_into::<T>(&staker, vault, &operator);
		let now = frame_system::Pallet::<T>::block_number();
		let first = Vaults::<T>::get(vault).unwrap().bucket_at(now).unwrap();
		let mut pool = Pools::<T>::get(vault, &operator).unwrap();
		let stake = unit::<T>();
		for i in 0..b {
			let bucket: BlockNumberFor<T> = first.saturating_add(i.into());
			WithdrawalBuckets::<T>::insert(
				(vault, operator.clone(), bucket),
				WithdrawalBucket { stake, shares: stake },
			);
			pool.live_buckets.try_push(bucket).unwrap();
		}
		Pools::<T>::insert(vault, &operator, pool);
		let total = stake.saturating_mul(b.into());
		Vaults::<T>::mutate(vault, |info| {
			let info = info.as_mut().unwrap();
			info.total_stake = info.total_stake.saturating_add(total);
		});
		let account = Restaking::<T>::vault_account(vault);
		let balance = <T::Assets as fungibles::Inspect<_>>::balance(collateral::<T>(), &account);
		<T::Assets as fungibles::Mutate<_>>::set_balance(
			collateral::<T>(),
			&account,
			balance.saturating_add(total),
		);

		#[block]
		{
			assert!(<Restaking<T> as RestakingSlash<T::AccountId>>::slash_pool(
				vault,
				&operator,
				Perbill::from_percent(10),
				now,
				&SlashDestination::Burn,
			)
			.is_ok());
		}

		assert!(!Restaking::<T>::stake_of_pool(vault, &operator).withdrawing.is_zero());
	}

	/// Pay an unpaid slash to a beneficiary account that does not exist yet (the transfer
	/// creates it).
	#[benchmark]
	fn pay_unpaid_slash() {
		let (vault, _) = new_vault::<T>();
		let amount = unit::<T>();
		let vault_account = Restaking::<T>::vault_account(vault);
		let balance =
			<T::Assets as fungibles::Inspect<_>>::balance(collateral::<T>(), &vault_account);
		<T::Assets as fungibles::Mutate<_>>::set_balance(
			collateral::<T>(),
			&vault_account,
			balance.saturating_add(amount),
		);
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		let destination = SlashDestination::Account(beneficiary.clone());
		UnpaidSlashes::<T>::insert(vault, &destination, amount);
		let caller = funded_account::<T>("caller", 0);

		#[extrinsic_call]
		pay_unpaid_slash(RawOrigin::Signed(caller), vault, destination.clone());

		assert!(!UnpaidSlashes::<T>::contains_key(vault, &destination));
	}

	/// Add to a running stream of the last asset of a pool that streams every reward asset
	/// (release, then merge of the two ends).
	#[benchmark]
	fn credit_pool_reward() {
		let (vault, _) = new_vault::<T>();
		let operator = new_operator::<T>(0);
		deposit_into::<T>(&funded_account::<T>("staker", 0), vault, &operator);
		credit_all_reward_assets::<T>(vault, &operator);
		advance_blocks::<T>(10);
		let last = T::MaxRewardAssets::get().saturating_sub(1);
		let asset = T::BenchmarkHelper::reward_asset(last);

		#[block]
		{
			assert!(<Restaking<T> as RestakingRewards<T::AccountId>>::credit_pool_reward(
				vault,
				&operator,
				asset,
				stream_amount::<T>(),
				stream_end::<T>(),
			)
			.is_ok());
		}

		assert_eq!(
			Pools::<T>::get(vault, &operator).unwrap().rewards.len() as u32,
			T::MaxRewardAssets::get()
		);
	}

	/// Take the rewards of a position earning every reward asset.
	#[benchmark]
	fn take_pending_rewards() {
		let (vault, _) = new_vault::<T>();
		let operator = new_operator::<T>(0);
		let staker = funded_account::<T>("staker", 0);
		deposit_into::<T>(&staker, vault, &operator);
		credit_all_reward_assets::<T>(vault, &operator);
		advance_blocks::<T>(10);
		let taken;

		#[block]
		{
			taken = <Restaking<T> as RestakingRewards<T::AccountId>>::take_pending_rewards(
				&staker, vault, &operator,
			);
		}

		assert_eq!(taken.unwrap().len() as u32, T::MaxRewardAssets::get());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::empty().build(), crate::mock::Test);
}
