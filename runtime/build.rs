//! Builds the runtime's wasm with substrate-wasm-builder.
//!
//! The builder compiles the wasm in a project of its own under the target dir and looks for
//! the workspace's `Cargo.lock` upward from there, which fails when the target dir is outside
//! the checkout (`$HOME/.cache/restaking-target` here): the wasm would be built from freshly
//! resolved dependency versions instead of the locked ones. `WASM_BUILD_WORKSPACE_HINT`
//! points it at this workspace, for this runtime's build only (a workspace-wide setting would
//! also reach the wasm runtimes of dependencies, such as frame-benchmarking-cli's test
//! runtime, and break their builds).

#[cfg(feature = "std")]
fn point_at_the_workspace() {
	const HINT: &str = "WASM_BUILD_WORKSPACE_HINT";
	// Read when the build script runs, not when it is compiled: a build script compiled in
	// another checkout sharing the target dir must not point at that checkout.
	if let (None, Some(manifest_dir)) =
		(std::env::var_os(HINT), std::env::var_os("CARGO_MANIFEST_DIR"))
	{
		std::env::set_var(HINT, std::path::Path::new(&manifest_dir).join(".."));
	}
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	point_at_the_workspace();
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("RSTK", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	point_at_the_workspace();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The wasm builder is deactivated when compiling this crate for wasm, to speed up the compilation.
#[cfg(not(feature = "std"))]
fn main() {}
