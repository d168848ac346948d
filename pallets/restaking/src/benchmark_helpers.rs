//! Set-up of restaking state for benchmarks, through this pallet's own calls: funded
//! accounts, operators, vaults of the benchmark collateral and deposits.
//!
//! Shared by this pallet's benchmarks and by the benchmark helpers of the pallets on top of it
//! (`pallet_avs_registry::benchmark_helpers`, `pallet_slashing::benchmark_helpers`,
//! `pallet_rewards::benchmark_helpers`), which the runtime and the real-pallets mock of
//! `pallets/integration-tests` both use, so benchmark set-ups are written once and run in the
//! tests too. Set-up code: a call that fails panics, which fails the benchmark.

use crate::{types::VaultId, BenchmarkHelper, Config, NextVaultId, Pallet};
use frame_benchmarking::account;
use frame_support::{
	traits::{fungible, fungibles, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Bounded, Saturating},
	Perbill,
};

/// The benchmark collateral (named by the runtime's [`BenchmarkHelper`]).
pub fn collateral<T: Config>() -> T::AssetKind {
	T::BenchmarkHelper::collateral_asset()
}

/// A comfortable unit of collateral: well above its minimum balance.
pub fn unit<T: Config>() -> T::Balance {
	let min = <T::Assets as fungibles::Inspect<_>>::minimum_balance(collateral::<T>());
	min.max(1u32.into()).saturating_mul(1_000u32.into())
}

/// What each benchmark staker deposits into each pool: a thousand [`unit`]s and at least the
/// vault deposit, so pools hold stake far above every minimum.
pub fn stake<T: Config>() -> T::Balance {
	unit::<T>()
		.saturating_add(T::VaultDeposit::get())
		.saturating_mul(1_000u32.into())
}

/// Give `who` plenty of the native token and of the collateral: a thousand [`stake`]s of each.
pub fn fund<T: Config>(who: &T::AccountId) {
	let plenty = stake::<T>().saturating_mul(1_000u32.into());
	<T::NativeBalance as fungible::Mutate<_>>::set_balance(who, plenty);
	<T::Assets as fungibles::Mutate<_>>::set_balance(collateral::<T>(), who, plenty);
}

/// Benchmark account `name`/`index`, funded like [`fund`].
pub fn funded_account<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// Register `operator` (funded) with `commission` and no metadata, unless it is one already.
pub fn register_operator<T: Config>(operator: &T::AccountId, commission: Perbill) {
	if crate::Operators::<T>::contains_key(operator) {
		return;
	}
	Pallet::<T>::register_operator(
		RawOrigin::Signed(operator.clone()).into(),
		commission,
		BoundedVec::new(),
	)
	.expect("benchmark operator registers");
}

/// A vault of the collateral owned by `owner`, created by root with no cap, a minimum deposit
/// of one and the shortest withdrawal delay.
pub fn create_collateral_vault<T: Config>(owner: &T::AccountId) -> VaultId {
	let vault = NextVaultId::<T>::get();
	Pallet::<T>::force_create_vault(
		RawOrigin::Root.into(),
		owner.clone(),
		collateral::<T>(),
		T::Balance::max_value() / 2u32.into(),
		1u32.into(),
		T::MinWithdrawalDelay::get(),
	)
	.expect("benchmark vault is created");
	vault
}

/// `staker` (funded) deposits [`stake`] into pool (`vault`, `operator`).
pub fn deposit<T: Config>(staker: &T::AccountId, vault: VaultId, operator: &T::AccountId) {
	Pallet::<T>::deposit(
		RawOrigin::Signed(staker.clone()).into(),
		vault,
		operator.clone(),
		stake::<T>(),
	)
	.expect("benchmark deposit works");
}
