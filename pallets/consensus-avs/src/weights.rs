//! Weights of the consensus AVS pallet.
//!
//! The election runs inside pallet-session's rotation, for which pallet-session charges the
//! whole block (`on_initialize` returns `max_block` when a session ends), so the election's
//! weight is not charged separately. `set_min_validator_stake` writes one value.

use frame_support::weights::{constants::ParityDbWeight, Weight};

/// Weights of the calls.
pub trait WeightInfo {
	/// `set_min_validator_stake`.
	fn set_min_validator_stake() -> Weight;
}

/// One read and one write of a single value, plus the dispatch's own cost (measured for
/// pallet-time-parameters' `set_parameters`, a call of the same shape: about 10 µs).
impl WeightInfo for () {
	fn set_min_validator_stake() -> Weight {
		Weight::from_parts(10_000_000, 1_500)
			.saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
}
