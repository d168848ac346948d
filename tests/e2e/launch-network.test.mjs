// The launch kit, end to end: `scripts/launch-network.sh` makes a three-validator network with
// fresh keys, the validators are started with the start scripts it wrote (nothing else: no
// --bootnodes, no --alice), and the network must
//   - carry none of the public dev keys (//Alice ... //Ferdie, their //stash, sr25519 and
//     ed25519) in its genesis, and no dev account may hold anything;
//   - have exactly the generated BABE and GRANDPA authorities (the generated operators, elected) and sudo key on chain, and the
//     staging template's production-scale safety windows;
//   - peer, produce blocks and finalize them, every validator on the same genesis and the
//     same finalized chain;
//   - obey the generated sudo key: it sends a root call (endowing an account) and, as the collateral tokens'
//     issuer, mints stETH to a validator account.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { steps } from './lib/steps.mjs';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Chain } from './lib/chain.mjs';
import { freePort, httpRpc, nodeBinary, repoRoot } from './lib/node.mjs';

const VALIDATORS = 3;
const DAY = 14_400; // blocks of 6 s
const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { ctx, step } = steps();

describe('launch kit: a network of fresh keys, from scripts/launch-network.sh', { timeout: 10 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'restaking-launch-'));
  const out = join(dir, 'network');
  const nodes = [];
  let network;
  let rpcPort;
  let chain;

  before(async () => {
    await cryptoWaitReady();
  });

  after(async () => {
    if (chain) await chain.disconnect().catch(() => {});
    for (const node of nodes) {
      if (node.exited === null) node.child.kill('SIGTERM');
    }
    for (let i = 0; i < 50 && nodes.some((n) => n.exited === null); i++) await sleep(100);
    for (const node of nodes) if (node.exited === null) node.child.kill('SIGKILL');
    if (ctx.failed) {
      for (const node of nodes) {
        console.log(`# validator ${node.index} log (last lines):\n${readFileSync(node.logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
      }
      console.log(`# kept ${dir}`);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  step('the kit writes a spec, keystores and start scripts with fresh keys only', async () => {
    // The kit numbers the validators' ports up from these two (ranges that do not overlap).
    let p2p;
    do {
      p2p = await freePort();
      rpcPort = await freePort();
    } while (Math.abs(p2p - rpcPort) < VALIDATORS);
    const run = spawnSync(
      'bash',
      [join(repoRoot, 'scripts', 'launch-network.sh'), '--validators', String(VALIDATORS), '--name', 'Launch Test',
        '--id', 'launch_test', '--p2p-port', String(p2p), '--rpc-port', String(rpcPort), out],
      { env: { ...process.env, NODE_BIN: nodeBinary() }, encoding: 'utf8', timeout: 5 * 60_000 },
    );
    assert.equal(run.status, 0, `launch-network.sh failed:\n${run.stderr}\n${run.stdout}`);
    for (let i = 1; i <= VALIDATORS; i++) assert.match(run.stdout, new RegExp(`validator ${i}: .*validator-${i}/start.sh`));

    network = JSON.parse(readFileSync(join(out, 'network.json'), 'utf8'));
    assert.equal(network.id, 'launch_test');
    assert.equal(network.validators.length, VALIDATORS);
    const rawSpec = JSON.parse(readFileSync(join(out, 'chain-spec-raw.json'), 'utf8'));
    const plainSpec = JSON.parse(readFileSync(join(out, 'chain-spec.json'), 'utf8'));
    assert.equal(rawSpec.bootNodes.length, VALIDATORS);
    assert.equal(rawSpec.id, 'launch_test');

    // No public dev key anywhere in the genesis (the runtime wasm itself holds them: its
    // presets use them).
    delete rawSpec.genesis.raw.top['0x3a636f6465'];
    delete plainSpec.genesis.runtimeGenesis.code;
    const raw = JSON.stringify(rawSpec);
    const plain = JSON.stringify(plainSpec);
    for (const type of ['sr25519', 'ed25519']) {
      const keyring = new Keyring({ type, ss58Format: 42 });
      for (const name of DEV_NAMES) {
        for (const suri of [`//${name}`, `//${name}//stash`]) {
          const pair = keyring.addFromUri(suri);
          const hex = u8aToHex(pair.publicKey).slice(2);
          assert.ok(!raw.includes(hex) && !plain.includes(hex), `the spec contains ${suri} (${type})`);
          assert.ok(!plain.includes(pair.address), `the plain spec names ${suri} (${type})`);
        }
      }
    }
    // Fresh keys: every key differs from every other.
    const publics = [network.sudo, ...network.validators.flatMap((v) => [v.babe, v.grandpa])];
    assert.equal(new Set(publics).size, publics.length);
  });

  step('the validators started from their start scripts peer, author and finalize', async () => {
    for (let i = 1; i <= VALIDATORS; i++) {
      const logFile = join(dir, `validator-${i}.log`);
      const log = createWriteStream(logFile);
      const child = spawn(join(out, `validator-${i}`, 'start.sh'), ['--no-mdns', '--no-telemetry', '--no-prometheus'], {
        env: { ...process.env, RESTAKING_NODE: nodeBinary() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
      const node = { index: i, child, logFile, exited: null, rpcPort: rpcPort + i - 1 };
      child.on('close', (code, signal) => {
        node.exited = { code, signal };
      });
      nodes.push(node);
    }
    process.on('exit', () => nodes.forEach((n) => n.exited === null && n.child.kill('SIGKILL')));

    const deadline = Date.now() + 180_000;
    let status;
    for (;;) {
      for (const node of nodes) assert.equal(node.exited, null, `validator ${node.index} exited: ${JSON.stringify(node.exited)}`);
      try {
        status = await Promise.all(
          nodes.map(async (node) => {
            const head = await httpRpc(node.rpcPort, 'chain_getFinalizedHead');
            const finalized = parseInt((await httpRpc(node.rpcPort, 'chain_getHeader', [head])).number, 16);
            const health = await httpRpc(node.rpcPort, 'system_health');
            const genesis = await httpRpc(node.rpcPort, 'chain_getBlockHash', [0]);
            return { finalized, peers: health.peers, genesis };
          }),
        );
        if (status.every((s) => s.finalized >= 3 && s.peers === VALIDATORS - 1)) break;
      } catch {
        // not up yet
      }
      assert.ok(Date.now() < deadline, `the network did not finalize block 3 in time: ${JSON.stringify(status)}`);
      await sleep(1_000);
    }
    assert.equal(new Set(status.map((s) => s.genesis)).size, 1, 'one genesis');
    const height = Math.min(...status.map((s) => s.finalized));
    const hashes = await Promise.all(nodes.map((node) => httpRpc(node.rpcPort, 'chain_getBlockHash', [height])));
    assert.equal(new Set(hashes).size, 1, `the validators finalized different blocks at #${height}`);
    console.log(`# ${VALIDATORS} validators finalized #${height} (genesis ${status[0].genesis})`);
  });

  step('on chain: the generated authorities and sudo key, staging windows, no dev account holds anything; sudo works', async () => {
    chain = await Chain.connect(`ws://127.0.0.1:${rpcPort}`);
    const api = chain.api;
    // In the elected order (equal stakes: by account), not the generated one.
    const babe = (await api.query.babe.authorities()).map(([id]) => u8aToHex(id.toU8a()));
    assert.deepEqual([...babe].sort(), network.validators.map((v) => v.babePublicKey).sort());
    // The validators are the generated operators, elected from their genesis stake in AVS 0.
    const validators = (await api.query.session.validators()).map((a) => a.toString());
    assert.deepEqual([...validators].sort(), network.validators.map((v) => v.account).sort());
    for (const v of network.validators) {
      assert.ok((await api.query.restaking.operators(v.account)).isSome, `validator ${v.index} is no operator`);
      const optIn = await api.query.avsRegistry.optIns(0, v.account);
      assert.equal(optIn.unwrap().toString(), 'OptedIn', `validator ${v.index} is not in the consensus AVS`);
    }
    const grandpa = (await api.query.grandpa.authorities()).map(([id, weight]) => [id.toString(), weight.toNumber()]);
    assert.deepEqual([...grandpa].sort(), network.validators.map((v) => [v.grandpaPublicKey, 1]).sort());
    assert.equal((await api.query.sudo.key()).unwrap().toString(), network.sudo);

    const windows = (await api.query.timeParameters.parameters()).toJSON();
    assert.equal(windows.minWithdrawalDelay, 7 * DAY, 'withdrawals wait 7 days');
    assert.ok(windows.minVetoWindow >= DAY, 'veto windows last at least a day');
    assert.ok(windows.minOptOutDelay >= windows.minWithdrawalDelay);
    assert.equal(windows.commissionChangeDelay, 7 * DAY);

    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    for (const name of DEV_NAMES) {
      const who = keyring.addFromUri(`//${name}`).address;
      assert.equal((await api.query.system.account(who)).data.free.toBigInt(), 0n, `${name} holds native tokens`);
      assert.ok((await api.query.assets.account(1, who)).isNone, `${name} holds stETH`);
    }

    const secrets = JSON.parse(readFileSync(join(out, 'secrets', 'sudo.json'), 'utf8'));
    const sudo = keyring.addFromUri(secrets.secretPhrase);
    assert.equal(sudo.address, network.sudo);
    const validator = network.validators[0].account;
    const newcomer = keyring.addFromUri('//launch-test-newcomer').address;
    const [sudid, mint] = await Promise.all([
      // A root-only call: endow a new account.
      chain.submit(sudo, api.tx.sudo.sudo(api.tx.balances.forceSetBalance(newcomer, 10n ** 13n))),
      chain.submit(sudo, api.tx.assets.mint(1, validator, 10n ** 18n)),
    ]);
    assert.ok(sudid.ok, `sudo failed: ${chain.errorName(sudid.dispatchError)}`);
    const { sudoResult } = chain.findEvent(sudid.events, 'sudo', 'Sudid');
    assert.ok(sudoResult.isOk, `the sudo call failed: ${sudoResult.isErr ? chain.errorName(sudoResult.asErr) : ''}`);
    const endowed = await (await api.at(sudid.blockHash)).query.system.account(newcomer);
    assert.equal(endowed.data.free.toBigInt(), 10n ** 13n);
    assert.ok(mint.ok, `mint failed: ${chain.errorName(mint.dispatchError)}`);
    const minted = await (await api.at(mint.blockHash)).query.assets.account(1, validator);
    assert.equal(minted.unwrap().balance.toBigInt(), 10n ** 18n);
  });
});
