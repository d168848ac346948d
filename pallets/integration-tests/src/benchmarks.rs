//! The runtime's benchmark helpers, run on the real pallets: `WithRestaking` (AVS registry),
//! `WithRealPallets` (slashing, rewards) and `pallet_restaking::benchmark_helpers` are what the
//! runtime's weights are measured with (`runtime/src/configs/*.rs` names them). Each set-up is
//! made at the runtime-like bounds of the mock and then used the way its benchmark uses it, so
//! a set-up that would leave a benchmark measuring an early error (an operator not slashable,
//! nothing to claim, nothing undistributed) fails here, in `cargo test`, and not only in the
//! benchmark CLI run.
//!
//! (The benchmarks themselves cannot run in `TestExternalities`: `run_benchmark` commits to
//! the database, which only the benchmark CLI's state backend can do. The pallets' own
//! benchmark test suites run them on their mocks.)
//!
//! Only with `--features runtime-benchmarks`:
//! `SKIP_WASM_BUILD=1 cargo test --release -p pallet-restaking-integration-tests --features runtime-benchmarks benchmark_helpers`.

use crate::mock::*;
use frame_support::{assert_ok, traits::Get};
use pallet_avs_registry::traits::AvsInspect;
use pallet_restaking::traits::{RestakingInspect, RestakingRewards};
use sp_core::H256;
use sp_runtime::Perbill;

type MaxVaults = <Test as pallet_avs_registry::Config>::MaxVaultsPerAvs;
type MaxOperators = <Test as pallet_avs_registry::Config>::MaxOperatorsPerAvs;

#[test]
fn benchmark_helpers_avs_registry_operator_and_vaults_hold_stake() {
	use pallet_avs_registry::{benchmark_helpers::WithRestaking, BenchmarkHelper};
	new_test_ext(0).execute_with(|| {
		let operator: AccountId = 4_242;
		<WithRestaking<Test> as BenchmarkHelper<_, _>>::setup_operator(&operator);
		// Idempotent: the benchmarks call it for operators that may already be one.
		<WithRestaking<Test> as BenchmarkHelper<_, _>>::setup_operator(&operator);
		assert!(Restaking::is_active_operator(&operator));
		for _ in 0..MaxVaults::get() {
			let vault =
				<WithRestaking<Test> as BenchmarkHelper<_, _>>::setup_vault_with_stake(&operator);
			assert!(Restaking::vault_is_active(vault));
			assert!(Restaking::pool_stake(vault, &operator).active > 0);
		}
		check_invariants();
	});
}

#[test]
fn benchmark_helpers_slashing_operator_is_slashable_in_every_vault() {
	use pallet_slashing::{benchmark_helpers::WithRealPallets, BenchmarkHelper};
	new_test_ext(0).execute_with(|| {
		let vaults = MaxVaults::get();
		let (avs, slasher, operator) =
			<WithRealPallets<Test> as BenchmarkHelper<_>>::setup_slashable_operator(vaults, 3);
		assert!(AvsRegistry::is_slashable(avs, &operator));
		// Every allocation is in force, so a request locks and an execution cuts every pool.
		assert_eq!(AvsRegistry::slashable_allocations(avs, &operator).len() as u32, vaults);
		let slash_id = pallet_slashing::NextSlashId::<Test>::get();
		assert_ok!(Slashing::request_slash(
			RuntimeOrigin::signed(slasher),
			avs,
			operator,
			Perbill::from_percent(10),
			H256::repeat_byte(1),
			System::block_number(),
			vec![],
		));
		let due = pallet_slashing::PendingSlashes::<Test>::get(slash_id)
			.expect("the request is pending")
			.executable_at;
		run_to_block(due);
		assert!(pallet_slashing::PendingSlashes::<Test>::get(slash_id).is_none());
		check_invariants();
	});
}

#[test]
fn benchmark_helpers_rewards_set_ups_leave_something_to_do() {
	use pallet_rewards::{benchmark_helpers::WithRealPallets, BenchmarkHelper};
	type Helper = WithRealPallets<Test>;
	new_test_ext(0).execute_with(|| {
		// `submit_rewards` at the bounds: every operator slot, every vault slot.
		let (avs, owner, asset) = <Helper as BenchmarkHelper<_, _, _>>::setup_rewarded_avs(
			MaxOperators::get(),
			MaxVaults::get(),
			2,
		);
		let operators: u32 = MaxOperators::get();
		assert_eq!(AvsRegistry::opted_in_operators(avs).len() as u32, operators);
		assert_ok!(Rewards::submit_rewards(
			RuntimeOrigin::signed(owner),
			avs,
			asset,
			1_000_000,
			REWARD_PERIOD,
			None,
		));
		check_invariants();
	});
	new_test_ext(0).execute_with(|| {
		// `claim_rewards`: pending rewards in every pool and every asset slot.
		let pools = <Test as pallet_restaking::Config>::MaxStakerPools::get();
		let assets = <Test as pallet_restaking::Config>::MaxRewardAssets::get();
		let staker = <Helper as BenchmarkHelper<_, _, _>>::setup_staker_with_rewards(pools, assets);
		let pending = Restaking::staker_pools(&staker)
			.iter()
			.map(|(vault, operator)| Restaking::pending_rewards(&staker, *vault, operator).len())
			.sum::<usize>();
		assert_eq!(pending as u32, pools * assets, "every pool has every asset pending");
		assert_ok!(Rewards::claim_rewards(RuntimeOrigin::signed(staker)));
		check_invariants();
	});
	new_test_ext(0).execute_with(|| {
		// `return_undistributed`: a pool whose stakers all left while it streamed.
		let assets = <Test as pallet_restaking::Config>::MaxRewardAssets::get();
		let (vault, operator) = <Helper as BenchmarkHelper<_, _, _>>::setup_undistributed(assets);
		assert_ok!(Rewards::return_undistributed(RuntimeOrigin::signed(ANYONE), vault, operator));
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Rewards(pallet_rewards::Event::UndistributedReturned { .. })
		)));
		check_invariants();
	});
}
