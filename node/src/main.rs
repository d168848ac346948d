//! Restaking ledger node: BABE block production + GRANDPA finality on top of the
//! `restaking-runtime` FRAME runtime.

#![warn(missing_docs)]
// `sc_cli::Error` / `sc_service::Error` are large; their size is fixed by the Substrate
// APIs whose results this node passes on.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;

fn main() -> sc_cli::Result<()> {
	command::run()
}
