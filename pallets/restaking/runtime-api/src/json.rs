//! The serde helpers behind the JSON form of the answer types (see the crate docs, "JSON"):
//! what their derived `Serialize` / `Deserialize` cannot say with attributes alone.

use crate::{OptInState, PendingAllocation};
use alloc::borrow::Cow;
use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};
use sp_runtime::Perbill;

/// `#[serde(with = "json::balance")]`: a balance or share amount as a decimal string (a u128
/// does not fit a JavaScript number), as pallet-transaction-payment's `serde_balance`.
pub mod balance {
	use super::*;

	/// `amount` as a decimal string.
	pub fn serialize<S: Serializer, T: core::fmt::Display>(
		amount: &T,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&amount.to_string())
	}

	/// An amount from a decimal string.
	pub fn deserialize<'de, D: Deserializer<'de>, T: core::str::FromStr>(
		deserializer: D,
	) -> Result<T, D::Error> {
		let decimal = String::deserialize(deserializer)?;
		decimal
			.parse::<T>()
			.map_err(|_| D::Error::custom(format!("{decimal:?} is not a decimal amount")))
	}
}

/// `#[serde(with = "json::incident")]`: a slash's 32-byte incident id as `0x`-prefixed hex.
pub mod incident {
	use super::*;
	use sp_core::bytes::ExpectedLen;

	/// `incident` as `0x`-prefixed lowercase hex.
	pub fn serialize<S: Serializer>(incident: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
		sp_core::bytes::serialize(incident, serializer)
	}

	/// An incident id from `0x`-prefixed hex of exactly 32 bytes.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
		let mut incident = [0u8; 32];
		sp_core::bytes::deserialize_check_len(deserializer, ExpectedLen::Exact(&mut incident))?;
		Ok(incident)
	}
}

/// The two JSON fields of an optional [`PendingAllocation`], both `null` without one.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PendingAllocationFields<BlockNumber> {
	pending_fraction: Option<Perbill>,
	pending_effective_at: Option<BlockNumber>,
}

/// `#[serde(flatten, with = "json::pending_allocation")]`: an optional [`PendingAllocation`]
/// as the fields `pendingFraction` and `pendingEffectiveAt` of the struct that holds it.
pub mod pending_allocation {
	use super::*;

	/// `pending` as its two fields.
	pub fn serialize<S: Serializer, BlockNumber: Serialize>(
		pending: &Option<PendingAllocation<BlockNumber>>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		PendingAllocationFields {
			pending_fraction: pending.as_ref().map(|pending| pending.fraction),
			pending_effective_at: pending.as_ref().map(|pending| &pending.effective_at),
		}
		.serialize(serializer)
	}

	/// A pending allocation from its two fields: both set, or both `null`.
	pub fn deserialize<'de, D: Deserializer<'de>, BlockNumber: Deserialize<'de>>(
		deserializer: D,
	) -> Result<Option<PendingAllocation<BlockNumber>>, D::Error> {
		let fields = PendingAllocationFields::deserialize(deserializer)?;
		match (fields.pending_fraction, fields.pending_effective_at) {
			(Some(fraction), Some(effective_at)) =>
				Ok(Some(PendingAllocation { fraction, effective_at })),
			(None, None) => Ok(None),
			_ => Err(D::Error::custom(
				"pendingFraction and pendingEffectiveAt must both be set or both be null",
			)),
		}
	}
}

/// The two JSON fields of an [`OptInState`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OptInFields<BlockNumber> {
	status: Cow<'static, str>,
	opting_out_until: Option<BlockNumber>,
}

/// An [`OptInState`] as the fields `status` (the variant's name) and `optingOutUntil` (the
/// `until` block of `OptingOut`, else `null`); `#[serde(flatten)]` puts them into the struct
/// that holds it.
impl<BlockNumber: Serialize> Serialize for OptInState<BlockNumber> {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		let (status, opting_out_until) = match self {
			Self::Pending => ("Pending", None),
			Self::OptedIn => ("OptedIn", None),
			Self::OptingOut { until } => ("OptingOut", Some(until)),
		};
		OptInFields { status: status.into(), opting_out_until }.serialize(serializer)
	}
}

impl<'de, BlockNumber: Deserialize<'de>> Deserialize<'de> for OptInState<BlockNumber> {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let fields = OptInFields::deserialize(deserializer)?;
		match (fields.status.as_ref(), fields.opting_out_until) {
			("Pending", None) => Ok(Self::Pending),
			("OptedIn", None) => Ok(Self::OptedIn),
			("OptingOut", Some(until)) => Ok(Self::OptingOut { until }),
			(status, _) => Err(D::Error::custom(format!(
				"invalid opt-in status {status:?} (optingOutUntil is set for \"OptingOut\" only)"
			))),
		}
	}
}
