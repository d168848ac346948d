//! The committed chain specs in `chain-specs/` are the node's built-in networks, and they must
//! be what this source generates.
//!
//! - `--dev` / `--chain dev` and `--chain local` are the committed raw specs, byte for byte, so
//!   every node has the same genesis wherever it was built, and the plain specs build that
//!   same raw genesis.
//! - The specs are what `--chain dev-source` / `local-source` generate from the presets and
//!   the runtime of this source. The runtime wasm is not byte-for-byte reproducible across
//!   checkouts (panic locations compile source paths into the wasm), so the specs are compared
//!   with the wasm `code` removed, the code by the runtime version the wasm declares (its
//!   `runtime_version` custom section, and the set of entries of its `runtime_apis` section),
//!   and the sources the committed wasm was built from by their digest
//!   (`scripts/runtime-source-digest.sh`, recorded in `chain-specs/runtime-source.sha256`).
//! - `chain-specs/previous-release/dev-raw.json`, the chain CI upgrades to this runtime, runs
//!   an older runtime of the same name.
//!
//! After a runtime change, regenerate the files with `scripts/generate-chain-specs.sh`.

use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::Command,
};

/// Storage key of the runtime code, `:code`, as it appears in a raw spec.
const CODE_KEY: &str = "0x3a636f6465";
/// Decompression limit for the wasm blob.
const MAX_WASM_SIZE: usize = 64 * 1024 * 1024;
/// What to do when a spec is stale.
const REGENERATE: &str = "run `scripts/generate-chain-specs.sh` to regenerate the chain specs \
	 (and commit the result)";

fn repo_root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR"))
		.parent()
		.expect("the node crate lives in the workspace root")
		.to_path_buf()
}

fn chain_specs_dir() -> PathBuf {
	repo_root().join("chain-specs")
}

/// `restaking-node build-spec --chain <chain> --disable-default-bootnode [--raw]`, parsed.
fn generate_spec(chain: &str, raw: bool) -> Value {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_restaking-node"));
	cmd.args(["build-spec", "--chain", chain, "--disable-default-bootnode"]);
	if raw {
		cmd.arg("--raw");
	}
	let output = cmd.output().expect("the restaking-node binary runs");
	assert!(
		output.status.success(),
		"`restaking-node build-spec --chain {chain}{}` failed ({}):\n{}",
		if raw { " --raw" } else { "" },
		output.status,
		String::from_utf8_lossy(&output.stderr)
	);
	serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
		panic!("build-spec --chain {chain} printed invalid JSON: {e}");
	})
}

/// The committed spec file, parsed.
fn committed_spec(file: &str) -> Value {
	let path = chain_specs_dir().join(file);
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
		panic!("cannot read {}: {e}; {REGENERATE}", path.display());
	});
	serde_json::from_str(&text).unwrap_or_else(|e| {
		panic!("{} is not valid JSON: {e}; {REGENERATE}", path.display());
	})
}

/// Removes the wasm code from a spec and returns it (hex string, `0x`-prefixed).
fn take_code(spec: &mut Value, raw: bool, what: &str) -> String {
	let code = if raw {
		spec.pointer_mut("/genesis/raw/top")
			.and_then(Value::as_object_mut)
			.and_then(|top| top.remove(CODE_KEY))
	} else {
		spec.pointer_mut("/genesis/runtimeGenesis")
			.and_then(Value::as_object_mut)
			.and_then(|genesis| genesis.remove("code"))
	};
	match code {
		Some(Value::String(code)) => code,
		other => panic!("{what}: no runtime code in the spec (found {other:?}); {REGENERATE}"),
	}
}

/// Reads an unsigned LEB128 number at `*pos`, advancing `*pos`.
fn read_leb128(bytes: &[u8], pos: &mut usize) -> Result<usize, String> {
	let mut result: u64 = 0;
	let mut shift = 0u32;
	loop {
		let byte = *bytes.get(*pos).ok_or("LEB128 number runs past the end of the wasm")?;
		*pos += 1;
		if shift >= 35 {
			return Err("LEB128 number too large for a u32".into());
		}
		result |= u64::from(byte & 0x7f) << shift;
		if byte & 0x80 == 0 {
			return usize::try_from(result).map_err(|e| e.to_string());
		}
		shift += 7;
	}
}

/// The payload of the wasm custom section `name`, if present.
fn custom_section<'a>(wasm: &'a [u8], name: &str) -> Result<Option<&'a [u8]>, String> {
	if wasm.get(0..4) != Some(b"\0asm".as_slice()) {
		return Err("not a wasm module (bad magic)".into());
	}
	if wasm.get(4..8) != Some([1u8, 0, 0, 0].as_slice()) {
		return Err("unsupported wasm binary version".into());
	}
	let mut pos = 8;
	while pos < wasm.len() {
		let id = wasm[pos];
		pos += 1;
		let size = read_leb128(wasm, &mut pos)?;
		let end = pos.checked_add(size).filter(|end| *end <= wasm.len()).ok_or_else(|| {
			format!("wasm section {id} at offset {pos} runs past the end of the module")
		})?;
		if id == 0 {
			let mut name_pos = pos;
			let name_len = read_leb128(wasm, &mut name_pos)?;
			let name_end = name_pos
				.checked_add(name_len)
				.filter(|name_end| *name_end <= end)
				.ok_or("custom section name runs past its section")?;
			if &wasm[name_pos..name_end] == name.as_bytes() {
				return Ok(Some(&wasm[name_end..end]));
			}
		}
		pos = end;
	}
	Ok(None)
}

/// The `runtime_version` custom section of a spec's (compressed) code, and the entries of
/// its `runtime_apis` section.
fn runtime_version_sections(code_hex: &str, what: &str) -> (Vec<u8>, Option<Vec<Vec<u8>>>) {
	let compressed = hex::decode(code_hex.trim_start_matches("0x"))
		.unwrap_or_else(|e| panic!("{what}: runtime code is not hex: {e}; {REGENERATE}"));
	let wasm =
		sp_maybe_compressed_blob::decompress(&compressed, MAX_WASM_SIZE).unwrap_or_else(|e| {
			panic!("{what}: cannot decompress the runtime code: {e}; {REGENERATE}")
		});
	let section = |name: &str| {
		custom_section(&wasm, name)
			.unwrap_or_else(|e| panic!("{what}: cannot parse the runtime wasm: {e}; {REGENERATE}"))
			.map(<[u8]>::to_vec)
	};
	let version = section("runtime_version").unwrap_or_else(|| {
		panic!("{what}: the runtime wasm has no `runtime_version` section; {REGENERATE}")
	});
	(version, section("runtime_apis").map(|apis| sorted_api_entries(&apis, what)))
}

/// The entries of a `runtime_apis` section, sorted.
///
/// Each runtime API implementation contributes its own `([u8; 8] id, u32 version)` entry to
/// the section, and the linker concatenates them in an order that depends on symbol hashes,
/// which differ between checkouts; the set of entries is what identifies the runtime.
fn sorted_api_entries(section: &[u8], what: &str) -> Vec<Vec<u8>> {
	const ENTRY_LEN: usize = 12;
	assert!(
		section.len() % ENTRY_LEN == 0,
		"{what}: the `runtime_apis` section is not a list of (id, version) entries; {REGENERATE}"
	);
	let mut entries: Vec<Vec<u8>> = section.chunks_exact(ENTRY_LEN).map(<[u8]>::to_vec).collect();
	entries.sort();
	entries
}

/// Reads a SCALE compact-encoded length at `*pos` (the one-, two- and four-byte modes),
/// advancing `*pos`.
fn read_compact_len(bytes: &[u8], pos: &mut usize) -> Result<usize, String> {
	let first = *bytes.get(*pos).ok_or("compact length runs past the end")?;
	let width = match first & 0b11 {
		0 => 1,
		1 => 2,
		2 => 4,
		_ => return Err("compact length in big-integer mode".into()),
	};
	let raw = bytes.get(*pos..*pos + width).ok_or("compact length runs past the end")?;
	*pos += width;
	let mut value = 0u64;
	for (i, byte) in raw.iter().enumerate() {
		value |= u64::from(*byte) << (8 * i);
	}
	usize::try_from(value >> 2).map_err(|e| e.to_string())
}

/// `(spec_name, spec_version)` of a SCALE-encoded `RuntimeVersion` (the `runtime_version`
/// section): spec_name, impl_name, authoring_version, spec_version, ...
fn spec_name_and_version(version: &[u8]) -> Result<(String, u32), String> {
	let mut pos = 0;
	let string = |pos: &mut usize| -> Result<String, String> {
		let len = read_compact_len(version, pos)?;
		let bytes = version.get(*pos..*pos + len).ok_or("string runs past the end")?;
		*pos += len;
		String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())
	};
	let spec_name = string(&mut pos)?;
	let _impl_name = string(&mut pos)?;
	// authoring_version: u32, then spec_version: u32, little endian.
	let spec_version = version
		.get(pos + 4..pos + 8)
		.ok_or("runtime version ends before spec_version")?;
	Ok((spec_name, u32::from_le_bytes(spec_version.try_into().map_err(|_| "4 bytes")?)))
}

/// Paths (JSON pointers) where two values differ, at most `limit` of them.
fn differences(
	committed: &Value,
	generated: &Value,
	path: String,
	out: &mut Vec<String>,
	limit: usize,
) {
	if out.len() >= limit {
		return;
	}
	match (committed, generated) {
		(Value::Object(a), Value::Object(b)) => {
			let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
			for key in keys {
				let sub = format!("{path}/{key}");
				match (a.get(key), b.get(key)) {
					(Some(x), Some(y)) => differences(x, y, sub, out, limit),
					(Some(_), None) => out.push(format!("{sub}: only in the committed spec")),
					(None, Some(_)) => out.push(format!("{sub}: only in the generated spec")),
					(None, None) => {},
				}
				if out.len() >= limit {
					return;
				}
			}
		},
		(a, b) if a != b => {
			let short = |v: &Value| {
				let s = v.to_string();
				if s.chars().count() > 120 {
					format!("{}...", s.chars().take(120).collect::<String>())
				} else {
					s
				}
			};
			out.push(format!("{path}: committed {} != generated {}", short(a), short(b)));
		},
		_ => {},
	}
}

/// Exact equality of two specs, with the first differences in the message.
fn assert_same_spec(expected: &Value, actual: &Value, what: &str) {
	if expected != actual {
		let mut diffs = Vec::new();
		differences(expected, actual, String::new(), &mut diffs, 20);
		panic!("{what}. Differences:\n  {}", diffs.join("\n  "));
	}
}

fn check_spec(chain: &str, raw: bool, file: &str) {
	let what = format!("chain-specs/{file}");
	let mut committed = committed_spec(file);
	let mut generated = generate_spec(chain, raw);

	let committed_code = take_code(&mut committed, raw, &what);
	let generated_code = take_code(&mut generated, raw, &format!("generated spec for {file}"));

	assert_same_spec(
		&committed,
		&generated,
		&format!(
			"{what} is out of date with the node/runtime (compared without the wasm code); \
			 {REGENERATE}"
		),
	);

	let (committed_version, committed_apis) = runtime_version_sections(&committed_code, &what);
	let (generated_version, generated_apis) =
		runtime_version_sections(&generated_code, &format!("generated spec for {file}"));
	assert!(
		committed_version == generated_version,
		"{what}: the runtime version of the committed wasm differs from the built runtime's; \
		 {REGENERATE}"
	);
	assert!(
		committed_apis == generated_apis,
		"{what}: the runtime APIs of the committed wasm differ from the built runtime's; \
		 {REGENERATE}"
	);
}

#[test]
fn dev_plain_spec_is_up_to_date() {
	check_spec("dev-source", false, "dev.json");
}

#[test]
fn dev_raw_spec_is_up_to_date() {
	check_spec("dev-source", true, "dev-raw.json");
}

#[test]
fn local_plain_spec_is_up_to_date() {
	check_spec("local-source", false, "local.json");
}

#[test]
fn local_raw_spec_is_up_to_date() {
	check_spec("local-source", true, "local-raw.json");
}

#[test]
fn the_built_in_chains_are_the_committed_raw_specs() {
	for (chain, file) in [("dev", "dev-raw.json"), ("local", "local-raw.json")] {
		assert_same_spec(
			&committed_spec(file),
			&generate_spec(chain, true),
			&format!(
				"`--chain {chain}` is not chain-specs/{file} byte for byte (the node embeds the \
				 file at build time: rebuild the node)"
			),
		);
	}
}

#[test]
fn the_plain_specs_build_the_committed_raw_genesis() {
	for (plain, raw) in [("dev.json", "dev-raw.json"), ("local.json", "local-raw.json")] {
		let path = chain_specs_dir().join(plain);
		let path = path.to_str().expect("the repository path is UTF-8");
		assert_same_spec(
			&committed_spec(raw),
			&generate_spec(path, true),
			&format!(
				"chain-specs/{plain} does not build the genesis of chain-specs/{raw}; {REGENERATE}"
			),
		);
	}
}

#[test]
fn the_committed_specs_were_generated_from_this_source() {
	let script = repo_root().join("scripts/runtime-source-digest.sh");
	let output = Command::new("bash").arg(&script).output().expect("bash runs");
	assert!(
		output.status.success(),
		"{} failed: {}",
		script.display(),
		String::from_utf8_lossy(&output.stderr)
	);
	let digest = String::from_utf8_lossy(&output.stdout).trim().to_string();
	assert_eq!(digest.len(), 64, "the digest is a SHA-256 in hex, got {digest:?}");
	let recorded_path = chain_specs_dir().join("runtime-source.sha256");
	let recorded = std::fs::read_to_string(&recorded_path)
		.unwrap_or_else(|e| panic!("cannot read {}: {e}; {REGENERATE}", recorded_path.display()));
	assert_eq!(
		recorded.trim(),
		digest,
		"the runtime sources changed since the committed specs (which `--dev` and `--chain local` \
		 run) were generated; {REGENERATE}"
	);
}

#[test]
fn the_previous_release_runs_an_older_runtime_of_the_same_chain() {
	let spec_of = |file: &str| {
		let mut spec = committed_spec(file);
		let code = take_code(&mut spec, true, file);
		let (version, _) = runtime_version_sections(&code, file);
		let name_and_version = spec_name_and_version(&version)
			.unwrap_or_else(|e| panic!("chain-specs/{file}: bad runtime version: {e}"));
		(spec, name_and_version)
	};
	let (previous, (previous_name, previous_version)) = spec_of("previous-release/dev-raw.json");
	let (current, (current_name, current_version)) = spec_of("dev-raw.json");
	assert_eq!(previous_name, current_name, "an upgrade keeps the spec name");
	// The switch to BABE (spec 107) is a new genesis that no forkless upgrade reaches, so the
	// previous release is this dev chain itself, byte for byte, until the next spec_version
	// (tests/e2e/upgrade.test.mjs skips while it is).
	let same_file = std::fs::read(chain_specs_dir().join("previous-release/dev-raw.json")).ok() ==
		std::fs::read(chain_specs_dir().join("dev-raw.json")).ok();
	assert!(
		same_file || previous_version < current_version,
		"the previous release (spec {previous_version}) must be older than this runtime \
		 (spec {current_version}): move chain-specs/dev-raw.json of the last release there"
	);
	assert_eq!(previous["id"], current["id"], "the previous release is the same dev chain");
}

#[test]
fn wasm_section_parser_finds_custom_sections() {
	// magic, version, a type section (id 1, empty), then custom section "runtime_version"
	// with payload [1, 2, 3].
	let mut wasm = b"\0asm".to_vec();
	wasm.extend_from_slice(&[1, 0, 0, 0]);
	wasm.extend_from_slice(&[1, 1, 0]);
	let name = b"runtime_version";
	wasm.push(0);
	wasm.push((1 + name.len() + 3) as u8);
	wasm.push(name.len() as u8);
	wasm.extend_from_slice(name);
	wasm.extend_from_slice(&[1, 2, 3]);

	assert_eq!(custom_section(&wasm, "runtime_version"), Ok(Some([1u8, 2, 3].as_slice())));
	assert_eq!(custom_section(&wasm, "runtime_apis"), Ok(None));
	assert!(custom_section(b"not wasm", "runtime_version").is_err());
	// A section size past the end of the module is an error, not a panic.
	let mut truncated = wasm.clone();
	truncated.truncate(wasm.len() - 2);
	assert!(custom_section(&truncated, "runtime_version").is_err());
}

#[test]
fn runtime_version_parser_reads_name_and_spec_version() {
	// spec_name "restaking" (9 bytes: compact 9 << 2 = 36), impl_name "x" (compact 4),
	// authoring_version 1, spec_version 104, then the rest of the version.
	let mut version = vec![36];
	version.extend_from_slice(b"restaking");
	version.extend_from_slice(&[4, b'x']);
	version.extend_from_slice(&1u32.to_le_bytes());
	version.extend_from_slice(&104u32.to_le_bytes());
	version.extend_from_slice(&[0, 0, 0, 0]);
	assert_eq!(spec_name_and_version(&version), Ok(("restaking".to_string(), 104)));
	// Two-byte compact mode: a length of 64 is `(64 << 2) | 1` little endian.
	assert_eq!(read_compact_len(&[0x01, 0x01], &mut 0), Ok(64));
	// Truncated input is an error, not a panic.
	assert!(spec_name_and_version(&version[..12]).is_err());
}
