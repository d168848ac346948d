//! This pallet's [`BenchmarkHelper`](crate::BenchmarkHelper) on the real restaking and AVS
//! registry pallets ([`WithRealPallets`]), through their calls and their shared set-up
//! functions ([`pallet_restaking::benchmark_helpers`],
//! [`pallet_avs_registry::benchmark_helpers`]). The runtime and the real-pallets mock of
//! `pallets/integration-tests` both use it. Set-up code: a call that fails panics, which fails
//! the benchmark.

use alloc::vec::Vec;
use core::marker::PhantomData;
use pallet_avs_registry::{
	benchmark_helpers::{self as avs, RealRestaking},
	types::AvsId,
};
use pallet_restaking::{benchmark_helpers as restaking, types::VaultId};
use sp_runtime::Perbill;

/// Slashable operators made with the real restaking and AVS-registry pallets.
pub struct WithRealPallets<T>(PhantomData<T>);

impl<T: RealRestaking> crate::BenchmarkHelper<T::AccountId> for WithRealPallets<T> {
	/// An operator with a 10% commission and `vaults` pools of the benchmark collateral, each
	/// with `delegators` (at least one) stakers, opted in to a new AVS with half of each pool
	/// allocated and in force; the AVS's slasher and resolver are funded accounts.
	fn setup_slashable_operator(
		vaults: u32,
		delegators: u32,
	) -> (AvsId, T::AccountId, T::AccountId) {
		let owner = restaking::funded_account::<T>("avs-owner", 0);
		let slasher = restaking::funded_account::<T>("slasher", 0);
		let resolver = restaking::funded_account::<T>("resolver", 0);
		let operator = restaking::funded_account::<T>("operator", 0);
		let stakers: Vec<T::AccountId> = (0..delegators.max(1))
			.map(|index| restaking::funded_account::<T>("staker", index))
			.collect();
		restaking::register_operator::<T>(&operator, Perbill::from_percent(10));
		let vault_ids: Vec<VaultId> = (0..vaults)
			.map(|_| {
				let vault = restaking::create_collateral_vault::<T>(&owner);
				for staker in &stakers {
					restaking::deposit::<T>(staker, vault, &operator);
				}
				vault
			})
			.collect();
		let avs =
			avs::register_avs::<T>(&owner, &slasher, &resolver, vault_ids.clone(), Vec::new());
		avs::opt_in_and_allocate::<T>(avs, &operator, &vault_ids);
		avs::pass_allocation_delay::<T>();
		(avs, slasher, operator)
	}
}
