//! Building the genesis vaults, operators and delegations ([`GenesisConfig`]) with the calls'
//! own code, so genesis state is exactly what those calls make at block 0.

use crate::pallet::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::traits::Zero;

impl<T: Config> GenesisConfig<T> {
	/// Create the vaults, register the operators and make the delegations, in that order.
	/// Panics (fails the genesis build) on an entry the calls would refuse, naming it.
	pub(crate) fn build_genesis(&self) {
		for (index, (owner, asset, cap, min_deposit, delay)) in self.vaults.iter().enumerate() {
			assert_eq!(
				NextVaultId::<T>::get() as usize,
				index,
				"genesis vaults get the ids 0.. in order"
			);
			Pallet::<T>::do_create_vault(
				owner.clone(),
				asset.clone(),
				*cap,
				*min_deposit,
				*delay,
				Zero::zero(),
			)
			.unwrap_or_else(|e| panic!("genesis vault {index} is refused: {e:?}"));
		}
		for (operator, commission) in self.operators.iter() {
			assert!(
				*commission <= T::MaxCommission::get(),
				"genesis operator {operator:?}: commission above MaxCommission"
			);
			Pallet::<T>::register_operator(
				RawOrigin::Signed(operator.clone()).into(),
				*commission,
				BoundedVec::new(),
			)
			.unwrap_or_else(|e| panic!("genesis operator {operator:?} is refused: {e:?}"));
		}
		for (staker, vault, operator, amount) in self.delegations.iter() {
			Pallet::<T>::deposit(
				RawOrigin::Signed(staker.clone()).into(),
				*vault,
				operator.clone(),
				*amount,
			)
			.unwrap_or_else(|e| {
				panic!("genesis delegation of {staker:?} to {operator:?} in vault {vault} is refused: {e:?}")
			});
		}
	}
}
