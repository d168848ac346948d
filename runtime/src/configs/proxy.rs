//! Proxies ([`pallet_proxy`]) with the restaking roles as proxy types, batches
//! ([`pallet_utility`]) and multisig accounts ([`pallet_multisig`]).
//!
//! A proxy account acts for its delegator with the calls its [`ProxyType`] allows:
//!
//! | type          | calls                                                                  |
//! |---------------|------------------------------------------------------------------------|
//! | `Any`         | every call                                                             |
//! | `NonTransfer` | every call except balances, assets, sudo, multisig and `submit_rewards` |
//! | `Operator`    | operator record, AVS opt-in/out and allocations, `claim_commission`    |
//! | `Staker`      | deposit, withdrawals, redelegation, reward claims                      |
//! | `AvsOwner`    | AVS management, slash requests and vetoes, `submit_rewards`            |
//! | `VaultOwner`  | vault creation, limits, pause and resume                               |
//! | `CancelProxy` | `proxy.reject_announcement`                                            |
//!
//! Every restricted type also allows `utility` batches: pallet-utility dispatches each inner
//! call with the proxy's filtered origin, so a batch never reaches further than its calls
//! would alone. Multisig calls are `Any` only: `as_multi` executes its call as the multisig
//! account under a fresh, unfiltered origin, so a restricted proxy approving one could move
//! funds of the multisig. pallet-proxy itself stops a proxy from adding or removing a proxy
//! of a type that is not a subset of its own ([`ProxyType::is_superset`]).
//!
//! Deposits: every proxy definition, announcement and open multisig operation reserves a
//! native deposit by [`super::super::deposit`] (items and bytes stored), returned when the
//! record is removed; the counts per account are bounded by `MaxProxies`, `MaxPending` and
//! `MaxSignatories`.

use super::*;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::InstanceFilter;
use scale_info::TypeInfo;

/// What a proxy may do for its delegator (see the module docs for the calls of each type).
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Every call.
	#[default]
	Any = 0,
	/// Every call that cannot move the delegator's funds to another account.
	NonTransfer = 1,
	/// The calls an operator makes: its record, AVS opt-ins and allocations, commission.
	Operator = 2,
	/// The calls a staker makes: deposits, withdrawals, redelegation, reward claims.
	Staker = 3,
	/// The calls an AVS owner (and its slasher or resolver) makes.
	AvsOwner = 4,
	/// The calls a vault owner makes: creation, limits, pause and resume.
	VaultOwner = 5,
	/// Only rejecting announcements of time-delayed proxies.
	CancelProxy = 6,
}

impl ProxyType {
	/// Whether `call` is an operator's call.
	fn is_operator_call(call: &RuntimeCall) -> bool {
		use pallet_avs_registry::Call as Avs;
		use pallet_restaking::Call as Ledger;
		matches!(
			call,
			RuntimeCall::Restaking(
				Ledger::register_operator { .. } |
					Ledger::set_commission { .. } |
					Ledger::pause_operator { .. } |
					Ledger::resume_operator { .. } |
					Ledger::leave_operators { .. }
			) | RuntimeCall::AvsRegistry(
				Avs::opt_in { .. } |
					Avs::opt_out { .. } |
					Avs::finalize_opt_out { .. } |
					Avs::set_allocation { .. } |
					Avs::prune_allocation { .. }
			) | RuntimeCall::Rewards(pallet_rewards::Call::claim_commission { .. })
		)
	}

	/// Whether `call` is a staker's call.
	fn is_staker_call(call: &RuntimeCall) -> bool {
		use pallet_restaking::Call as Ledger;
		use pallet_rewards::Call as Rewards;
		matches!(
			call,
			RuntimeCall::Restaking(
				Ledger::deposit { .. } |
					Ledger::queue_withdrawal { .. } |
					Ledger::complete_withdrawal { .. } |
					Ledger::redelegate { .. }
			) | RuntimeCall::Rewards(
				Rewards::claim_rewards { .. } | Rewards::claim_rewards_from { .. }
			)
		)
	}

	/// Whether `call` is an AVS owner's, slasher's or resolver's call.
	fn is_avs_owner_call(call: &RuntimeCall) -> bool {
		use pallet_avs_registry::Call as Avs;
		use pallet_slashing::Call as Slashing;
		matches!(
			call,
			RuntimeCall::AvsRegistry(
				Avs::register_avs { .. } |
					Avs::update_avs { .. } |
					Avs::deregister_avs { .. } |
					Avs::finalize_deregistration { .. } |
					Avs::approve_operator { .. } |
					Avs::reject_operator { .. } |
					Avs::remove_operator { .. }
			) | RuntimeCall::Slashing(
				Slashing::request_slash { .. } |
					Slashing::veto_slash { .. } |
					Slashing::execute_slash { .. } |
					Slashing::prune_incident { .. }
			) | RuntimeCall::Rewards(pallet_rewards::Call::submit_rewards { .. })
		)
	}

	/// Whether `call` is a vault owner's call.
	fn is_vault_owner_call(call: &RuntimeCall) -> bool {
		use pallet_restaking::Call as Ledger;
		matches!(
			call,
			RuntimeCall::Restaking(
				Ledger::create_vault { .. } |
					Ledger::set_vault_limits { .. } |
					Ledger::pause_vault { .. } |
					Ledger::resume_vault { .. }
			)
		)
	}

	/// Whether `call` can move the delegator's funds to another account (or, through sudo or
	/// a multisig, do anything).
	fn is_transfer_call(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Balances(..) |
				RuntimeCall::Assets(..) |
				RuntimeCall::Sudo(..) |
				RuntimeCall::Multisig(..) |
				RuntimeCall::Rewards(pallet_rewards::Call::submit_rewards { .. })
		)
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		// Inner calls of a batch are filtered one by one when the batch dispatches them.
		let is_batch = matches!(
			call,
			RuntimeCall::Utility(
				pallet_utility::Call::batch { .. } |
					pallet_utility::Call::batch_all { .. } |
					pallet_utility::Call::force_batch { .. }
			)
		);
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !Self::is_transfer_call(call),
			ProxyType::Operator => is_batch || Self::is_operator_call(call),
			ProxyType::Staker => is_batch || Self::is_staker_call(call),
			ProxyType::AvsOwner => is_batch || Self::is_avs_owner_call(call),
			ProxyType::VaultOwner => is_batch || Self::is_vault_owner_call(call),
			ProxyType::CancelProxy =>
				is_batch ||
					matches!(
						call,
						RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					),
		}
	}

	/// `self` allows every call `other` allows (checked against the filters by the runtime
	/// test `proxy_supersets_allow_what_their_subsets_allow`).
	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(
				ProxyType::NonTransfer,
				ProxyType::Operator |
				ProxyType::Staker |
				ProxyType::VaultOwner |
				ProxyType::CancelProxy,
			) => true,
			_ => false,
		}
	}
}

parameter_types! {
	/// Reserved for an account's proxy list (one storage item).
	pub const ProxyDepositBase: Balance = super::super::deposit(1, 8);
	/// Reserved per proxy definition (delegate 32, type 1, delay 4 bytes).
	pub const ProxyDepositFactor: Balance = super::super::deposit(0, 37);
	/// Reserved for an account's announcement list (one storage item).
	pub const AnnouncementDepositBase: Balance = super::super::deposit(1, 8);
	/// Reserved per announcement (real 32, call hash 32, height 4 bytes).
	pub const AnnouncementDepositFactor: Balance = super::super::deposit(0, 68);
	/// Reserved for an open multisig operation (one storage item of about 88 bytes).
	pub const MultisigDepositBase: Balance = super::super::deposit(1, 88);
	/// Reserved per signatory of an open multisig operation.
	pub const MultisigDepositFactor: Balance = super::super::deposit(0, 32);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = crate::weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::OriginTrait;
	use sp_runtime::{traits::Dispatchable, BuildStorage};

	const ALL: [ProxyType; 7] = [
		ProxyType::Any,
		ProxyType::NonTransfer,
		ProxyType::Operator,
		ProxyType::Staker,
		ProxyType::AvsOwner,
		ProxyType::VaultOwner,
		ProxyType::CancelProxy,
	];

	fn account(byte: u8) -> AccountId {
		AccountId::new([byte; 32])
	}

	/// One call of every kind the filters tell apart.
	fn sample_calls() -> Vec<RuntimeCall> {
		vec![
			RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: account(2).into(),
				value: UNIT,
			}),
			RuntimeCall::Assets(pallet_assets::Call::transfer {
				id: 1u32.into(),
				target: account(2).into(),
				amount: 1,
			}),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			}),
			RuntimeCall::Multisig(pallet_multisig::Call::approve_as_multi {
				threshold: 2,
				other_signatories: vec![account(2)],
				maybe_timepoint: None,
				call_hash: [0; 32],
				max_weight: Weight::zero(),
			}),
			RuntimeCall::Restaking(pallet_restaking::Call::set_commission {
				commission: Perbill::from_percent(5),
			}),
			RuntimeCall::Restaking(pallet_restaking::Call::deposit {
				vault: 0,
				operator: account(3),
				amount: UNIT,
			}),
			RuntimeCall::Restaking(pallet_restaking::Call::pause_vault { vault: 0 }),
			RuntimeCall::Restaking(pallet_restaking::Call::pay_unpaid_slash {
				vault: 0,
				destination: pallet_restaking::SlashDestination::Burn,
			}),
			RuntimeCall::AvsRegistry(pallet_avs_registry::Call::opt_in { avs: 0 }),
			RuntimeCall::AvsRegistry(pallet_avs_registry::Call::deregister_avs { avs: 0 }),
			RuntimeCall::Slashing(pallet_slashing::Call::veto_slash { slash_id: 0 }),
			RuntimeCall::Rewards(pallet_rewards::Call::submit_rewards {
				avs: 0,
				asset: AssetKind::Native,
				amount: UNIT,
				duration: 10,
				operator_weights: None,
			}),
			RuntimeCall::Rewards(pallet_rewards::Call::claim_rewards {}),
			RuntimeCall::Rewards(pallet_rewards::Call::claim_commission {
				asset: AssetKind::Native,
			}),
			RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement {
				delegate: account(2).into(),
				call_hash: Default::default(),
			}),
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: account(2).into(),
				proxy_type: ProxyType::Staker,
				delay: 0,
			}),
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![] }),
		]
	}

	#[test]
	fn proxy_supersets_allow_what_their_subsets_allow() {
		let calls = sample_calls();
		for x in ALL {
			for y in ALL {
				let allowed_by_y_not_x = calls.iter().find(|c| y.filter(c) && !x.filter(c));
				if x.is_superset(&y) {
					assert!(
						allowed_by_y_not_x.is_none(),
						"{x:?} claims to contain {y:?} but refuses {allowed_by_y_not_x:?}"
					);
				} else if x != y {
					// Not a superset: some sampled call of `y` is refused by `x`, i.e. the
					// relation is as tight as the filters (no missing superset claim).
					assert!(
						allowed_by_y_not_x.is_some(),
						"{x:?} allows every sampled call of {y:?}: declare it a superset or \
						 sample a call that tells them apart"
					);
				}
			}
		}
	}

	#[test]
	fn restricted_proxies_cannot_move_funds() {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(2).into(),
			value: UNIT,
		});
		let submit = RuntimeCall::Rewards(pallet_rewards::Call::submit_rewards {
			avs: 0,
			asset: AssetKind::Native,
			amount: UNIT,
			duration: 10,
			operator_weights: None,
		});
		for t in ALL.into_iter().filter(|t| *t != ProxyType::Any) {
			assert!(!t.filter(&transfer), "{t:?} may transfer");
		}
		for t in [ProxyType::NonTransfer, ProxyType::Operator, ProxyType::Staker] {
			assert!(!t.filter(&submit), "{t:?} may pay rewards");
		}
	}

	#[test]
	fn a_batch_through_a_proxy_is_filtered_call_by_call() {
		sp_io::TestExternalities::new(
			frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap(),
		)
		.execute_with(|| {
			let staker_proxy = || {
				let mut origin = RuntimeOrigin::signed(account(1));
				origin.add_filter(|c| ProxyType::Staker.filter(c));
				origin
			};
			let claim = || RuntimeCall::Rewards(pallet_rewards::Call::claim_rewards {});
			let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: account(2).into(),
				value: UNIT,
			});
			// The batch call itself passes the Staker filter; the transfer inside does not.
			let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![transfer, claim()],
			});
			let err = batch.dispatch(staker_proxy()).expect_err("the transfer inside is filtered");
			assert_eq!(err.error, frame_system::Error::<Runtime>::CallFiltered.into());
			// A batch of staker calls gets through the filter to the pallet (which finds nothing
			// to claim for this account).
			let batch =
				RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![claim()] });
			let err = batch.dispatch(staker_proxy()).expect_err("nothing to claim");
			assert_eq!(err.error, pallet_rewards::Error::<Runtime>::NothingToClaim.into());
		});
	}
}
