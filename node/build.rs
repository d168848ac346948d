use substrate_build_script_utils::{generate_cargo_keys, rerun_if_git_head_changed};

fn main() {
	// Sets `SUBSTRATE_CLI_IMPL_VERSION` / `SUBSTRATE_CLI_COMMIT_HASH` for `--version`.
	generate_cargo_keys();

	rerun_if_git_head_changed();
}
