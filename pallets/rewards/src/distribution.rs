//! Distribution of a reward submission: the operators it is split across and their weights
//! ([`OperatorShare`]), and per operator the protocol fee, commission and stakers' part
//! ([`OperatorSplit`]) credited to the pools' reward counters. Cost O(operators × vaults),
//! never a loop over delegators.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_avs_registry::{traits::AvsInspect, types::AvsId};
use pallet_restaking::{
	traits::{RestakingInspect, RestakingRewards},
	types::VaultId,
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	DispatchError,
};

/// An operator's weight in a submission and the weights of its pools.
pub(crate) struct OperatorShare<T: Config> {
	pub operator: T::AccountId,
	pub weight: T::Balance,
	pub pools: Vec<(VaultId, T::Balance)>,
}

impl<T: Config> Pallet<T> {
	/// [`Pallet::submit_rewards`] of `who` after the origin check: pays `amount` (plus the
	/// pot's endowment in a new asset) into the pot and splits it across the operators.
	pub(crate) fn do_submit_rewards(
		who: T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		amount: T::Balance,
		duration: BlockNumberFor<T>,
		operator_weights: Option<Vec<(T::AccountId, u32)>>,
	) -> DispatchResultWithPostInfo {
		let owner = T::Avs::avs_owner(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(who == owner, Error::<T>::NotAvsOwner);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(T::Avs::accepts_reward_asset(avs, &asset), Error::<T>::AssetNotAccepted);
		ensure!(
			RewardAssets::<T>::get(&asset) == Some(RewardAssetStatus::Enabled),
			Error::<T>::AssetNotApproved
		);
		ensure!(duration >= T::MinRewardDuration::get(), Error::<T>::PeriodTooShort);
		ensure!(
			T::Avs::opt_out_delay(avs).is_some_and(|delay| duration <= delay),
			Error::<T>::PeriodTooLong
		);

		// Weights of operators and of their pools, computed before anything moves.
		let operators = Self::operator_shares(avs, operator_weights)?;
		// Every vault paid keeps a leaving stake slashable for at least the period.
		ensure!(
			operators.iter().flat_map(|share| share.pools.iter()).all(|(vault, _)| {
				T::Restaking::vault_withdrawal_delay(*vault).is_some_and(|delay| duration <= delay)
			}),
			Error::<T>::PeriodTooLong
		);
		let start = frame_system::Pallet::<T>::block_number();
		let period = RewardPeriod { start, ends_at: start.saturating_add(duration) };
		let total_weight = operators
			.iter()
			.fold(T::Balance::zero(), |sum, share| sum.saturating_add(share.weight));
		ensure!(!total_weight.is_zero(), Error::<T>::NoRewardWeight);
		let submission_id = NextSubmissionId::<T>::get();
		let next_submission_id =
			submission_id.checked_add(1).ok_or(Error::<T>::SubmissionIdOverflow)?;

		let pot = Self::pot_account();
		let pot_endowment = T::Assets::minimum_balance(asset.clone())
			.saturating_sub(T::Assets::balance(asset.clone(), &pot));
		let payment = amount.checked_add(&pot_endowment).ok_or(Error::<T>::AmountOverflow)?;
		ensure!(
			T::Assets::reducible_balance(
				asset.clone(),
				&who,
				Preservation::Preserve,
				Fortitude::Polite,
			) >= payment,
			Error::<T>::InsufficientFunds
		);
		T::Assets::transfer(asset.clone(), &who, &pot, payment, Preservation::Preserve)?;
		NextSubmissionId::<T>::put(next_submission_id);

		let fee_rate = ProtocolFee::<T>::get();
		let mut split = SplitSummary { pot_endowment, ..Default::default() };
		let mut assigned = T::Balance::zero();
		let mut vaults_visited: u32 = 0;
		for share in operators.iter() {
			let operator_amount = mul_div_floor(amount, share.weight, total_weight);
			assigned = assigned.saturating_add(operator_amount);
			let pool_weight_total = share
				.pools
				.iter()
				.fold(T::Balance::zero(), |sum, (_, weight)| sum.saturating_add(*weight));
			if operator_amount.is_zero() || pool_weight_total.is_zero() {
				// No active allocated stake behind the operator: nobody to pay.
				split.to_treasury = split.to_treasury.saturating_add(operator_amount);
				continue;
			}
			let OperatorSplit { protocol_fee, commission, for_stakers } = OperatorSplit::new(
				operator_amount,
				fee_rate,
				T::Restaking::operator_commission(&share.operator).unwrap_or_default(),
			);
			let mut credited = T::Balance::zero();
			for (vault, pool_weight) in share.pools.iter() {
				vaults_visited.saturating_inc();
				let pool_amount = mul_div_floor(for_stakers, *pool_weight, pool_weight_total);
				if pool_amount.is_zero() {
					continue;
				}
				T::Restaking::credit_pool_reward(
					*vault,
					&share.operator,
					asset.clone(),
					pool_amount,
					period.ends_at,
				)?;
				credited = credited.saturating_add(pool_amount);
			}
			if !commission.is_zero() {
				OperatorCommission::<T>::mutate(&share.operator, &asset, |owed| {
					*owed = owed.saturating_add(commission)
				});
			}
			let dust = for_stakers.saturating_sub(credited);
			split.operators.saturating_inc();
			split.to_stakers = split.to_stakers.saturating_add(credited);
			split.to_commission = split.to_commission.saturating_add(commission);
			split.to_treasury = split.to_treasury.saturating_add(protocol_fee).saturating_add(dust);
			Self::deposit_event(Event::OperatorRewarded {
				submission_id,
				operator: share.operator.clone(),
				amount: operator_amount,
				protocol_fee,
				commission,
				to_stakers: credited,
			});
		}
		split.to_treasury = split.to_treasury.saturating_add(amount.saturating_sub(assigned));
		if !split.to_treasury.is_zero() {
			AccruedProtocolFees::<T>::mutate(&asset, |accrued| {
				*accrued = accrued.saturating_add(split.to_treasury)
			});
		}
		if !split.to_stakers.is_zero() {
			OutstandingStakerRewards::<T>::mutate(&asset, |outstanding| {
				*outstanding = outstanding.saturating_add(split.to_stakers)
			});
		}
		Self::deposit_event(Event::RewardsSubmitted {
			submission_id,
			avs,
			asset,
			amount,
			period,
			split,
		});
		// Pools visited per operator, rounded up.
		let operators_visited = operators.len() as u32;
		let vaults_per_operator = vaults_visited
			.saturating_add(operators_visited.saturating_sub(1))
			.checked_div(operators_visited)
			.unwrap_or_default();
		Ok(Some(T::WeightInfo::submit_rewards(operators_visited, vaults_per_operator)).into())
	}

	/// Pools of `operator` allocated to `avs` with their reward weight
	/// `allocation × active stake` (pools with zero weight are left out).
	pub(crate) fn pool_weights(avs: AvsId, operator: &T::AccountId) -> Vec<(VaultId, T::Balance)> {
		T::Avs::active_allocations(avs, operator)
			.into_iter()
			.filter_map(|(vault, allocation)| {
				let active = T::Restaking::pool_stake(vault, operator).active;
				let weight = allocation.mul_floor(active);
				(!weight.is_zero()).then_some((vault, weight))
			})
			.collect()
	}

	/// The operators a submission of `avs` is split across, with their weights.
	pub(crate) fn operator_shares(
		avs: AvsId,
		operator_weights: Option<Vec<(T::AccountId, u32)>>,
	) -> Result<Vec<OperatorShare<T>>, DispatchError> {
		let opted_in = T::Avs::opted_in_operators(avs);
		let Some(given) = operator_weights else {
			return Ok(opted_in
				.into_iter()
				.map(|operator| {
					let pools = Self::pool_weights(avs, &operator);
					let weight = pools
						.iter()
						.fold(T::Balance::zero(), |sum, (_, weight)| sum.saturating_add(*weight));
					OperatorShare { operator, weight, pools }
				})
				.collect());
		};
		ensure!(
			given.len() <= MaxOperatorsOf::<T>::get() as usize,
			Error::<T>::TooManyOperatorWeights
		);
		let mut shares: Vec<OperatorShare<T>> = Vec::with_capacity(given.len());
		for (operator, weight) in given {
			ensure!(opted_in.contains(&operator), Error::<T>::OperatorNotOptedIn);
			ensure!(
				!shares.iter().any(|share| share.operator == operator),
				Error::<T>::DuplicateOperator
			);
			let pools = Self::pool_weights(avs, &operator);
			shares.push(OperatorShare { operator, weight: T::Balance::from(weight), pools });
		}
		Ok(shares)
	}
}
