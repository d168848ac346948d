//! Types of the restaking pallet.
//!
//! The first three items ([`VaultId`], [`SlashDestination`], [`PoolStake`]) are shared with
//! other pallets through [`crate::traits`]; the rest describe the pallet's own storage.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

/// Identifier of a vault.
pub type VaultId = u32;

/// Where slashed collateral goes.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum SlashDestination<AccountId> {
	/// The collateral is burned (total issuance of the asset goes down).
	Burn,
	/// The collateral is transferred to this account (e.g. the AVS's beneficiary).
	Account(AccountId),
}

/// Stake of one delegation pool (vault, operator).
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, Default, TypeInfo, MaxEncodedLen)]
pub struct PoolStake<Balance> {
	/// Stake backing the pool's active shares.
	pub active: Balance,
	/// Stake in withdrawal buckets that have not matured yet (still slashable).
	pub withdrawing: Balance,
}

/// Index of a withdrawal bucket (epoch) of a vault. Bucket `i` holds the withdrawals that
/// become due in `((i - 1) * bucket_length, i * bucket_length]` and matures at block
/// `i * bucket_length` (see [`VaultInfo::bucket_length`]).
pub type BucketIndex<T> = BlockNumberFor<T>;

/// A pool is identified by its vault and its operator.
pub type PoolKey<T> = (VaultId, <T as frame_system::Config>::AccountId);

/// Per-asset reward-per-share accumulators of a pool (or a staker's debts against them).
pub type RewardCounters<T> =
	BoundedVec<(<T as Config>::AssetKind, FixedU128), <T as Config>::MaxRewardAssets>;

/// Per-asset reward counters and streams of a pool.
pub type PoolRewards<T> = BoundedVec<
	(<T as Config>::AssetKind, crate::reward::PoolRewardOf<T>),
	<T as Config>::MaxRewardAssets,
>;

/// Per-asset amounts (settled but not yet taken rewards).
pub type RewardAmounts<T> =
	BoundedVec<(<T as Config>::AssetKind, <T as Config>::Balance), <T as Config>::MaxRewardAssets>;

/// A vault: one collateral asset held in the vault's own account.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct VaultInfo<T: Config> {
	/// Collateral asset of the vault.
	pub asset: T::AssetKind,
	/// Owner (curator): may change the limits and pause or resume the vault.
	pub owner: T::AccountId,
	/// Largest `total_stake` the vault accepts through deposits.
	pub deposit_cap: T::Balance,
	/// Smallest amount of one deposit.
	pub min_deposit: T::Balance,
	/// Blocks between queuing a withdrawal and the earliest block it can complete.
	pub withdrawal_delay: BlockNumberFor<T>,
	/// Blocks per withdrawal bucket (epoch) of this vault:
	/// `max(1, ceil(withdrawal_delay / WithdrawalEpochs))`. A withdrawal completes after
	/// `withdrawal_delay` plus less than one bucket length.
	pub bucket_length: BlockNumberFor<T>,
	/// Whether new deposits are refused.
	pub paused: bool,
	/// Native deposit held from `owner` for creating the vault (zero if created by root).
	pub deposit: T::Balance,
	/// Collateral put into the vault account at creation (the asset's minimum balance) so the
	/// account can never be reaped; it belongs to no pool and is never paid out.
	pub existential_reserve: T::Balance,
	/// Collateral of all the vault's pools: active stake plus every withdrawal bucket
	/// (matured or not) that has not been paid out yet.
	pub total_stake: T::Balance,
}

impl<T: Config> VaultInfo<T> {
	/// Bucket of a withdrawal queued at `now`: `ceil((now + withdrawal_delay) / bucket_length)`.
	/// `None` on overflow.
	pub fn bucket_at(&self, now: BlockNumberFor<T>) -> Option<BucketIndex<T>> {
		use sp_runtime::traits::{CheckedAdd, One, Zero};
		if self.bucket_length.is_zero() {
			return None;
		}
		let due = now.checked_add(&self.withdrawal_delay)?;
		let whole = due / self.bucket_length;
		if (due % self.bucket_length).is_zero() {
			Some(whole)
		} else {
			whole.checked_add(&One::one())
		}
	}

	/// Block at which `bucket` matures: it stops being slashable and can be completed.
	pub fn maturity_of(&self, bucket: BucketIndex<T>) -> BlockNumberFor<T> {
		use sp_runtime::traits::Saturating;
		bucket.saturating_mul(self.bucket_length)
	}
}

/// Status of an operator.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum OperatorStatus {
	/// Accepts new delegations.
	Active,
	/// Temporarily accepts no new delegations; can resume.
	Paused,
	/// Left for good: accepts no new delegations; existing stake stays (and stays slashable)
	/// until its stakers withdraw.
	Leaving,
}

/// A registered operator.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct OperatorInfo<T: Config> {
	/// Commission in force (unless `pending_commission` has become effective).
	pub commission: Perbill,
	/// A commission increase and the block from which it is in force.
	pub pending_commission: Option<(Perbill, BlockNumberFor<T>)>,
	/// Whether the operator accepts new delegations.
	pub status: OperatorStatus,
	/// Free-form metadata (e.g. a URL or a JSON document).
	pub metadata: BoundedVec<u8, T::MaxMetadataLen>,
}

impl<T: Config> OperatorInfo<T> {
	/// Commission in force at block `now`: the pending one once it is effective.
	pub fn commission_at(&self, now: BlockNumberFor<T>) -> Perbill {
		match self.pending_commission {
			Some((pending, effective_at)) if effective_at <= now => pending,
			_ => self.commission,
		}
	}
}

/// Delegation pool of one (vault, operator).
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct PoolInfo<T: Config> {
	/// Stake backing the active shares.
	pub active_stake: T::Balance,
	/// Shares held by the pool's stakers (Σ of their positions).
	pub active_shares: T::Balance,
	/// Withdrawal buckets of this pool that may not have matured yet, ascending. Entries whose
	/// maturity has passed are pruned whenever the pool is touched.
	pub live_buckets: BoundedVec<BucketIndex<T>, T::MaxLiveBuckets>,
	/// Per reward asset: the reward-per-share counter and the stream feeding it
	/// ([`crate::reward`]).
	pub rewards: PoolRewards<T>,
}

/// Withdrawal bucket of a pool: all withdrawals of the pool maturing in the same epoch.
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct WithdrawalBucket<T: Config> {
	/// Collateral of the bucket (lowered by slashes while the bucket is live).
	pub stake: T::Balance,
	/// Bucket shares of the pending withdrawals pointing at this bucket.
	pub shares: T::Balance,
}

/// A staker's position in one pool.
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Position<T: Config> {
	/// Active shares of the pool.
	pub shares: T::Balance,
	/// Pool accumulator values at the last settlement, per reward asset (absent = zero).
	pub reward_debts: RewardCounters<T>,
	/// Settled rewards not taken yet, per reward asset.
	pub unclaimed: RewardAmounts<T>,
}

impl<T: Config> Position<T> {
	/// Whether the position holds nothing (no shares, no untaken rewards) and can be removed.
	pub fn is_empty(&self) -> bool {
		use sp_runtime::traits::Zero;
		self.shares.is_zero() && self.unclaimed.iter().all(|(_, amount)| amount.is_zero())
	}
}

/// A queued withdrawal of a staker.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct PendingWithdrawal<T: Config> {
	/// Vault of the pool the shares left.
	pub vault: VaultId,
	/// Operator of the pool the shares left.
	pub operator: T::AccountId,
	/// Bucket holding the withdrawn stake.
	pub bucket: BucketIndex<T>,
	/// Bucket shares of this withdrawal.
	pub shares: T::Balance,
	/// If set, completion deposits the amount into (`vault`, this operator) instead of paying
	/// it out.
	pub redelegate_to: Option<T::AccountId>,
}

/// Stake of an operator's pool in one vault, as answered by
/// [`crate::Pallet::operator_pool_stakes`].
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct OperatorPoolStake<T: Config> {
	/// The vault.
	pub vault: VaultId,
	/// Collateral asset of the vault.
	pub asset: T::AssetKind,
	/// Active stake and unmatured withdrawals of the pool.
	pub stake: PoolStake<T::Balance>,
}

/// A staker's position with its current value, as answered by
/// [`crate::Pallet::staker_position_values`].
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct PositionValue<T: Config> {
	/// Vault of the pool.
	pub vault: VaultId,
	/// Operator of the pool.
	pub operator: T::AccountId,
	/// Collateral asset of the vault.
	pub asset: T::AssetKind,
	/// Active shares of the position.
	pub shares: T::Balance,
	/// Value of the shares at the pool rate, rounded down (what queuing them would move).
	pub stake: T::Balance,
}

/// A queued withdrawal with its current value, as answered by
/// [`crate::Pallet::pending_withdrawal_values`].
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct PendingWithdrawalValue<T: Config> {
	/// Index in the staker's queue (argument of [`crate::Pallet::complete_withdrawal`]).
	pub index: u32,
	/// Vault of the pool the shares left.
	pub vault: VaultId,
	/// Operator of the pool the shares left.
	pub operator: T::AccountId,
	/// Collateral asset of the vault.
	pub asset: T::AssetKind,
	/// Bucket shares of the withdrawal.
	pub shares: T::Balance,
	/// What completion would pay now: the shares at the bucket's post-slash rate.
	pub value: T::Balance,
	/// Block at which the bucket matures (the withdrawal can be completed from then on).
	pub matures_at: BlockNumberFor<T>,
	/// Target operator of a redelegation.
	pub redelegate_to: Option<T::AccountId>,
}
