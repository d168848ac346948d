//! Interfaces the restaking pallet offers to the rest of the runtime.
//!
//! The restaking pallet owns vaults, operators and delegation pools. Other pallets (AVS
//! registry, slashing, rewards) never touch that storage directly: they go through the small
//! traits below, which the runtime wires to [`crate::Pallet`]. Tests of the other pallets can
//! use the real pallet or a mock implementation.

use crate::types::{PoolStake, SlashDestination, VaultId};
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::{DispatchError, Perbill};

/// Read-only view of vaults, operators and pools.
pub trait RestakingInspect<AccountId> {
	/// Amount type of collateral and rewards.
	type Balance;
	/// Asset kind (native token or an asset of `pallet-assets`).
	type AssetKind;
	/// Block number type.
	type BlockNumber;

	/// Collateral asset of `vault`, `None` if the vault does not exist.
	fn vault_asset(vault: VaultId) -> Option<Self::AssetKind>;
	/// Whether `vault` exists and accepts new deposits and allocations (not paused).
	fn vault_is_active(vault: VaultId) -> bool;
	/// Withdrawal delay of `vault` in blocks, `None` if the vault does not exist.
	fn vault_withdrawal_delay(vault: VaultId) -> Option<Self::BlockNumber>;
	/// How long a withdrawal queued from `vault` now waits until it matures (and stops being
	/// slashable): the withdrawal delay plus the rounding up to the end of its bucket. `None`
	/// if the vault does not exist.
	fn longest_withdrawal_wait(vault: VaultId) -> Option<Self::BlockNumber>;
	/// Whether `who` is a registered operator (in any status).
	fn is_operator(who: &AccountId) -> bool;
	/// Whether `who` is a registered operator that is neither paused nor leaving.
	fn is_active_operator(who: &AccountId) -> bool;
	/// The commission currently in force for `operator`, `None` if not an operator.
	fn operator_commission(operator: &AccountId) -> Option<Perbill>;
	/// Stake of the pool (`vault`, `operator`): active stake and stake in withdrawal buckets
	/// that have not matured yet (and are therefore still slashable), or, while a pending slash
	/// locks the pool, that were live when the first pending request was made (still
	/// slashable by it). Zero if no pool.
	fn pool_stake(vault: VaultId, operator: &AccountId) -> PoolStake<Self::Balance>;
}

/// Applying slashes to pools. Implemented by the restaking pallet, used by the slashing pallet.
///
/// A slash request locks the pools it names when it is made ([`Self::lock_for_slash`]) and
/// unlocks them when it is resolved ([`Self::unlock_after_slash`]); in between the pool's
/// shares are frozen, so the stake the request can take at execution ([`Self::slash_pool`]) is
/// the stake that was slashable when it was made.
pub trait RestakingSlash<AccountId>: RestakingInspect<AccountId> {
	/// Lock pool (`vault`, `operator`) for one more pending slash request (locks count; the
	/// pool need not exist yet). Fails only on counter overflow, changing nothing.
	fn lock_for_slash(vault: VaultId, operator: &AccountId) -> DispatchResult;

	/// Release one lock taken with [`Self::lock_for_slash`].
	fn unlock_after_slash(vault: VaultId, operator: &AccountId);

	/// Number of pending slash requests that lock pool (`vault`, `operator`).
	fn pending_slashes(vault: VaultId, operator: &AccountId) -> u32;

	/// Slash `fraction` of pool (`vault`, `operator`): its active stake and every withdrawal
	/// bucket that had not matured at block `live_at` (the block of the request) lose
	/// `fraction` of their stake. Cost is O(1) in the number of delegators (bounded by the
	/// number of live buckets). The slashed collateral leaves the pools; it is burned or moved
	/// to `destination`, or, if that fails, kept in the vault as an unpaid slash for
	/// `destination` (the slash itself does not fail for it). Returns the amount slashed.
	fn slash_pool(
		vault: VaultId,
		operator: &AccountId,
		fraction: Perbill,
		live_at: Self::BlockNumber,
		destination: &SlashDestination<AccountId>,
	) -> Result<Self::Balance, DispatchError>;
}

/// Reward accounting of pools. Implemented by the restaking pallet, used by the rewards pallet.
///
/// Reward funds themselves are held by the caller (the rewards pallet's account); the
/// restaking pallet keeps only the per-share accumulator, the streams feeding it and each
/// staker's settled amounts, because it is the pallet that changes shares.
pub trait RestakingRewards<AccountId>: RestakingInspect<AccountId> {
	/// Maximum number of distinct reward assets tracked per pool.
	type MaxRewardAssets: Get<u32>;
	/// Maximum number of pools one staker can hold a position in.
	type MaxStakerPools: Get<u32>;

	/// Pools (`vault`, `operator`) in which `staker` holds active shares or unsettled rewards.
	fn staker_pools(staker: &AccountId) -> BoundedVec<(VaultId, AccountId), Self::MaxStakerPools>;

	/// Stream `amount` of `asset` to the active shares of pool (`vault`, `operator`), released
	/// at a constant rate until `ends_at` (merged with what the pool still streams of the
	/// asset: see [`crate::reward`]); credited at once if `ends_at` is not after the current
	/// block. Queued withdrawals earn nothing. Fails with an error (changing nothing) if the
	/// pool has no active shares or the asset limit is hit.
	fn credit_pool_reward(
		vault: VaultId,
		operator: &AccountId,
		asset: Self::AssetKind,
		amount: Self::Balance,
		ends_at: Self::BlockNumber,
	) -> Result<(), DispatchError>;

	/// Take what pool (`vault`, `operator`) released while it had no active shares (nobody
	/// earned it): the caller returns it to the treasury. Returns the non-zero amounts.
	fn take_undistributed(
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets>;

	/// Settle and take everything `staker` has earned in pool (`vault`, `operator`): the
	/// caller pays it out. Returns the (asset, amount) pairs with non-zero amounts.
	fn take_pending_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> Result<BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets>, DispatchError>;

	/// Pending (not yet taken) rewards of `staker` in pool (`vault`, `operator`), read-only:
	/// what the pool's streams released up to the current block.
	fn pending_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(Self::AssetKind, Self::Balance), Self::MaxRewardAssets>;

	/// Still streaming to `staker` in pool (`vault`, `operator`): per asset, its share of the
	/// pool's unreleased rewards at its current share of the pool, and the stream's end.
	/// A projection: it changes as shares move.
	fn streaming_rewards(
		staker: &AccountId,
		vault: VaultId,
		operator: &AccountId,
	) -> BoundedVec<(Self::AssetKind, Self::Balance, Self::BlockNumber), Self::MaxRewardAssets>;
}
