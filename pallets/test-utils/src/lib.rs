//! The scaffolding every mock runtime of the restaking ledger shares.
//!
//! Each pallet's unit tests (`pallets/*/src/mock.rs`) and the cross-pallet tests
//! (`pallets/integration-tests`) run on the same base: frame-system, pallet-balances for the
//! native token, pallet-assets for other collateral and reward assets, and the two behind one
//! `fungibles` interface ([`NativeOrWithId`] through `UnionOf`), as in the runtime. The base is
//! written once here, in [`mock_runtime!`]; each mock adds only its own pallets, their configs
//! and its fixtures.
//!
//! The pallets that read the AVS registry only through its traits (slashing, rewards) test
//! against one in-storage registry, [`mock_avs_registry!`], instead of a hand-written mock
//! each. It is a macro, like the base, so that this crate depends on no pallet: a pallet's
//! dev-dependency on it never forms a cycle.
//!
//! [`NativeOrWithId`]: https://docs.rs/frame-support/latest/frame_support/traits/tokens/fungible/enum.NativeOrWithId.html

#![no_std]

mod avs_registry;

/// Declares a mock runtime: frame-system, pallet-balances and pallet-assets configured as the
/// ledger's tests need them, the pallets listed, and the types and helpers every mock uses.
///
/// ```ignore
/// restaking_test_utils::mock_runtime! {
///     pub enum Test {
///         Restaking: pallet_restaking,
///     }
///     account_id: u128,
///     existential_deposit: 5,
/// }
/// ```
///
/// Expands, in the calling module, to:
/// - the types `AccountId` (as given: `u128` where `PalletId` sub-accounts must differ, `u64`
///   elsewhere), `Balance = u128`, `BlockNumber = u64`, `AssetKind = NativeOrWithId<u32>`;
/// - `construct_runtime!` with `System`, `Balances`, `Assets` and the listed pallets, in order;
/// - the configs of frame-system, pallet-balances (existential deposit `ED`, as given) and
///   pallet-assets (signed accounts create assets, root forces), from their
///   `TestDefaultConfig` preludes;
/// - `NativeAndAssets`: the native token and the assets behind one `fungibles` interface;
/// - `run_to_block(n)`: every pallet's `on_finalize` and `on_initialize` up to block `n`;
/// - with the caller's `runtime-benchmarks` feature, `benchmark_mintable_asset(index)` for the
///   mocks' benchmark helpers.
///
/// The caller's pallet configs, genesis and fixtures stay in its own mock.
#[macro_export]
macro_rules! mock_runtime {
	(
		pub enum $runtime:ident {
			$($name:ident : $pallet:ident),* $(,)?
		}
		account_id: $account:ty,
		existential_deposit: $ed:expr $(,)?
	) => {
		/// Account ids of the mock runtime.
		pub type AccountId = $account;
		/// Balances of the native token and of every asset.
		pub type Balance = u128;
		/// Block numbers (frame-system's mock block).
		pub type BlockNumber = u64;
		/// Collateral and reward assets: the native token or a pallet-assets id.
		pub type AssetKind = frame_support::traits::fungible::NativeOrWithId<u32>;
		type Block = frame_system::mocking::MockBlock<$runtime>;

		frame_support::construct_runtime!(
			pub enum $runtime {
				System: frame_system,
				Balances: pallet_balances,
				Assets: pallet_assets,
				$($name: $pallet,)*
			}
		);

		// `derive_impl`'s expansion names the attribute unqualified.
		use frame_support::derive_impl;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for $runtime {
			type Block = Block;
			type AccountId = AccountId;
			type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
			type AccountData = pallet_balances::AccountData<Balance>;
		}

		/// Existential deposit of the native token.
		pub const ED: Balance = $ed;

		#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for $runtime {
			type Balance = Balance;
			type ExistentialDeposit = frame_support::traits::ConstU128<ED>;
			type AccountStore = System;
		}

		#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
		impl pallet_assets::Config for $runtime {
			type Balance = Balance;
			type Currency = Balances;
			type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
				frame_system::EnsureSigned<AccountId>,
			>;
			type ForceOrigin = frame_system::EnsureRoot<AccountId>;
		}

		/// The native token and the pallet-assets assets behind one `fungibles` interface, as
		/// in the runtime.
		pub type NativeAndAssets = frame_support::traits::fungible::UnionOf<
			Balances,
			Assets,
			frame_support::traits::fungible::NativeFromLeft,
			AssetKind,
			AccountId,
		>;

		/// The `index`-th mintable asset of the benchmark helpers: the native token for index
		/// 0, else pallet-assets asset `2_000_000 + index`, created (sufficient, minimum
		/// balance 1) on first use.
		#[cfg(feature = "runtime-benchmarks")]
		pub fn benchmark_mintable_asset(index: u32) -> AssetKind {
			use frame_support::traits::fungible::NativeOrWithId;
			if index == 0 {
				return NativeOrWithId::Native;
			}
			let id = 2_000_000u32.saturating_add(index);
			if !pallet_assets::Asset::<$runtime>::contains_key(id) {
				frame_support::assert_ok!(Assets::force_create(
					RuntimeOrigin::root(),
					id,
					AccountId::default(),
					true,
					1,
				));
			}
			NativeOrWithId::WithId(id)
		}

		/// Run every pallet's `on_finalize` and `on_initialize` up to block `n`.
		pub fn run_to_block(n: BlockNumber) {
			System::run_to_block::<AllPalletsWithSystem>(n);
		}
	};
}
