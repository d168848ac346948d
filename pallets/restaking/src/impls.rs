//! Internals of the calls on vaults, operators and deposits: vault accounts and ids, bucket
//! lengths, joining a pool (shared by deposits and completed redelegations) and storing
//! positions. The share math itself is on the types ([`crate::pool`], [`crate::reward`]).

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible,
		fungibles::{Inspect as _, Mutate as _},
		tokens::Preservation,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, One, Saturating, Zero},
	ArithmeticError,
};

impl<T: Config> Pallet<T> {
	/// Account holding the collateral of `vault`.
	pub fn vault_account(vault: VaultId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(vault)
	}

	/// Current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Bucket length of a vault with withdrawal `delay`:
	/// `max(1, ceil(delay / WithdrawalEpochs))`.
	pub fn bucket_length_for(delay: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let epochs: BlockNumberFor<T> = T::WithdrawalEpochs::get().max(1).into();
		let whole = delay / epochs;
		let length =
			if (delay % epochs).is_zero() { whole } else { whole.saturating_add(One::one()) };
		length.max(One::one())
	}

	/// The pool (`vault`, `operator`) with matured buckets pruned from its live list, or
	/// a new empty pool.
	pub(crate) fn touched_pool(
		vault: VaultId,
		info: &VaultInfo<T>,
		operator: &T::AccountId,
	) -> PoolInfo<T> {
		let mut pool = Pools::<T>::get(vault, operator).unwrap_or_default();
		// A locked pool is never joined (`prepare_join` refuses it), so this copy is never
		// written back for one: plain pruning is enough.
		pool.prune_matured(info, Self::now());
		pool
	}

	/// Load `vault` and check that `origin` is root or the vault's owner.
	pub(crate) fn vault_of_owner_or_root(
		origin: OriginFor<T>,
		vault: VaultId,
	) -> Result<VaultInfo<T>, DispatchError> {
		let maybe_who = ensure_signed_or_root(origin)?;
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		if let Some(who) = maybe_who {
			ensure!(who == info.owner, Error::<T>::NotVaultOwner);
		}
		Ok(info)
	}

	/// Create vault `NextVaultId` of `asset` owned by `owner`, holding `deposit` of the
	/// owner's native balance (zero for root), after checking every parameter.
	pub(crate) fn do_create_vault(
		owner: T::AccountId,
		asset: T::AssetKind,
		deposit_cap: T::Balance,
		min_deposit: T::Balance,
		withdrawal_delay: BlockNumberFor<T>,
		deposit: T::Balance,
	) -> DispatchResult {
		ensure!(
			withdrawal_delay >= T::MinWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooShort
		);
		ensure!(
			withdrawal_delay <= T::MaxWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooLong
		);
		ensure!(min_deposit <= deposit_cap, Error::<T>::MinDepositAboveCap);
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::AssetNotFound);
		let vault = NextVaultId::<T>::get();
		let next_vault = vault.checked_add(1).ok_or(Error::<T>::VaultIdOverflow)?;

		if !deposit.is_zero() {
			<T::NativeBalance as fungible::MutateHold<_>>::hold(
				&HoldReason::VaultDeposit.into(),
				&owner,
				deposit,
			)?;
		}
		let account = Self::vault_account(vault);
		// The provider lets the account hold non-sufficient assets and keeps it from being
		// reaped; it is never removed.
		frame_system::Pallet::<T>::inc_providers(&account);
		let existential_reserve = T::Assets::minimum_balance(asset.clone());
		if !existential_reserve.is_zero() {
			T::Assets::transfer(
				asset.clone(),
				&owner,
				&account,
				existential_reserve,
				Preservation::Preserve,
			)?;
		}

		Vaults::<T>::insert(
			vault,
			VaultInfo {
				asset: asset.clone(),
				owner: owner.clone(),
				deposit_cap,
				min_deposit,
				withdrawal_delay,
				bucket_length: Self::bucket_length_for(withdrawal_delay),
				paused: false,
				deposit,
				existential_reserve,
				total_stake: Zero::zero(),
			},
		);
		NextVaultId::<T>::put(next_vault);
		Self::deposit_event(Event::VaultCreated {
			vault,
			owner,
			asset,
			deposit_cap,
			min_deposit,
			withdrawal_delay,
			deposit,
			existential_reserve,
		});
		Ok(())
	}

	/// Check, without changing anything, that `staker` can add `amount` of stake to pool
	/// (`vault`, `operator`); returns the shares it buys. A pool with a pending slash takes no
	/// new stake ([`Error::PoolSlashPending`]): it would be slashed for an incident it had no
	/// part in.
	pub(crate) fn prepare_join(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
		pool: &PoolInfo<T>,
		amount: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		let info = Operators::<T>::get(operator).ok_or(Error::<T>::NotOperator)?;
		ensure!(info.status == OperatorStatus::Active, Error::<T>::OperatorNotActive);
		Self::ensure_not_slash_locked(vault, operator)?;
		let shares = pool.shares_for(amount)?;
		pool.can_join(amount, shares)?;
		if !Positions::<T>::contains_key(staker, (vault, operator)) {
			ensure!(
				StakerPools::<T>::decode_len(staker).unwrap_or(0) <
					T::MaxStakerPools::get() as usize,
				Error::<T>::TooManyStakerPools
			);
		}
		Ok(shares)
	}

	/// Add `amount` of stake and `shares` (from [`Self::prepare_join`]) to the staker's
	/// position and to `pool` (which the caller writes back). Returns whether this opened
	/// a new position (and so wrote [`StakerPools`]).
	pub(crate) fn join(
		staker: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
		pool: &mut PoolInfo<T>,
		amount: T::Balance,
		shares: T::Balance,
	) -> Result<bool, DispatchError> {
		let key = (vault, operator.clone());
		let existing = Positions::<T>::get(staker, &key);
		let opened = existing.is_none();
		let mut position = match existing {
			Some(position) => position,
			None => {
				StakerPools::<T>::try_mutate(staker, |pools| pools.try_push(key.clone()))
					.map_err(|_| Error::<T>::TooManyStakerPools)?;
				Position::default()
			},
		};
		position.settle(pool, Self::now())?;
		position.shares = position.shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
		pool.join(amount, shares)?;
		Positions::<T>::insert(staker, &key, position);
		Ok(opened)
	}

	/// Write `position` back, or remove it (and its index entry) if it holds nothing.
	pub(crate) fn store_position(staker: &T::AccountId, key: &PoolKey<T>, position: Position<T>) {
		if position.is_empty() {
			Positions::<T>::remove(staker, key);
			StakerPools::<T>::mutate_exists(staker, |maybe_pools| {
				if let Some(pools) = maybe_pools {
					pools.retain(|pool| pool != key);
					if pools.is_empty() {
						*maybe_pools = None;
					}
				}
			});
		} else {
			Positions::<T>::insert(staker, key, position);
		}
	}
}
