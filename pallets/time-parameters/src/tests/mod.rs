//! Unit tests of the time-parameters pallet: relations, changes against the envelope,
//! genesis, the `Get` adapters and the migration.

mod changes;
mod genesis;
mod relations;
