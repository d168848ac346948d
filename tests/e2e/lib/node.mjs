// Start and stop a `restaking-node --dev --tmp` for the end-to-end tests.
//
// The binary is `$NODE_BIN`, else `$CARGO_TARGET_DIR/release/restaking-node` (CARGO_TARGET_DIR
// defaults to `$HOME/.cache/restaking-target`, the shared target dir of this project), else
// `<repo>/target/release/restaking-node`.
//
// `E2E_CHAIN_SPEC=<file>` (or `startDevNode({ chainSpec })`) runs the same single-validator
// chain from a (development) chain spec instead of `--dev` (`--chain <file> --alice
// --force-authoring --tmp`, with a generated node key), e.g. to test a runtime wasm other than
// the one of `--dev` (upgrade.test.mjs starts the previous release this way).

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Path of the node binary to test (throws with the places it looked if there is none). */
export function nodeBinary() {
  const candidates = [];
  if (process.env.NODE_BIN) candidates.push(process.env.NODE_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'restaking-target');
  candidates.push(join(targetDir, 'release', 'restaking-node'));
  candidates.push(join(repoRoot, 'target', 'release', 'restaking-node'));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `restaking-node binary not found (looked at: ${candidates.join(', ')}); ` +
        'build it with `cargo build --release -p restaking-node` or set NODE_BIN',
    );
  }
  return found;
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** JSON-RPC call over HTTP (the node serves HTTP and WebSocket on the same port). */
export async function httpRpc(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) {
    const error = new Error(`${method}: ${JSON.stringify(body.error)}`);
    error.rpcError = body.error;
    throw error;
  }
  return body.result;
}

/**
 * Start `restaking-node --dev --tmp` (or `--chain <chainSpec> --alice ...`) on free ports;
 * resolves once its RPC answers and it has imported block 1.
 * Returns `{ binary, rpcPort, wsUrl, logFile, stop(), tail(lines), args }`.
 */
export async function startDevNode({ timeoutMs = 120_000, chainSpec = process.env.E2E_CHAIN_SPEC } = {}) {
  const binary = nodeBinary();
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logDir = mkdtempSync(join(tmpdir(), 'restaking-e2e-'));
  const logFile = join(logDir, 'node.log');
  const log = createWriteStream(logFile);
  const chain = chainSpec
    ? ['--chain', chainSpec, '--alice', '--force-authoring', '--unsafe-force-node-key-generation']
    : ['--dev'];
  const args = [
    ...chain,
    '--tmp',
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-mdns',
    '--no-telemetry',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  // 'close': the process has exited and its output has been written to the log.
  child.on('close', (code, signal) => {
    exited = { code, signal };
  });

  // Kill the node if the test process goes away without calling stop().
  const killOnExit = () => {
    if (exited === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const tail = (lines = 40) => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited !== null) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
    if (exited === null) {
      child.kill('SIGKILL');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
    }
    log.end();
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await new Promise((r) => log.end(r));
      throw new Error(`restaking-node exited early (${JSON.stringify(exited)}); log:\n${tail()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`restaking-node RPC not ready after ${timeoutMs} ms; log:\n${tail()}`);
    }
    try {
      const header = await httpRpc(rpcPort, 'chain_getHeader');
      if (parseInt(header.number, 16) >= 1) break;
    } catch {
      // not up yet
    }
    await sleep(500);
  }

  return { binary, rpcPort, wsUrl: `ws://127.0.0.1:${rpcPort}`, logFile, stop, tail, args };
}
