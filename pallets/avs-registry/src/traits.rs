//! Interfaces the AVS registry offers to the slashing and rewards pallets.

use crate::types::{AvsId, AvsSlashingParams};
use frame_support::pallet_prelude::*;
use pallet_restaking::types::VaultId;
use sp_runtime::Perbill;

/// Read access to AVSs, opt-ins and allocations.
pub trait AvsInspect<AccountId> {
	/// Block number type.
	type BlockNumber;
	/// Asset kind type (matches the restaking pallet's).
	type AssetKind;
	/// Bound on the vaults an operator can allocate to one AVS.
	type MaxVaultsPerAvs: Get<u32>;
	/// Bound on the operators opted in to one AVS.
	type MaxOperatorsPerAvs: Get<u32>;

	/// Owner account of `avs`, `None` if it is not registered.
	fn avs_owner(avs: AvsId) -> Option<AccountId>;
	/// Slashing parameters of `avs` (slasher, resolver, cap, veto window, destination).
	fn slashing_params(avs: AvsId) -> Option<AvsSlashingParams<AccountId, Self::BlockNumber>>;
	/// Opt-out delay of `avs`: how long an operator that opts out (or is removed, or whose AVS
	/// deregisters) stays slashable by it. `None` if the AVS is not registered.
	fn opt_out_delay(avs: AvsId) -> Option<Self::BlockNumber>;
	/// Whether `asset` is an accepted reward asset of `avs`.
	fn accepts_reward_asset(avs: AvsId, asset: &Self::AssetKind) -> bool;
	/// Whether `operator` can be slashed by `avs` now: opted in, or opted out (or deregistered
	/// AVS) but still inside the opt-out delay.
	fn is_slashable(avs: AvsId, operator: &AccountId) -> bool;
	/// Fractions of each pool (`vault`, `operator`) that `avs` may slash now. For each vault
	/// this is the larger of the allocation in force and any decreased allocation that is
	/// still slashable (inside the withdrawal delay). Empty if not slashable.
	fn slashable_allocations(
		avs: AvsId,
		operator: &AccountId,
	) -> BoundedVec<(VaultId, Perbill), Self::MaxVaultsPerAvs>;
	/// Allocations in force of an operator that is currently opted in to `avs` (for reward
	/// splitting): pending increases are not included. Empty if not opted in.
	fn active_allocations(
		avs: AvsId,
		operator: &AccountId,
	) -> BoundedVec<(VaultId, Perbill), Self::MaxVaultsPerAvs>;
	/// Operators currently opted in to `avs` (approved, not opted out).
	fn opted_in_operators(avs: AvsId) -> BoundedVec<AccountId, Self::MaxOperatorsPerAvs>;
}
