// Forkless upgrade of a running chain from the previous release to the runtime of this build.
//
// Starts the dev chain of the previous release (`chain-specs/previous-release/dev-raw.json`,
// an older spec_version) with the node binary under test, gives it restaking state through
// the old runtime's calls (a vault, an AVS whose veto window is above the new runtime's
// maximum, an operator with an allocation, a delegation, a queued withdrawal, streaming
// rewards and a pending slash request), then has sudo `system.setCode` the runtime compiled
// into the binary (`--chain dev-source`: the wasm `--dev` runs, spec_version higher) and
// checks that:
//   - the new code is the chain's `:code` and its spec_version is in force;
//   - blocks keep being produced and finalized;
//   - the migrations ran once, in the first block of the new runtime: the new pallet's storage
//     (time-parameters) is initialized, the avs-registry's storage version is 1 and the AVS's
//     veto window is clamped to the new maximum; every other raw key and value of the
//     restaking, avs-registry, slashing and rewards pallets is byte for byte what it was;
//   - the old state keeps working: the pending slash executes at the block it was scheduled
//     for, rewards are claimed, and a new deposit goes in.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { steps } from './lib/steps.mjs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import { Chain, fields } from './lib/chain.mjs';
import { httpRpc, nodeBinary, repoRoot, startDevNode } from './lib/node.mjs';

const ST = 10n ** 18n;
const STETH = { WithId: 1 };
const RETH = { WithId: 2 };
const percent = (p) => p * 10_000_000;
const CODE_KEY = '0x3a636f6465';
const PREVIOUS_SPEC = join(repoRoot, 'chain-specs', 'previous-release', 'dev-raw.json');
// Vault 0 and AVS 0 are the genesis consensus vault and AVS: the test makes the next ones.
const VAULT = 1;
const AVS = 1;
const DEPOSIT = 100n * ST;
const QUEUED = 40n * ST;

/** Storage prefix of a pallet (`twox128(name)`). */
const palletPrefix = (name) => xxhashAsHex(name, 128);
/** Key of a pallet's on-chain storage version. */
const storageVersionKey = (name) => palletPrefix(name) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);

/** The runtime compiled into the node binary: the `:code` of `--chain dev-source`. */
function builtRuntimeCode(binary) {
  const spec = execFileSync(binary, ['build-spec', '--chain', 'dev-source', '--raw', '--disable-default-bootnode'], {
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const code = JSON.parse(spec).genesis.raw.top[CODE_KEY];
  assert.ok(code?.startsWith('0x'), 'build-spec --chain dev-source has a runtime code');
  return code;
}

/** Every raw key/value under `prefix` at block `at` (JSON-RPC, paged). */
async function rawPairs(port, prefix, at) {
  const keys = [];
  for (let start = null; ; ) {
    const page = await httpRpc(port, 'state_getKeysPaged', [prefix, 1000, start, at]);
    keys.push(...page);
    if (page.length < 1000) break;
    start = page.at(-1);
  }
  const pairs = new Map();
  for (let i = 0; i < keys.length; i += 500) {
    const [changes] = await httpRpc(port, 'state_queryStorageAt', [keys.slice(i, i + 500), at]);
    for (const [key, value] of changes.changes) pairs.set(key, value);
  }
  return pairs;
}

const { ctx, step } = steps();

// The previous release ran Aura with a fixed authority list; this one runs BABE with validators
// elected by the consensus AVS, a new genesis that no forkless upgrade can reach (the node of
// this release cannot even import the old chain's Aura blocks). `previous-release/dev-raw.json`
// is therefore this release's own dev chain until the next spec_version: while the two are the
// same file there is no older runtime to upgrade from, and the test says so and skips. The next
// runtime change regenerates dev-raw.json and the test runs again, against an upgrade between
// two BABE releases (its migration checks are then that release's).
const SAME_AS_CURRENT = readFileSync(PREVIOUS_SPEC).equals(readFileSync(join(repoRoot, 'chain-specs', 'dev-raw.json')));

describe('forkless upgrade from the previous release', {
  timeout: 10 * 60_000,
  skip: SAME_AS_CURRENT && 'previous-release/dev-raw.json is this release (the BABE genesis): no older runtime to upgrade from yet',
}, () => {
  let node;
  let chain;
  let api;
  let keys;
  let newCode;
  let old;
  let slash;
  let upgrade;

  const ok = (result) => assert.ok(result.ok, `${result.label} failed: ${chain.errorName(result.dispatchError)}`);
  const freshBlock = (atLeast = 0) => chain.waitForBlock(Math.max(chain.best + 1, atLeast));

  before(async () => {
    await cryptoWaitReady();
    newCode = builtRuntimeCode(nodeBinary());
    node = await startDevNode({ chainSpec: PREVIOUS_SPEC });
    console.log(`# node ${node.binary} (${node.args.join(' ')}), log ${node.logFile}`);
    chain = await Chain.connect(node.wsUrl);
    api = chain.api;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    keys = Object.fromEntries(['Alice', 'Bob', 'Charlie'].map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
  });

  after(async () => {
    if (chain) await chain.disconnect().catch(() => {});
    if (node) {
      if (ctx.failed) console.log(`# last node log lines:\n${node.tail(30)}`);
      await node.stop();
    }
  });

  step('the previous release runs an older runtime than the one built', async () => {
    const previous = JSON.parse(readFileSync(PREVIOUS_SPEC, 'utf8'));
    const genesis = await httpRpc(node.rpcPort, 'chain_getBlockHash', [0]);
    assert.equal((await httpRpc(node.rpcPort, 'state_getStorage', [CODE_KEY, genesis])), previous.genesis.raw.top[CODE_KEY]);
    assert.notEqual(previous.genesis.raw.top[CODE_KEY], newCode, 'the built runtime is not the previous release');
    old = { specVersion: api.runtimeVersion.specVersion.toNumber() };
    console.log(`# previous release: spec ${api.runtimeVersion.specName} ${old.specVersion}`);
    // The old runtime's windows were metadata constants.
    old.minWithdrawalDelay = api.consts.restaking.minWithdrawalDelay.toNumber();
    old.maxVetoWindow = api.consts.avsRegistry.maxVetoWindow.toNumber();
    old.minOptOutDelay = api.consts.avsRegistry.minOptOutDelay.toNumber();
    old.minRewardDuration = api.consts.rewards.minRewardDuration.toNumber();
  });

  step('the old runtime takes restaking state: vault, AVS, operator, allocation, stake, withdrawal, rewards, slash request', async () => {
    const tx = api.tx;
    const avsConfig = {
      metadata: 'upgrade-test AVS',
      acceptedVaults: [VAULT],
      minOperatorStake: 0,
      slashing: {
        slasher: keys.alice.address,
        resolver: null,
        maxSlash: percent(50),
        // The old runtime's longest veto window: above the new runtime's maximum, so the
        // migration must shorten it.
        vetoWindow: old.maxVetoWindow,
        destination: 'Burn',
      },
      rewardAssets: [RETH],
      requiresApproval: false,
      optOutDelay: Math.max(old.minOptOutDelay, old.maxVetoWindow + 1),
    };
    await freshBlock();
    const first = await Promise.all([
      chain.submit(keys.alice, tx.restaking.createVault(STETH, 1_000n * ST, ST, old.minWithdrawalDelay)),
      chain.submit(keys.alice, tx.avsRegistry.registerAvs(avsConfig)),
      chain.submit(keys.bob, tx.restaking.registerOperator(percent(10), 'bob: upgrade test')),
    ]);
    first.forEach(ok);
    const second = await Promise.all([
      chain.submit(keys.bob, tx.avsRegistry.optIn(AVS)),
      chain.submit(keys.bob, tx.avsRegistry.setAllocation(AVS, VAULT, percent(50))),
      chain.submit(keys.charlie, tx.restaking.deposit(VAULT, keys.bob.address, DEPOSIT)),
      chain.submit(keys.charlie, tx.restaking.queueWithdrawal(VAULT, keys.bob.address, QUEUED)),
    ]);
    second.forEach(ok);
    const effectiveAt = chain.findEvent(second[1].events, 'avsRegistry', 'AllocationIncreaseScheduled').effectiveAt.toNumber();
    await freshBlock(effectiveAt);
    const occurredAt = chain.best;
    const third = await Promise.all([
      chain.submit(keys.alice, tx.slashing.requestSlash(AVS, keys.bob.address, percent(20), `0x${'01'.padStart(64, '0')}`, occurredAt, 'upgrade test')),
      chain.submit(keys.alice, tx.rewards.submitRewards(AVS, RETH, 100n * ST, old.minRewardDuration, null)),
    ]);
    third.forEach(ok);
    const requested = chain.findEvent(third[0].events, 'slashing', 'SlashRequested');
    slash = { id: requested.slashId.toNumber(), executableAt: requested.executableAt.toNumber() };
    assert.equal(slash.executableAt, third[0].blockNumber + old.maxVetoWindow);
  });

  step('sudo setCode installs the built runtime: new spec_version, migrations once, restaking storage intact', async () => {
    // Submitted over plain JSON-RPC and followed by its effect: polkadot.js cannot decode the
    // events of the block that sets new code (its state already holds the new runtime).
    const setCode = api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(newCode), { refTime: 0, proofSize: 0 });
    await setCode.signAsync(keys.alice, { nonce: await chain.nextNonce(keys.alice.address) });
    const submittedAfter = chain.best;
    await httpRpc(node.rpcPort, 'author_submitExtrinsic', [setCode.toHex()]);
    let setCodeBlock = null;
    for (let n = submittedAfter + 1; setCodeBlock === null; n++) {
      assert.ok(n <= submittedAfter + 5, 'setCode not included within 5 blocks');
      await chain.waitForBlock(n);
      const { hash } = chain.blocks.get(n);
      if ((await httpRpc(node.rpcPort, 'state_getStorage', [CODE_KEY, hash])) === newCode) setCodeBlock = n;
    }
    const { block } = await httpRpc(node.rpcPort, 'chain_getBlock', [chain.blocks.get(setCodeBlock).hash]);
    assert.ok(block.extrinsics.includes(setCode.toHex()), `the setCode extrinsic is in block #${setCodeBlock}`);
    const before = chain.blocks.get(setCodeBlock).hash;
    const upgradedAt = setCodeBlock + 1;
    await chain.waitForBlock(upgradedAt);
    const after = chain.blocks.get(upgradedAt).hash;
    upgrade = { before, after, block: upgradedAt };

    assert.equal(await httpRpc(node.rpcPort, 'state_getStorage', [CODE_KEY, after]), newCode);
    const version = await httpRpc(node.rpcPort, 'state_getRuntimeVersion', [after]);
    assert.ok(version.specVersion > old.specVersion, `spec ${version.specVersion} is not above ${old.specVersion}`);
    console.log(`# upgraded in block #${upgradedAt}: spec ${old.specVersion} -> ${version.specVersion}`);

    // The migrations ran in the first block of the new runtime.
    const versionOf = async (pallet, at) => httpRpc(node.rpcPort, 'state_getStorage', [storageVersionKey(pallet), at]);
    assert.equal(await versionOf('AvsRegistry', before), '0x0000');
    assert.equal(await versionOf('AvsRegistry', after), '0x0100');
    assert.equal(await versionOf('TimeParameters', before), null, 'the new pallet has no storage before');
    assert.equal(await versionOf('TimeParameters', after), '0x0100');
    const state = await api.at(after);
    const windows = (await state.query.timeParameters.parameters()).toJSON();
    assert.ok(windows.maxVetoWindow + windows.maxIncidentAge < windows.minWithdrawalDelay, JSON.stringify(windows));
    assert.ok(windows.minWithdrawalDelay <= windows.minOptOutDelay);
    assert.equal((await state.query.timeParameters.windowEnvelope()).toJSON().longestVetoWindow, windows.maxVetoWindow);
    // The AVS before (at the setCode block: the migration runs in the next one) and after,
    // raw, both decoded with the new runtime's type (the layout is unchanged; polkadot.js's
    // per-block registries are unreliable around an upgrade).
    const avsKey = state.query.avsRegistry.avss.key(AVS);
    const avsType = state.registry.createLookupType(state.query.avsRegistry.avss.creator.meta.type.asMap.value);
    const avsAt = async (at) =>
      state.registry.createType(avsType, await httpRpc(node.rpcPort, 'state_getStorage', [avsKey, at])).toJSON();
    const migrated = await avsAt(after);
    const original = await avsAt(before);
    assert.equal(original.config.slashing.vetoWindow, old.maxVetoWindow);
    assert.ok(old.maxVetoWindow > windows.maxVetoWindow, 'the test AVS needs a veto window above the new maximum');
    assert.equal(migrated.config.slashing.vetoWindow, windows.maxVetoWindow, 'the veto window is clamped to the new maximum');
    migrated.config.slashing.vetoWindow = original.config.slashing.vetoWindow;
    assert.deepEqual(migrated, original, 'the migration changes nothing else of the AVS');

    // Every other raw key and value is what it was.
    const changedOnPurpose = new Set([storageVersionKey('AvsRegistry'), avsKey]);
    for (const pallet of ['Restaking', 'AvsRegistry', 'Slashing', 'Rewards', 'Assets']) {
      const pre = await rawPairs(node.rpcPort, palletPrefix(pallet), before);
      const post = await rawPairs(node.rpcPort, palletPrefix(pallet), after);
      assert.ok(pre.size > 0, `${pallet} has storage before the upgrade`);
      const differing = [...new Set([...pre.keys(), ...post.keys()])].filter(
        (key) => !changedOnPurpose.has(key) && pre.get(key) !== post.get(key),
      );
      assert.deepEqual(differing, [], `${pallet}: raw storage changed across the upgrade`);
      console.log(`# ${pallet}: ${pre.size} keys intact`);
    }
  });

  step('after the upgrade: blocks are produced and finalized, the pending slash executes on time, old stake keeps working', async () => {
    await chain.waitForBlock(Math.max(slash.executableAt, upgrade.block + 3));
    const executed = chain
      .eventsOf(slash.executableAt)
      .filter((e) => e.section === 'slashing' && e.method === 'SlashExecuted')
      .map((e) => fields(e.event).slashId.toNumber());
    assert.deepEqual(executed, [slash.id], `the pending slash executes in block #${slash.executableAt}`);

    const tx = api.tx;
    const [claim, deposit] = await Promise.all([
      chain.submit(keys.charlie, tx.rewards.claimRewards()),
      chain.submit(keys.charlie, tx.restaking.deposit(VAULT, keys.bob.address, 10n * ST)),
    ]);
    ok(claim);
    ok(deposit);
    assert.ok(chain.findEvent(claim.events, 'rewards', 'RewardsClaimed').amount.toBigInt() > 0n);
    chain.findEvent(deposit.events, 'restaking', 'Deposited');

    // GRANDPA finalizes past the upgrade.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const head = await httpRpc(node.rpcPort, 'chain_getFinalizedHead');
      const finalized = parseInt((await httpRpc(node.rpcPort, 'chain_getHeader', [head])).number, 16);
      if (finalized > deposit.blockNumber) {
        console.log(`# finalized #${finalized}, past the upgrade (#${upgrade.block}) and the post-upgrade extrinsics`);
        break;
      }
      assert.ok(Date.now() < deadline, `finality stuck at #${finalized} after the upgrade`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  });
});
