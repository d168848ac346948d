//! Smoke test: a `--dev` node starts, authors blocks and answers JSON-RPC.
//!
//! The node is started on free local ports; the test polls `chain_getHeader` over HTTP
//! (a tiny `std::net` client, no extra dependencies) until block #3 is reached. The wait is
//! bounded (a time-out guard, not a timing assertion). The node process is killed when the
//! test ends, also when it fails (a `Drop` guard).

use serde_json::{json, Value};
use std::{
	fs::File,
	io::{Read, Write},
	net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	thread,
	time::{Duration, Instant},
};

/// Upper bound for the node to reach the target block (6 s slots; this is generous on
/// purpose so a loaded 2-core CI machine does not fail the test).
const MAX_WAIT: Duration = Duration::from_secs(180);
/// Block number the node has to reach.
const TARGET_BLOCK: u64 = 3;

/// Kills (and reaps) the node process when dropped.
struct NodeGuard {
	child: Child,
	log_path: PathBuf,
}

impl NodeGuard {
	/// Last lines of the node's log, for failure messages.
	fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(&self.log_path).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		let start = lines.len().saturating_sub(40);
		lines[start..].join("\n")
	}
}

impl Drop for NodeGuard {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
		let _ = std::fs::remove_file(&self.log_path);
	}
}

/// A TCP port on 127.0.0.1 that is free right now.
fn free_port() -> u16 {
	TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
		.and_then(|listener| listener.local_addr())
		.map(|addr| addr.port())
		.expect("the OS hands out a free local port")
}

/// Decodes an HTTP/1.1 `Transfer-Encoding: chunked` body.
fn decode_chunked(mut body: &[u8]) -> Result<Vec<u8>, String> {
	let mut out = Vec::new();
	loop {
		let line_end = body
			.windows(2)
			.position(|w| w == b"\r\n")
			.ok_or("malformed chunked body: no chunk size line")?;
		let size_line = std::str::from_utf8(&body[..line_end]).map_err(|e| e.to_string())?;
		let size_hex = size_line.split(';').next().unwrap_or_default().trim();
		let size = usize::from_str_radix(size_hex, 16)
			.map_err(|e| format!("malformed chunk size {size_hex:?}: {e}"))?;
		body = &body[line_end + 2..];
		if size == 0 {
			return Ok(out);
		}
		let chunk = body.get(..size).ok_or("malformed chunked body: chunk is cut short")?;
		out.extend_from_slice(chunk);
		body = body.get(size + 2..).ok_or("malformed chunked body: missing chunk end")?;
	}
}

/// One JSON-RPC call over HTTP POST to `127.0.0.1:port`; returns the `result` field.
fn rpc_call(port: u16, method: &str, params: Value) -> Result<Value, String> {
	let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
	let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
	let mut stream =
		TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(|e| e.to_string())?;
	stream
		.set_read_timeout(Some(Duration::from_secs(10)))
		.map_err(|e| e.to_string())?;
	stream
		.set_write_timeout(Some(Duration::from_secs(10)))
		.map_err(|e| e.to_string())?;
	let request = format!(
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	);
	stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;

	let mut response = Vec::new();
	stream.read_to_end(&mut response).map_err(|e| e.to_string())?;
	let header_end = response
		.windows(4)
		.position(|w| w == b"\r\n\r\n")
		.ok_or_else(|| format!("no HTTP header end in {:?}", String::from_utf8_lossy(&response)))?;
	let head = String::from_utf8_lossy(&response[..header_end]).to_ascii_lowercase();
	let raw_body = &response[header_end + 4..];
	let status_ok = head.lines().next().is_some_and(|status| status.contains(" 200"));
	if !status_ok {
		return Err(format!("HTTP error: {head} {}", String::from_utf8_lossy(raw_body)));
	}
	let body = if head.contains("transfer-encoding: chunked") {
		decode_chunked(raw_body)?
	} else {
		raw_body.to_vec()
	};

	let reply: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
	match reply.get("result") {
		Some(result) => Ok(result.clone()),
		None => Err(format!("JSON-RPC error reply to {method}: {reply}")),
	}
}

/// Block number of a `chain_getHeader` result (`"number": "0x.."`).
fn header_number(header: &Value) -> Option<u64> {
	let hex = header.get("number")?.as_str()?;
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).ok()
}

#[test]
fn dev_node_produces_blocks_and_serves_rpc() {
	let rpc_port = free_port();
	let p2p_port = free_port();
	let log_path = std::env::temp_dir()
		.join(format!("restaking-node-smoke-{}-{rpc_port}.log", std::process::id()));
	let log = File::create(&log_path).expect("can create the node log file in the temp dir");
	let log_err = log.try_clone().expect("can clone the log file handle");

	let child = Command::new(env!("CARGO_BIN_EXE_restaking-node"))
		.args([
			"--dev",
			"--tmp",
			"--rpc-port",
			&rpc_port.to_string(),
			"--port",
			&p2p_port.to_string(),
			"--no-prometheus",
			"--no-telemetry",
			// No multicast discovery: the test talks to nothing but this machine's loopback.
			"--no-mdns",
		])
		.stdin(Stdio::null())
		.stdout(Stdio::from(log))
		.stderr(Stdio::from(log_err))
		.spawn()
		.expect("the restaking-node binary starts");
	let mut node = NodeGuard { child, log_path };

	let started = Instant::now();
	let mut best = None;
	let mut last_error = String::new();
	while started.elapsed() < MAX_WAIT {
		if let Ok(Some(status)) = node.child.try_wait() {
			panic!("node exited early with {status}; log tail:\n{}", node.log_tail());
		}
		match rpc_call(rpc_port, "chain_getHeader", json!([])) {
			Ok(header) => {
				best = header_number(&header);
				if best.is_some_and(|n| n >= TARGET_BLOCK) {
					break;
				}
			},
			Err(e) => last_error = e,
		}
		thread::sleep(Duration::from_millis(500));
	}

	assert!(
		best.is_some_and(|n| n >= TARGET_BLOCK),
		"node did not reach block #{TARGET_BLOCK} within {MAX_WAIT:?} (best: {best:?}, last RPC \
		 error: {last_error:?}); log tail:\n{}",
		node.log_tail()
	);

	let chain = rpc_call(rpc_port, "system_chain", json!([]))
		.unwrap_or_else(|e| panic!("system_chain failed: {e}; log tail:\n{}", node.log_tail()));
	assert_eq!(chain, json!("Restaking Development"));
}
