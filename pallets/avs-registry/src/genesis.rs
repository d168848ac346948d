//! Building the genesis AVSs, opt-ins and allocations ([`GenesisConfig`]) with the calls' own
//! code, so genesis state is exactly what those calls make, except that genesis allocations
//! are in force at block 0.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, BoundedVec};
use frame_system::RawOrigin;

impl<T: Config> GenesisConfig<T> {
	/// Register the AVSs, make the opt-ins (approving those that need it) and set the
	/// allocations, in that order. Panics (fails the genesis build) on an entry the calls
	/// would refuse, naming it.
	pub(crate) fn build_genesis(&self) {
		for (index, avs) in self.avss.iter().enumerate() {
			assert_eq!(
				NextAvsId::<T>::get() as usize,
				index,
				"genesis AVSs get the ids 0.. in order"
			);
			let config = AvsConfig::<T> {
				metadata: bounded(&avs.metadata, "metadata"),
				accepted_vaults: bounded(&avs.accepted_vaults, "accepted vaults"),
				min_operator_stake: avs.min_operator_stake,
				slashing: AvsSlashingParams {
					slasher: avs.slasher.clone(),
					resolver: avs.resolver.clone(),
					max_slash: avs.max_slash,
					veto_window: avs.veto_window,
					destination: match &avs.beneficiary {
						Some(account) => SlashDestination::Account(account.clone()),
						None => SlashDestination::Burn,
					},
				},
				reward_assets: bounded(&avs.reward_assets, "reward assets"),
				requires_approval: avs.requires_approval,
				opt_out_delay: avs.opt_out_delay,
			};
			Pallet::<T>::register_avs(RawOrigin::Signed(avs.owner.clone()).into(), config)
				.unwrap_or_else(|e| panic!("genesis AVS {index} is refused: {e:?}"));
		}
		for (avs, operator) in self.opt_ins.iter() {
			Pallet::<T>::opt_in(RawOrigin::Signed(operator.clone()).into(), *avs).unwrap_or_else(
				|e| panic!("genesis opt-in of {operator:?} to AVS {avs} is refused: {:?}", e.error),
			);
			if OptIns::<T>::get(avs, operator) == Some(OptInStatus::Pending) {
				OptIns::<T>::insert(avs, operator, OptInStatus::OptedIn);
			}
		}
		for (avs, operator, vault, fraction) in self.allocations.iter() {
			Pallet::<T>::do_set_allocation(*avs, operator.clone(), *vault, *fraction)
				.unwrap_or_else(|e| {
					panic!(
						"genesis allocation of {operator:?} to AVS {avs}, vault {vault} is refused: {:?}",
						e.error
					)
				});
			// In force at once: the scheduled increase becomes the current fraction. The
			// footprint (the larger of current and pending) does not change, so the pool total
			// stays right.
			Allocations::<T>::mutate(avs, operator, |records| {
				for record in records.iter_mut().filter(|record| record.vault == *vault) {
					if let Some(pending) = record.pending.take() {
						record.current = pending.fraction;
					}
				}
			});
		}
	}
}

/// `items` as a bounded vector, or a genesis build failure naming `what`.
fn bounded<Item: Clone, Bound: Get<u32>>(items: &[Item], what: &str) -> BoundedVec<Item, Bound> {
	BoundedVec::try_from(items.to_vec())
		.unwrap_or_else(|_| panic!("genesis AVS: too many {what} (more than the bound)"))
}
