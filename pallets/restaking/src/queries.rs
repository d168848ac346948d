//! Read-only queries for the runtime API (`pallet-restaking-runtime-api`).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;

/// Read-only queries, for the runtime API (`pallet-restaking-runtime-api`). They change no
/// storage and read only what the queried account indexes (bounded by `MaxStakerPools` and
/// `MaxPendingWithdrawals`), except [`Pallet::operator_pool_stakes`] (one read per vault).
impl<T: Config> Pallet<T> {
	/// Status and commission in force of `operator`, `None` if it is not registered.
	pub fn operator_state(
		operator: &T::AccountId,
	) -> Option<(OperatorStatus, sp_runtime::Perbill)> {
		Operators::<T>::get(operator).map(|info| (info.status, info.commission_at(Self::now())))
	}

	/// Every pool of `operator`, by ascending vault id, with its active stake and unmatured
	/// withdrawals. The ledger keeps no operator → vault index, so this reads one pool key per
	/// vault (`NextVaultId` reads; vaults are never removed and cost a deposit to create).
	pub fn operator_pool_stakes(operator: &T::AccountId) -> Vec<OperatorPoolStake<T>> {
		(0..NextVaultId::<T>::get())
			.filter(|vault| Pools::<T>::contains_key(vault, operator))
			.filter_map(|vault| {
				let asset = Vaults::<T>::get(vault)?.asset;
				Some(OperatorPoolStake {
					vault,
					asset,
					stake: Self::stake_of_pool(vault, operator),
				})
			})
			.collect()
	}

	/// Positions of `staker` with the current value of their shares, in the order of
	/// [`StakerPools`].
	pub fn staker_position_values(staker: &T::AccountId) -> Vec<PositionValue<T>> {
		StakerPools::<T>::get(staker)
			.into_iter()
			.filter_map(|(vault, operator)| {
				let position = Positions::<T>::get(staker, (vault, operator.clone()))?;
				let pool = Pools::<T>::get(vault, &operator).unwrap_or_default();
				let asset = Vaults::<T>::get(vault)?.asset;
				let stake = pool.value_of(position.shares).unwrap_or_default();
				Some(PositionValue { vault, operator, asset, shares: position.shares, stake })
			})
			.collect()
	}

	/// Queued withdrawals of `staker` with what completing each would pay now (the bucket's
	/// post-slash rate), by queue index.
	pub fn pending_withdrawal_values(staker: &T::AccountId) -> Vec<PendingWithdrawalValue<T>> {
		PendingWithdrawals::<T>::get(staker)
			.into_iter()
			.enumerate()
			.filter_map(|(index, withdrawal)| {
				let info = Vaults::<T>::get(withdrawal.vault)?;
				let value = WithdrawalBuckets::<T>::get((
					withdrawal.vault,
					withdrawal.operator.clone(),
					withdrawal.bucket,
				))
				.and_then(|bucket| bucket.value_of(withdrawal.shares))
				.unwrap_or_default();
				Some(PendingWithdrawalValue {
					index: u32::try_from(index).ok()?,
					vault: withdrawal.vault,
					operator: withdrawal.operator,
					asset: info.asset.clone(),
					shares: withdrawal.shares,
					value,
					matures_at: info.maturity_of(withdrawal.bucket),
					redelegate_to: withdrawal.redelegate_to,
				})
			})
			.collect()
	}
}
