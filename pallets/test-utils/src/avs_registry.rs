//! [`mock_avs_registry!`](crate::mock_avs_registry): the in-storage AVS registry of the unit-test
//! mocks of the pallets that read `pallet_avs_registry::traits::AvsInspect` (slashing, rewards).

/// Declares `MockAvsRegistry`, an honest in-storage implementation of
/// `pallet_avs_registry::traits::AvsInspect`, with the fixtures that fill it.
///
/// ```ignore
/// restaking_test_utils::mock_runtime! { pub enum Test { Slashing: pallet_slashing } ... }
/// restaking_test_utils::mock_avs_registry! {
///     max_vaults_per_avs: MaxVaultsPerAvs,
///     max_operators_per_avs: MaxOperatorsPerAvs,
/// }
/// ```
///
/// Expands after [`mock_runtime!`](crate::mock_runtime) (it names that macro's `AccountId`,
/// `BlockNumber`, `AssetKind` and `System`) to:
/// - `MockAvsRegistry` and its storage (kept in storage so that dispatch rollbacks apply to it):
///   `MockAvsOwner`, `MockAvsParams` (slashing parameters), `MockAvsOptOutDelay`,
///   `MockRewardAssets`, `MockOptedIn` (operators opted in, in opt-in order),
///   `MockSlashableUntil` (per opt-in, the block until which, exclusive, the operator stays
///   slashable: `BlockNumber::MAX` while opted in) and `MockAllocations`;
/// - `register_avs`, `set_reward_assets`, `opt_in` and `opt_out`.
///
/// Its semantics are the real registry's, reduced to what the traits expose: an operator is
/// slashable while opted in and, after `opt_out`, until the block given; it is paid (its
/// allocations are *active*, it is listed by `opted_in_operators`) only while opted in; its
/// slashable allocations are its allocations while it is slashable.
#[macro_export]
macro_rules! mock_avs_registry {
	(
		max_vaults_per_avs: $max_vaults:ty,
		max_operators_per_avs: $max_operators:ty $(,)?
	) => {
		/// Mock implementation of `AvsInspect`, kept in storage.
		pub struct MockAvsRegistry;

		/// Owner of each registered AVS.
		#[frame_support::storage_alias]
		pub type MockAvsOwner = StorageMap<
			MockAvs,
			frame_support::Twox64Concat,
			pallet_avs_registry::types::AvsId,
			AccountId,
		>;
		/// Slashing parameters of each registered AVS.
		#[frame_support::storage_alias]
		pub type MockAvsParams = StorageMap<
			MockAvs,
			frame_support::Twox64Concat,
			pallet_avs_registry::types::AvsId,
			pallet_avs_registry::types::AvsSlashingParams<AccountId, BlockNumber>,
		>;
		/// Opt-out delay of each registered AVS.
		#[frame_support::storage_alias]
		pub type MockAvsOptOutDelay = StorageMap<
			MockAvs,
			frame_support::Twox64Concat,
			pallet_avs_registry::types::AvsId,
			BlockNumber,
		>;
		/// Reward assets each AVS accepts.
		#[frame_support::storage_alias]
		pub type MockRewardAssets = StorageMap<
			MockAvs,
			frame_support::Twox64Concat,
			pallet_avs_registry::types::AvsId,
			Vec<AssetKind>,
		>;
		/// Operators opted in to each AVS (not opted out), in opt-in order.
		#[frame_support::storage_alias]
		pub type MockOptedIn = StorageMap<
			MockAvs,
			frame_support::Twox64Concat,
			pallet_avs_registry::types::AvsId,
			Vec<AccountId>,
		>;
		/// Per opt-in, the block until which (exclusive) the operator is slashable by the AVS;
		/// `BlockNumber::MAX` while opted in.
		#[frame_support::storage_alias]
		pub type MockSlashableUntil = StorageMap<
			MockAvs,
			frame_support::Blake2_128Concat,
			(pallet_avs_registry::types::AvsId, AccountId),
			BlockNumber,
		>;
		/// Allocations of each operator to each AVS.
		#[frame_support::storage_alias]
		pub type MockAllocations = StorageMap<
			MockAvs,
			frame_support::Blake2_128Concat,
			(pallet_avs_registry::types::AvsId, AccountId),
			frame_support::BoundedVec<
				(pallet_restaking::types::VaultId, sp_runtime::Perbill),
				$max_vaults,
			>,
		>;

		impl pallet_avs_registry::traits::AvsInspect<AccountId> for MockAvsRegistry {
			type BlockNumber = BlockNumber;
			type AssetKind = AssetKind;
			type MaxVaultsPerAvs = $max_vaults;
			type MaxOperatorsPerAvs = $max_operators;

			fn avs_owner(avs: pallet_avs_registry::types::AvsId) -> Option<AccountId> {
				MockAvsOwner::get(avs)
			}
			fn slashing_params(
				avs: pallet_avs_registry::types::AvsId,
			) -> Option<pallet_avs_registry::types::AvsSlashingParams<AccountId, BlockNumber>> {
				MockAvsParams::get(avs)
			}
			fn opt_out_delay(avs: pallet_avs_registry::types::AvsId) -> Option<BlockNumber> {
				MockAvsOptOutDelay::get(avs)
			}
			fn accepts_reward_asset(
				avs: pallet_avs_registry::types::AvsId,
				asset: &AssetKind,
			) -> bool {
				MockRewardAssets::get(avs).unwrap_or_default().contains(asset)
			}
			fn is_slashable(avs: pallet_avs_registry::types::AvsId, operator: &AccountId) -> bool {
				MockSlashableUntil::get((avs, operator))
					.is_some_and(|until| System::block_number() < until)
			}
			fn slashable_allocations(
				avs: pallet_avs_registry::types::AvsId,
				operator: &AccountId,
			) -> frame_support::BoundedVec<
				(pallet_restaking::types::VaultId, sp_runtime::Perbill),
				$max_vaults,
			> {
				if Self::is_slashable(avs, operator) {
					MockAllocations::get((avs, operator)).unwrap_or_default()
				} else {
					Default::default()
				}
			}
			fn active_allocations(
				avs: pallet_avs_registry::types::AvsId,
				operator: &AccountId,
			) -> frame_support::BoundedVec<
				(pallet_restaking::types::VaultId, sp_runtime::Perbill),
				$max_vaults,
			> {
				if MockSlashableUntil::get((avs, operator)) == Some(BlockNumber::MAX) {
					MockAllocations::get((avs, operator)).unwrap_or_default()
				} else {
					Default::default()
				}
			}
			fn opted_in_operators(
				avs: pallet_avs_registry::types::AvsId,
			) -> frame_support::BoundedVec<AccountId, $max_operators> {
				frame_support::BoundedVec::truncate_from(MockOptedIn::get(avs).unwrap_or_default())
			}
		}

		/// Register `avs` in the mock registry, owned by `owner`.
		pub fn register_avs(
			avs: pallet_avs_registry::types::AvsId,
			owner: AccountId,
			params: pallet_avs_registry::types::AvsSlashingParams<AccountId, BlockNumber>,
			opt_out_delay: BlockNumber,
		) {
			MockAvsOwner::insert(avs, owner);
			MockAvsParams::insert(avs, params);
			MockAvsOptOutDelay::insert(avs, opt_out_delay);
		}

		/// Set the reward assets `avs` accepts.
		pub fn set_reward_assets(avs: pallet_avs_registry::types::AvsId, assets: Vec<AssetKind>) {
			MockRewardAssets::insert(avs, assets);
		}

		/// Opt `operator` in to `avs` (again, if it had opted out) with `allocations`.
		pub fn opt_in(
			avs: pallet_avs_registry::types::AvsId,
			operator: AccountId,
			allocations: Vec<(pallet_restaking::types::VaultId, sp_runtime::Perbill)>,
		) {
			MockOptedIn::mutate(avs, |operators| {
				let operators = operators.get_or_insert_with(Vec::new);
				if !operators.contains(&operator) {
					operators.push(operator);
				}
			});
			MockSlashableUntil::insert((avs, operator), BlockNumber::MAX);
			MockAllocations::insert(
				(avs, operator),
				frame_support::BoundedVec::truncate_from(allocations),
			);
		}

		/// Opt `operator` out of `avs`: it is no longer paid, and stays slashable until block
		/// `until` (exclusive).
		pub fn opt_out(
			avs: pallet_avs_registry::types::AvsId,
			operator: AccountId,
			until: BlockNumber,
		) {
			MockOptedIn::mutate(avs, |operators| {
				if let Some(operators) = operators {
					operators.retain(|opted_in| *opted_in != operator);
				}
			});
			MockSlashableUntil::insert((avs, operator), until);
		}
	};
}
