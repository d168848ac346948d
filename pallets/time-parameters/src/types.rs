//! The time parameters, the envelope of the windows already in use, and the relations between
//! them that keep slashing sound.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::traits::AtLeast32BitUnsigned;

/// The safety windows of the restaking ledger, in blocks.
///
/// Every duration that something waits for is fixed when it is queued (a withdrawal bucket
/// matures at the vault's own delay, a slash request stores its `executable_at`, an opt-out
/// its AVS's delay, an allocation increase and a commission increase their `effective_at`,
/// an incident record its `expires_at`), so changing a value here never moves anything that
/// is already waiting.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeParams<BlockNumber> {
	/// Shortest veto window an AVS may configure (at least one block).
	pub min_veto_window: BlockNumber,
	/// Longest veto window an AVS may configure.
	pub max_veto_window: BlockNumber,
	/// Request latency: an incident may be reported until it is this old (the slashing
	/// pallet's `MaxIncidentAge`; its records are kept as long). At least one block.
	pub max_incident_age: BlockNumber,
	/// Shortest withdrawal delay a vault may configure.
	pub min_withdrawal_delay: BlockNumber,
	/// Longest withdrawal delay a vault may configure.
	pub max_withdrawal_delay: BlockNumber,
	/// Shortest opt-out (and deregistration) delay an AVS may configure.
	pub min_opt_out_delay: BlockNumber,
	/// Longest opt-out (and deregistration) delay an AVS may configure.
	pub max_opt_out_delay: BlockNumber,
	/// Blocks before an allocation increase is in force (stakers see it coming).
	pub allocation_delay: BlockNumber,
	/// Blocks before an operator's commission increase is in force.
	pub commission_change_delay: BlockNumber,
	/// Shortest wait before a change of an AVS's rules that puts more at risk (another
	/// slasher, resolver or destination, a higher cap, a shorter veto window, a longer opt-out
	/// delay) is in force. The AVS registry makes the wait longer where needed: at least the
	/// AVS's opt-out delay and the longest withdrawal wait of its vaults, so every operator and
	/// staker who disagrees is out before the new rules apply. Zero: only those waits.
	pub avs_rule_change_delay: BlockNumber,
	/// Shortest reward period an AVS may submit (at least one block).
	pub min_reward_duration: BlockNumber,
}

/// The widest windows any vault or AVS may still be configured with: vaults and AVSs keep the
/// delays they were created or updated with, so when a bound moves, the ones created under
/// the old bound still exist. Each field only ever moves outward.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Envelope<BlockNumber> {
	/// The longest `max_veto_window` ever in force: no AVS has a longer veto window.
	pub longest_veto_window: BlockNumber,
	/// The shortest `min_withdrawal_delay` ever in force: no vault has a shorter delay.
	pub shortest_withdrawal_delay: BlockNumber,
	/// The shortest `min_opt_out_delay` ever in force: no AVS has a shorter opt-out delay.
	pub shortest_opt_out_delay: BlockNumber,
}

/// Why a set of time parameters is refused. Each maps to an error of the pallet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InvalidParams {
	/// A minimum is above its maximum, or a window that must last is zero.
	BadBounds,
	/// `max_veto_window + max_incident_age` is not below `min_withdrawal_delay`.
	SlashWindowNotBelowWithdrawalDelay,
	/// `min_opt_out_delay` is below `min_withdrawal_delay`.
	OptOutDelayBelowWithdrawalDelay,
	/// `min_reward_duration` is above `min_withdrawal_delay`: no period could be paid to a
	/// vault with the shortest delay.
	RewardDurationAboveWithdrawalDelay,
	/// The relations fail against the envelope of existing vaults and AVSs.
	BreaksExistingWindows,
	/// `max_incident_age` was raised.
	IncidentAgeRaised,
}

impl<B: AtLeast32BitUnsigned + Copy> TimeParams<B> {
	/// The relations every setting keeps, on their own:
	/// - `1 <= min_veto_window <= max_veto_window`, `1 <= max_incident_age`,
	///   `min_withdrawal_delay <= max_withdrawal_delay`, `min_opt_out_delay <=
	///   max_opt_out_delay`, `1 <= min_reward_duration`;
	/// - `max_veto_window + max_incident_age < min_withdrawal_delay`: stake slashable when an
	///   incident occurs is still in its pool (active or in a live withdrawal bucket) when the
	///   incident is reported, however late within the request latency, and when the veto
	///   window of that request ends;
	/// - `min_withdrawal_delay <= min_opt_out_delay`: an operator cannot leave an AVS sooner
	///   than its stakers can leave the operator;
	/// - `min_reward_duration <= min_withdrawal_delay`: some period can always be paid.
	pub fn check(&self) -> Result<(), InvalidParams> {
		let one = B::one();
		let bounds_ok = self.min_veto_window >= one &&
			self.min_veto_window <= self.max_veto_window &&
			self.max_incident_age >= one &&
			self.min_withdrawal_delay <= self.max_withdrawal_delay &&
			self.min_opt_out_delay <= self.max_opt_out_delay &&
			self.min_reward_duration >= one;
		if !bounds_ok {
			return Err(InvalidParams::BadBounds);
		}
		if !slash_window_fits(
			self.max_veto_window,
			self.max_incident_age,
			self.min_withdrawal_delay,
		) {
			return Err(InvalidParams::SlashWindowNotBelowWithdrawalDelay);
		}
		if self.min_opt_out_delay < self.min_withdrawal_delay {
			return Err(InvalidParams::OptOutDelayBelowWithdrawalDelay);
		}
		if self.min_reward_duration > self.min_withdrawal_delay {
			return Err(InvalidParams::RewardDurationAboveWithdrawalDelay);
		}
		Ok(())
	}

	/// The envelope of a chain that has only ever had these parameters (genesis).
	pub fn envelope(&self) -> Envelope<B> {
		Envelope {
			longest_veto_window: self.max_veto_window,
			shortest_withdrawal_delay: self.min_withdrawal_delay,
			shortest_opt_out_delay: self.min_opt_out_delay,
		}
	}

	/// Replace `self` (in force, with `envelope` the envelope of existing vaults and AVSs) by
	/// `new`: `new` must keep the relations of [`Self::check`] on its own and against the
	/// widened envelope (vaults and AVSs made under older bounds still exist), and must not
	/// raise `max_incident_age` (incident records already pruned under the old age would
	/// become reportable again: a second slash for one incident). Returns the widened envelope.
	pub fn change_to(
		&self,
		envelope: &Envelope<B>,
		new: &Self,
	) -> Result<Envelope<B>, InvalidParams> {
		new.check()?;
		if new.max_incident_age > self.max_incident_age {
			return Err(InvalidParams::IncidentAgeRaised);
		}
		let widened = envelope.widen(new);
		if !slash_window_fits(
			widened.longest_veto_window,
			new.max_incident_age,
			widened.shortest_withdrawal_delay,
		) || widened.shortest_opt_out_delay < widened.shortest_withdrawal_delay
		{
			return Err(InvalidParams::BreaksExistingWindows);
		}
		Ok(widened)
	}
}

impl<B: AtLeast32BitUnsigned + Copy> Envelope<B> {
	/// The envelope once `params` are in force as well.
	pub fn widen(&self, params: &TimeParams<B>) -> Self {
		Envelope {
			longest_veto_window: self.longest_veto_window.max(params.max_veto_window),
			shortest_withdrawal_delay: self
				.shortest_withdrawal_delay
				.min(params.min_withdrawal_delay),
			shortest_opt_out_delay: self.shortest_opt_out_delay.min(params.min_opt_out_delay),
		}
	}

	/// Whether `params` lie inside the envelope (the envelope has widened to cover them).
	pub fn covers(&self, params: &TimeParams<B>) -> bool {
		self.longest_veto_window >= params.max_veto_window &&
			self.shortest_withdrawal_delay <= params.min_withdrawal_delay &&
			self.shortest_opt_out_delay <= params.min_opt_out_delay
	}
}

/// `veto_window + incident_age < withdrawal_delay`, false on overflow.
fn slash_window_fits<B: AtLeast32BitUnsigned + Copy>(
	veto_window: B,
	incident_age: B,
	withdrawal_delay: B,
) -> bool {
	veto_window
		.checked_add(&incident_age)
		.is_some_and(|latest_cut| latest_cut < withdrawal_delay)
}
