// End-to-end test of the restaking ledger through the real node and polkadot.js.
//
// Starts `restaking-node --dev --tmp` on free ports and, as the dev accounts, runs the whole
// lifecycle with signed extrinsics:
//
//   Alice   vault curator (stETH vault), AVS owner and the AVS's slasher
//   Bob     operator (10% commission)
//   Charlie staker
//   Dave    the AVS's resolver (veto committee)
//   Ferdie  receives slashed collateral (the AVS's slash destination); sends protocol fees on;
//           and plays the attacker of issue #11: a second AVS of his own, slashing his own
//           zero-stake operator, whose spam requests end in the same block as Alice's
//   Eve     sends bad inputs, which must come back as decoded module errors
//
// The slashing rounds perform three attacks of issue #11 against the real node: (1) spam
// requests filling the block in which a real slash ends its veto window, (2) the AVS owner
// rewriting resolver, cap and destination under a pending request, and (4) a queued
// withdrawal that matures inside the veto window trying to leave before the slash.
//
// Rounds of extrinsics from different accounts go into the same block; extrinsics of one
// account that depend on each other are sent with consecutive nonces (same block, in order).
// Collateral is stETH (asset 1) and rewards are rETH (asset 2): those balances move only by
// the amounts under test, so they are asserted exactly; native balances are asserted exactly
// against the fees reported by `TransactionFeePaid` plus the held deposits.
//
// The custom JSON-RPC (`restaking_*`) answers are captured along the way and checked by the
// second `describe` block (which fails with a clear message if the node lacks the methods).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { steps } from './lib/steps.mjs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Chain, fields, palletAccount, palletSubAccount } from './lib/chain.mjs';
import { httpRpc, startDevNode } from './lib/node.mjs';
import * as restakingRpc from '../../clients/polkadot-js/restaking-rpc.mjs';

const ST = 10n ** 18n; // one whole stETH / rETH (18 decimals)
const STETH = { WithId: 1 };
const RETH = { WithId: 2 };
const STETH_JSON = { withId: 1 };
const RETH_JSON = { withId: 2 };
const PERBILL = 1_000_000_000n;
const percent = (p) => p * 10_000_000; // Perbill parts
const incident = (n) => `0x${n.toString(16).padStart(64, '0')}`;
const mulFloor = (parts, amount) => (BigInt(parts) * amount) / PERBILL;
// The restaking pallet's reward counter (FixedU128, 18 decimals, every step rounded down).
const FIXED_ONE = 10n ** 18n;
const perShare = (amount, shares) => (amount * FIXED_ONE) / shares;
const earnedFrom = (amount, shares) => (shares * perShare(amount, shares)) / FIXED_ONE;
// What a pool's stream of `split.toStakers` over `split.duration` blocks from `split.start`
// released by block `at`, in one release (rounded down).
const released = (split, at) =>
  (split.toStakers * BigInt(Math.min(at - split.start, split.duration))) / BigInt(split.duration);

// Vault 0 and AVS 0 are the genesis consensus vault and the consensus AVS.
const VAULT = 1;
const AVS = 1;
const SPAM_AVS = 2;
const DEPOSIT = 100n * ST;
const QUEUED = 40n * ST;
const REWARD = 1_000n * ST;
const COMMISSION = percent(10);
const ALLOCATION = percent(50);
const SLASH = percent(20);

/** The names of the custom RPC methods (another part of issue #5). */
export const CUSTOM_RPC_METHODS = [
  'restaking_operatorStake',
  'restaking_stakerPositions',
  'restaking_claimableRewards',
  'restaking_pendingWithdrawals',
  'restaking_pendingSlashes',
  'restaking_avsOperators',
];

// State shared by the steps (they run in order; a failed step fails the later ones loudly).
const { ctx, step } = steps({
  /** label → { method, params, result } | { method, params, error } */
  rpc: {},
});

/** Assert that `result` failed with module error `expected` (e.g. `restaking.VaultNotFound`). */
function assertModuleError(chain, result, expected) {
  assert.ok(result.dispatchError, `${result.label}: expected ${expected}, but it succeeded`);
  assert.ok(result.dispatchError.isModule, `${result.label}: expected a module error, got ${result.dispatchError}`);
  assert.equal(chain.errorName(result.dispatchError), expected, `${result.label}: wrong error`);
  assert.ok(
    result.events.some((e) => e.section === 'system' && e.method === 'ExtrinsicFailed'),
    `${result.label}: no ExtrinsicFailed event`,
  );
}

function assertOk(chain, result) {
  assert.ok(result.ok, `${result.label} failed: ${chain.errorName(result.dispatchError)}`);
}

describe('restaking lifecycle on a --dev node', { timeout: 15 * 60_000 }, () => {
  let node;
  let chain;
  let api;
  let tx;
  let keys;
  let consts;
  let initial;
  const addr = {};

  const stethOf = async (who) => assetBalance(1, who);
  const rethOf = async (who) => assetBalance(2, who);
  async function assetBalance(id, who) {
    const account = await state.query.assets.account(id, who);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  }
  async function nativeOf(who) {
    const { data } = await state.query.system.account(who);
    return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
  }

  // State is read at the block that included the last round (not at whatever the node's best
  // block is at the moment of the query), so reads are exact and race-free.
  let state;
  let stateHash;
  async function viewAt(hash) {
    stateHash = hash;
    state = await api.at(hash);
  }
  /** Read state at the latest block that included one of `results`. */
  async function settle(results) {
    const latest = results.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
    await viewAt(latest.blockHash);
  }

  /** Call a custom RPC method at the current state block; remember its answer under `label`. */
  // Each method is called twice: as raw JSON over HTTP, and through the polkadot.js definitions
  // as `api.rpc.restaking.<name>` over the WebSocket (`typed`: the decoded codec, or
  // `typedError`: the message it rejected with).
  async function captureRpc(label, method, params) {
    params = [...params, stateHash];
    try {
      ctx.rpc[label] = { method, params, result: await httpRpc(node.rpcPort, method, params) };
    } catch (error) {
      ctx.rpc[label] = { method, params, error: error.message, rpcError: error.rpcError };
    }
    const name = method.replace(/^restaking_/, '');
    try {
      ctx.rpc[label].typed = await api.rpc.restaking[name](...params);
    } catch (error) {
      ctx.rpc[label].typedError = error.message;
    }
  }

  /** Wait until a new block has just been imported, so a round of extrinsics shares a block. */
  async function freshBlock(atLeast = 0) {
    await chain.waitForBlock(Math.max(chain.best + 1, atLeast));
  }

  before(async () => {
    await cryptoWaitReady();
    node = await startDevNode();
    console.log(`# node ${node.binary} (${node.args.join(' ')}), log ${node.logFile}`);
    // With the repo's polkadot.js definitions of the restaking_* RPC (clients/polkadot-js).
    chain = await Chain.connect(node.wsUrl, { rpc: restakingRpc.rpc, types: restakingRpc.types });
    ctx.binary = node.binary;
    ctx.rpcMethods = (await httpRpc(node.rpcPort, 'rpc_methods')).methods;
    api = chain.api;
    tx = api.tx;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    keys = Object.fromEntries(
      ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) => [name.toLowerCase(), keyring.addFromUri(`//${name}`)]),
    );
    for (const [name, pair] of Object.entries(keys)) addr[name] = pair.address;
    ctx.addr = addr;
    addr.vault = palletSubAccount('rstk/vlt', VAULT);
    addr.pot = palletAccount('rstk/rwd');
    addr.treasury = palletAccount('rstk/trs');

    // The safety windows are the chain spec's (storage of pallet-time-parameters), not
    // metadata constants.
    const windows = (await api.query.timeParameters.parameters()).toJSON();
    consts = {
      minWithdrawalDelay: windows.minWithdrawalDelay,
      vaultDeposit: api.consts.restaking.vaultDeposit.toBigInt(),
      avsDeposit: api.consts.avsRegistry.avsDeposit.toBigInt(),
      minVetoWindow: windows.minVetoWindow,
      maxVetoWindow: windows.maxVetoWindow,
      minOptOutDelay: windows.minOptOutDelay,
      allocationDelay: windows.allocationDelay,
      maxAutoExecutions: api.consts.slashing.maxAutoExecutionsPerBlock.toNumber(),
      optInDeposit: api.consts.avsRegistry.optInDeposit.toBigInt(),
      operatorDeposit: api.consts.restaking.operatorDeposit.toBigInt(),
      requestDeposit: api.consts.slashing.requestDeposit.toBigInt(),
      protocolFee: (await api.query.rewards.protocolFee()).toNumber(),
      minRewardDuration: windows.minRewardDuration,
      avsRuleChangeDelay: windows.avsRuleChangeDelay,
    };
    // The longest veto window: the resolver's veto lands comfortably inside it, and a
    // withdrawal queued before the request matures inside it.
    consts.vetoWindow = consts.maxVetoWindow;
    consts.optOutDelay = Math.max(consts.minOptOutDelay, consts.vetoWindow + 1);
    console.log(`# constants ${JSON.stringify(consts, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);

    await viewAt((await api.rpc.chain.getBlockHash()).toHex());
    initial = { native: {}, steth: {}, reth: {} };
    for (const [name, who] of Object.entries(addr)) {
      initial.native[name] = await nativeOf(who);
      initial.steth[name] = await stethOf(who);
      initial.reth[name] = await rethOf(who);
    }
    initial.stethSupply = (await state.query.assets.asset(1)).unwrap().supply.toBigInt();
    // The dev genesis gives every dev account 10,000 stETH and rETH.
    assert.equal(initial.steth.charlie, 10_000n * ST);
    assert.equal(initial.reth.alice, 10_000n * ST);
  });

  after(async () => {
    if (chain) await chain.disconnect().catch(() => {});
    if (node) {
      if (ctx.failed) console.log(`# last node log lines:\n${node.tail(30)}`);
      await node.stop();
    }
  });

  let avsConfig;
  let allocationEffectiveAt;

  step('round 1: Alice creates a stETH vault and registers an AVS, Bob registers as operator; bad inputs fail', async () => {
    avsConfig = {
      metadata: 'e2e price-oracle AVS',
      acceptedVaults: [VAULT],
      minOperatorStake: 0,
      slashing: {
        slasher: addr.alice,
        resolver: addr.dave,
        maxSlash: percent(50),
        vetoWindow: consts.vetoWindow,
        destination: { Account: addr.ferdie },
      },
      rewardAssets: [RETH],
      requiresApproval: false,
      optOutDelay: consts.optOutDelay,
    };
    await freshBlock();
    const [vault, avs, operator, badVault, badOperator, badAvs] = await Promise.all([
      chain.submit(keys.alice, tx.restaking.createVault(STETH, 1_000n * ST, ST, consts.minWithdrawalDelay)),
      chain.submit(keys.alice, tx.avsRegistry.registerAvs(avsConfig)),
      chain.submit(keys.bob, tx.restaking.registerOperator(COMMISSION, 'bob: e2e operator')),
      chain.submit(keys.eve, tx.restaking.createVault(STETH, 1_000n * ST, ST, consts.minWithdrawalDelay - 1)),
      chain.submit(keys.eve, tx.restaking.registerOperator(percent(60), 'greedy')),
      chain.submit(keys.eve, tx.avsRegistry.registerAvs({ ...avsConfig, slashing: { ...avsConfig.slashing, vetoWindow: consts.minVetoWindow - 1 } })),
    ]);
    await settle([vault, avs, operator, badVault, badOperator, badAvs]);

    assertOk(chain, vault);
    const created = chain.findEvent(vault.events, 'restaking', 'VaultCreated');
    assert.equal(created.vault.toNumber(), VAULT);
    assert.equal(created.owner.toString(), addr.alice);
    assert.deepEqual(created.asset.toJSON(), STETH_JSON);
    assert.equal(created.depositCap.toBigInt(), 1_000n * ST);
    assert.equal(created.minDeposit.toBigInt(), ST);
    assert.equal(created.withdrawalDelay.toNumber(), consts.minWithdrawalDelay);
    assert.equal(created.deposit.toBigInt(), consts.vaultDeposit);
    assert.equal(created.existentialReserve.toBigInt(), 1n, 'stETH min balance is the reserve');

    assertOk(chain, avs);
    const registered = chain.findEvent(avs.events, 'avsRegistry', 'AvsRegistered');
    assert.equal(registered.avs.toNumber(), AVS);
    assert.equal(registered.owner.toString(), addr.alice);
    assert.equal(registered.deposit.toBigInt(), consts.avsDeposit);

    assertOk(chain, operator);
    const op = chain.findEvent(operator.events, 'restaking', 'OperatorRegistered');
    assert.equal(op.operator.toString(), addr.bob);
    assert.equal(op.commission.toNumber(), COMMISSION);
    assert.equal(op.deposit.toBigInt(), consts.operatorDeposit);

    assertModuleError(chain, badVault, 'restaking.WithdrawalDelayTooShort');
    assertModuleError(chain, badOperator, 'restaking.CommissionTooHigh');
    assertModuleError(chain, badAvs, 'avsRegistry.VetoWindowTooShort');

    // Failed calls changed nothing.
    assert.equal((await state.query.restaking.nextVaultId()).toNumber(), VAULT + 1);
    assert.equal((await state.query.avsRegistry.nextAvsId()).toNumber(), AVS + 1);
    assert.ok((await state.query.restaking.operators(addr.eve)).isNone);
    // Deposits are held from Alice; the vault account holds the existential reserve.
    const alice = await nativeOf(addr.alice);
    assert.equal(alice.reserved - initial.native.alice.reserved, consts.vaultDeposit + consts.avsDeposit);
    assert.equal(await stethOf(addr.vault), 1n);
    const info = (await state.query.restaking.vaults(VAULT)).unwrap();
    assert.equal(info.owner.toString(), addr.alice);
    assert.equal(info.totalStake.toBigInt(), 0n);
  });

  step('round 2: Bob opts in and allocates 50%, Charlie deposits 100 stETH with Bob and queues 40; Ferdie sets up a spam AVS; bad inputs fail', async () => {
    const spamConfig = {
      ...avsConfig,
      metadata: 'spam AVS',
      slashing: { ...avsConfig.slashing, slasher: addr.ferdie, resolver: null, destination: 'Burn' },
      rewardAssets: [],
    };
    // The previous round resolved right at a block import: this round goes into the next one.
    const [optIn, allocate, deposit, queue, belowMin, notOperator, noVault, ...spam] = await Promise.all([
      chain.submit(keys.bob, tx.avsRegistry.optIn(AVS)),
      chain.submit(keys.bob, tx.avsRegistry.setAllocation(AVS, VAULT, ALLOCATION)),
      chain.submit(keys.charlie, tx.restaking.deposit(VAULT, addr.bob, DEPOSIT)),
      // Queued before any slash request: it stays slashable until the request resolves.
      chain.submit(keys.charlie, tx.restaking.queueWithdrawal(VAULT, addr.bob, QUEUED)),
      chain.submit(keys.eve, tx.restaking.deposit(VAULT, addr.bob, ST / 2n)),
      chain.submit(keys.eve, tx.avsRegistry.optIn(AVS)),
      chain.submit(keys.eve, tx.restaking.deposit(7, addr.bob, ST)),
      // The attacker: an operator with no stake, allocating 100% of its empty pool to its own
      // AVS, so that its spam requests are accepted.
      chain.submit(keys.ferdie, tx.restaking.registerOperator(0, 'ferdie: no stake')),
      chain.submit(keys.ferdie, tx.avsRegistry.registerAvs(spamConfig)),
      chain.submit(keys.ferdie, tx.avsRegistry.optIn(SPAM_AVS)),
      chain.submit(keys.ferdie, tx.avsRegistry.setAllocation(SPAM_AVS, VAULT, PERBILL)),
    ]);
    await settle([optIn, allocate, deposit, queue, belowMin, notOperator, noVault, ...spam]);
    for (const result of spam) assertOk(chain, result);
    assert.equal(chain.findEvent(spam[1].events, 'avsRegistry', 'AvsRegistered').avs.toNumber(), SPAM_AVS);

    assertOk(chain, optIn);
    const optedIn = chain.findEvent(optIn.events, 'avsRegistry', 'OperatorOptedIn');
    assert.equal(optedIn.avs.toNumber(), AVS);
    assert.equal(optedIn.operator.toString(), addr.bob);

    assertOk(chain, allocate);
    const scheduled = chain.findEvent(allocate.events, 'avsRegistry', 'AllocationIncreaseScheduled');
    assert.equal(scheduled.avs.toNumber(), AVS);
    assert.equal(scheduled.operator.toString(), addr.bob);
    assert.equal(scheduled.vault.toNumber(), VAULT);
    assert.equal(scheduled.fraction.toNumber(), ALLOCATION);
    assert.equal(scheduled.effectiveAt.toNumber(), allocate.blockNumber + consts.allocationDelay);
    allocationEffectiveAt = scheduled.effectiveAt.toNumber();

    assertOk(chain, deposit);
    const deposited = chain.findEvent(deposit.events, 'restaking', 'Deposited');
    assert.equal(deposited.staker.toString(), addr.charlie);
    assert.equal(deposited.vault.toNumber(), VAULT);
    assert.equal(deposited.operator.toString(), addr.bob);
    assert.equal(deposited.amount.toBigInt(), DEPOSIT);
    assert.equal(deposited.shares.toBigInt(), DEPOSIT, 'the first deposit mints 1:1');

    assertModuleError(chain, belowMin, 'restaking.BelowMinDeposit');
    assertModuleError(chain, notOperator, 'avsRegistry.NotActiveOperator');
    assertModuleError(chain, noVault, 'restaking.VaultNotFound');

    assertOk(chain, queue);
    const queued = chain.findEvent(queue.events, 'restaking', 'WithdrawalQueued');
    assert.equal(queued.staker.toString(), addr.charlie);
    assert.equal(queued.vault.toNumber(), VAULT);
    assert.equal(queued.operator.toString(), addr.bob);
    assert.equal(queued.shares.toBigInt(), QUEUED);
    assert.equal(queued.stake.toBigInt(), QUEUED);
    assert.ok(queued.redelegateTo.isNone);
    // A 10-block delay has 1-block buckets: matures exactly `withdrawal_delay` blocks later.
    assert.equal(queued.maturesAt.toNumber(), queue.blockNumber + consts.minWithdrawalDelay);
    withdrawalMaturesAt = queued.maturesAt.toNumber();
    ctx.withdrawalMaturesAt = withdrawalMaturesAt;

    assert.equal(await stethOf(addr.charlie), initial.steth.charlie - DEPOSIT);
    assert.equal(await stethOf(addr.eve), initial.steth.eve, 'failed deposits moved nothing');
    assert.equal(await stethOf(addr.vault), 1n + DEPOSIT);
    assert.equal((await state.query.restaking.vaults(VAULT)).unwrap().totalStake.toBigInt(), DEPOSIT);
    const pool = (await state.query.restaking.pools(VAULT, addr.bob)).unwrap();
    assert.equal(pool.activeStake.toBigInt(), DEPOSIT - QUEUED);
    assert.equal(pool.activeShares.toBigInt(), DEPOSIT - QUEUED);
    assert.equal(
      (await state.query.restaking.positions(addr.charlie, [VAULT, addr.bob])).unwrap().shares.toBigInt(),
      DEPOSIT - QUEUED,
    );
  });

  let slashes;
  let spamSlashes;
  let executableAt;
  let rewardSplit;
  let withdrawalMaturesAt;

  step('round 3: once the allocation is in force, Alice pays rewards and requests slashes', async () => {
    // Late enough that the withdrawal queued in round 2 matures inside the veto window: the
    // chain spec keeps `maxVetoWindow + maxIncidentAge < minWithdrawalDelay`, so a request
    // right after the queueing would outlast it.
    await freshBlock(Math.max(allocationEffectiveAt - 1, withdrawalMaturesAt - consts.vetoWindow + 1));
    // Every incident "occurred" in the block before the round (it must not be in the future).
    const occurredAt = chain.best;
    const requests = [
      // Vetoed by the resolver in the next round.
      tx.slashing.requestSlash(AVS, addr.bob, percent(10), incident(1), occurredAt, 'double signing report'),
      // Executed after the window, by on_initialize or by Charlie's signed extrinsic.
      tx.slashing.requestSlash(AVS, addr.bob, SLASH, incident(2), occurredAt, 'wrong oracle answer'),
    ];
    // Attack 1: Ferdie's spam requests end their window in the same block as Alice's and fill
    // `MaxAutoExecutionsPerBlock` on their own; none of Alice's requests may be refused.
    const spamRequests = Array.from({ length: consts.maxAutoExecutions }, (_, i) =>
      tx.slashing.requestSlash(SPAM_AVS, addr.ferdie, percent(1), incident(0x100 + i), occurredAt, `spam ${i}`),
    );
    const results = await Promise.all([
      chain.submit(keys.alice, tx.rewards.submitRewards(AVS, RETH, REWARD, consts.minRewardDuration, null)),
      ...requests.map((request) => chain.submit(keys.alice, request)),
      ...spamRequests.map((request) => chain.submit(keys.ferdie, request)),
      chain.submit(keys.alice, tx.slashing.requestSlash(AVS, addr.bob, percent(60), incident(3), occurredAt, '')),
      chain.submit(keys.eve, tx.slashing.requestSlash(AVS, addr.bob, percent(10), incident(4), occurredAt, '')),
      chain.submit(keys.eve, tx.rewards.submitRewards(AVS, RETH, ST, consts.minRewardDuration, null)),
      chain.submit(keys.eve, tx.rewards.claimRewards()),
    ]);
    await settle(results);
    const [reward, ...rest] = results;
    const requested = rest.slice(0, requests.length);
    const spammed = rest.slice(requests.length, requests.length + spamRequests.length);
    const [aboveMax, notSlasher, notOwner, nothingToClaim] = rest.slice(requests.length + spamRequests.length);

    // Rewards: 5% protocol fee, then Bob's 10% commission, the rest to the pool.
    assertOk(chain, reward);
    const protocolFee = mulFloor(consts.protocolFee, REWARD);
    const commission = mulFloor(COMMISSION, REWARD - protocolFee);
    const toStakers = REWARD - protocolFee - commission;
    rewardSplit = { protocolFee, commission, toStakers, start: reward.blockNumber, duration: consts.minRewardDuration };
    const submitted = chain.findEvent(reward.events, 'rewards', 'RewardsSubmitted');
    assert.equal(submitted.submissionId.toNumber(), 0);
    assert.equal(submitted.avs.toNumber(), AVS);
    assert.deepEqual(submitted.asset.toJSON(), RETH_JSON);
    assert.equal(submitted.amount.toBigInt(), REWARD);
    // Streamed: released to the pool over the shortest reward period from this block.
    const rewardEndsAt = reward.blockNumber + consts.minRewardDuration;
    assert.deepEqual(submitted.period.toJSON(), { start: reward.blockNumber, endsAt: rewardEndsAt });
    assert.equal(submitted.split.operators.toNumber(), 1);
    assert.equal(submitted.split.toStakers.toBigInt(), toStakers);
    assert.equal(submitted.split.toCommission.toBigInt(), commission);
    assert.equal(submitted.split.toTreasury.toBigInt(), protocolFee);
    assert.equal(submitted.split.potEndowment.toBigInt(), 1n, 'first rETH in the pot pays its min balance');
    const rewarded = chain.findEvent(reward.events, 'rewards', 'OperatorRewarded');
    assert.equal(rewarded.operator.toString(), addr.bob);
    assert.equal(rewarded.amount.toBigInt(), REWARD);
    assert.equal(rewarded.protocolFee.toBigInt(), protocolFee);
    assert.equal(rewarded.commission.toBigInt(), commission);
    assert.equal(rewarded.toStakers.toBigInt(), toStakers);
    const credited = chain.findEvent(reward.events, 'restaking', 'PoolRewarded');
    assert.equal(credited.vault.toNumber(), VAULT);
    assert.equal(credited.operator.toString(), addr.bob);
    assert.deepEqual(credited.asset.toJSON(), RETH_JSON);
    assert.equal(credited.amount.toBigInt(), toStakers);
    assert.equal(credited.endsAt.toNumber(), rewardEndsAt);
    assert.equal(await rethOf(addr.alice), initial.reth.alice - REWARD - 1n);
    assert.equal(await rethOf(addr.pot), initial.reth.pot + REWARD + 1n);

    // Slash requests: all in one block, so they share one veto window end; every one of them
    // was accepted, and each holds a deposit from its slasher.
    const blocks = new Set([...requested, ...spammed].map((r) => r.blockNumber));
    assert.equal(blocks.size, 1, `slash requests spread over blocks ${[...blocks]}: the test needs them in one block`);
    const requestedEvent = (result) => {
      assertOk(chain, result);
      const event = chain.findEvent(result.events, 'slashing', 'SlashRequested');
      assert.equal(event.executableAt.toNumber(), result.blockNumber + consts.vetoWindow);
      assert.equal(event.deposit.toBigInt(), consts.requestDeposit);
      return {
        id: event.slashId.toNumber(),
        fraction: event.fraction.toNumber(),
        incident: event.incident.toHex(),
        pools: event.pools.toJSON(),
      };
    };
    slashes = requested.map((result) => {
      const slash = requestedEvent(result);
      const event = chain.findEvent(result.events, 'slashing', 'SlashRequested');
      assert.equal(event.avs.toNumber(), AVS);
      assert.equal(event.operator.toString(), addr.bob);
      // The basis is fixed now: the fraction of the 50% allocation in force.
      assert.deepEqual(slash.pools, [{ vault: VAULT, fraction: Number((BigInt(slash.fraction) * BigInt(ALLOCATION)) / PERBILL) }]);
      return slash;
    });
    spamSlashes = spammed.map(requestedEvent);
    executableAt = requested[0].blockNumber + consts.vetoWindow;
    assert.ok(
      withdrawalMaturesAt > requested[0].blockNumber && withdrawalMaturesAt < executableAt - 1,
      `the queued withdrawal (#${withdrawalMaturesAt}) must mature inside the veto window (#${requested[0].blockNumber}..#${executableAt})`,
    );
    Object.assign(ctx, { slashes, executableAt, requestedAt: requested[0].blockNumber, rewardSplit });
    assert.equal(slashes[0].fraction, percent(10));
    assert.equal(slashes.at(-1).fraction, SLASH);
    // The pool named by Alice's requests is locked until they resolve.
    assert.equal((await state.query.restaking.poolSlashLocks(VAULT, addr.bob)).toNumber(), 2);
    assert.equal(
      (await state.query.slashing.slashesDueAt.keys(executableAt)).length,
      slashes.length + spamSlashes.length,
      'no request was refused for sharing its due block',
    );

    assertModuleError(chain, aboveMax, 'slashing.FractionAboveMax');
    assertModuleError(chain, notSlasher, 'slashing.NotSlasher');
    assertModuleError(chain, notOwner, 'rewards.NotAvsOwner');
    assertModuleError(chain, nothingToClaim, 'rewards.NothingToClaim');
    assert.equal((await state.query.slashing.nextSlashId()).toNumber(), slashes.length + spamSlashes.length);

    // Custom RPC answers in this state (checked by the "custom JSON-RPC" tests).
    await captureRpc('operatorStake:afterRewards', 'restaking_operatorStake', [addr.bob]);
    await captureRpc('stakerPositions:afterRewards', 'restaking_stakerPositions', [addr.charlie]);
    await captureRpc('claimableRewards:charlie', 'restaking_claimableRewards', [addr.charlie]);
    await captureRpc('claimableRewards:bob', 'restaking_claimableRewards', [addr.bob]);
    await captureRpc('pendingSlashes:all', 'restaking_pendingSlashes', [null, addr.bob]);
    await captureRpc('pendingSlashes:avs', 'restaking_pendingSlashes', [AVS, null]);
    await captureRpc('avsOperators', 'restaking_avsOperators', [AVS]);
    await captureRpc('avsOperators:unknown', 'restaking_avsOperators', [99]);
    await captureRpc('operatorStake:badAccount', 'restaking_operatorStake', ['not-an-account']);
    await captureRpc('operatorStake:notOperator', 'restaking_operatorStake', [addr.eve]);
  });

  step('round 4: Dave vetoes one slash; Alice rewrites the AVS rules (they do not apply to the pending request); Charlie claims, cannot queue more, and cannot withdraw yet; Eve cannot join the locked pool', async () => {
    const vetoed = slashes[0].id;
    const executed = slashes.at(-1).id;
    // Attack 2: the owner names itself resolver and destination and lifts the cap to 100%.
    const rewritten = {
      ...avsConfig,
      slashing: { ...avsConfig.slashing, resolver: addr.alice, maxSlash: PERBILL, destination: { Account: addr.alice } },
    };
    const [veto, notResolver, tooEarly, update, ownerVeto, claim, queueMore, notMatured, lateDeposit, commission, fees] =
      await Promise.all([
        chain.submit(keys.dave, tx.slashing.vetoSlash(vetoed)),
        chain.submit(keys.eve, tx.slashing.vetoSlash(executed)),
        chain.submit(keys.eve, tx.slashing.executeSlash(executed)),
        chain.submit(keys.alice, tx.avsRegistry.updateAvs(AVS, rewritten)),
        chain.submit(keys.alice, tx.slashing.vetoSlash(executed)),
        chain.submit(keys.charlie, tx.rewards.claimRewards()),
        // Attack 4, first half: the rest of the stake cannot run from the pending slash.
        chain.submit(keys.charlie, tx.restaking.queueWithdrawal(VAULT, addr.bob, ST)),
        chain.submit(keys.charlie, tx.restaking.completeWithdrawal(0)),
        // New stake cannot walk into a pending slash either.
        chain.submit(keys.eve, tx.restaking.deposit(VAULT, addr.bob, ST)),
        chain.submit(keys.bob, tx.rewards.claimCommission(RETH)),
        chain.submit(keys.ferdie, tx.rewards.transferProtocolFees(RETH)),
      ]);
    await settle([veto, notResolver, tooEarly, update, ownerVeto, claim, queueMore, notMatured, lateDeposit, commission, fees]);

    assertOk(chain, veto);
    assert.ok(veto.blockNumber < executableAt, `the veto landed in #${veto.blockNumber}, after the window (#${executableAt})`);
    const vetoEvent = chain.findEvent(veto.events, 'slashing', 'SlashVetoed');
    assert.equal(vetoEvent.slashId.toNumber(), vetoed);
    assert.equal(vetoEvent.vetoedBy.unwrap().toString(), addr.dave);
    assert.ok((await state.query.slashing.pendingSlashes(vetoed)).isNone);
    assert.equal((await state.query.slashing.incidents(AVS, addr.bob, slashes[0].incident)).unwrap().status.type, 'Vetoed');

    assertModuleError(chain, notResolver, 'slashing.NotResolver');
    assertModuleError(chain, tooEarly, 'slashing.VetoWindowOpen');

    // The rules changed for new requests only: the owner, now "resolver", cannot veto the
    // pending request, which keeps Dave as resolver and Ferdie as destination.
    assertOk(chain, update);
    // The rewrite puts more at risk (another resolver and destination, a higher cap): it
    // waits for the longest of the rule-change delay, the opt-out delay and the vault's
    // withdrawal wait, so the pool's operator and stakers can leave first.
    const scheduledChange = chain.findEvent(update.events, 'avsRegistry', 'AvsRulesChangeScheduled');
    const ruleWait = Math.max(consts.avsRuleChangeDelay, consts.optOutDelay, consts.minWithdrawalDelay);
    assert.equal(scheduledChange.effectiveAt.toNumber(), update.blockNumber + ruleWait);
    assert.equal(scheduledChange.slashing.resolver.unwrap().toString(), addr.alice);
    assert.equal(scheduledChange.slashing.maxSlash.toBigInt(), PERBILL);
    const rulesNow = (await state.query.avsRegistry.avss(AVS)).unwrap().config.slashing;
    assert.equal(rulesNow.resolver.unwrap().toString(), addr.dave, 'the resolver in force stays until then');
    assert.equal(rulesNow.maxSlash.toNumber(), percent(50));
    assertModuleError(chain, ownerVeto, 'slashing.NotResolver');
    const pending = (await state.query.slashing.pendingSlashes(executed)).unwrap();
    assert.equal(pending.resolver.unwrap().toString(), addr.dave);
    assert.deepEqual(pending.destination.toJSON(), { account: addr.ferdie });

    assertOk(chain, claim);
    const claimed = chain.findEvent(claim.events, 'rewards', 'RewardsClaimed');
    assert.equal(claimed.staker.toString(), addr.charlie);
    assert.deepEqual(claimed.asset.toJSON(), RETH_JSON);
    // The only staker, part-way through the period: what was released so far, through the
    // per-share counter (both roundings down).
    const shares = DEPOSIT - QUEUED;
    rewardSplit.firstClaimBlock = claim.blockNumber;
    rewardSplit.firstClaim = earnedFrom(released(rewardSplit, claim.blockNumber), shares);
    assert.ok(claim.blockNumber < rewardSplit.start + rewardSplit.duration, 'the claim landed after the period');
    assert.ok(rewardSplit.firstClaim > 0n && rewardSplit.firstClaim < rewardSplit.toStakers);
    assert.equal(claimed.amount.toBigInt(), rewardSplit.firstClaim, 'released so far, all to the only staker');
    assert.equal(await rethOf(addr.charlie), initial.reth.charlie + rewardSplit.firstClaim);

    assertModuleError(chain, queueMore, 'restaking.PoolSlashPending');
    assertModuleError(chain, notMatured, 'restaking.WithdrawalNotMatured');
    assertModuleError(chain, lateDeposit, 'restaking.PoolSlashPending');

    assertOk(chain, commission);
    const paid = chain.findEvent(commission.events, 'rewards', 'CommissionClaimed');
    assert.equal(paid.operator.toString(), addr.bob);
    assert.equal(paid.amount.toBigInt(), rewardSplit.commission);
    assert.equal(await rethOf(addr.bob), initial.reth.bob + rewardSplit.commission);

    assertOk(chain, fees);
    const transferred = chain.findEvent(fees.events, 'rewards', 'ProtocolFeesTransferred');
    assert.equal(transferred.amount.toBigInt(), rewardSplit.protocolFee);
    assert.equal(await rethOf(addr.treasury), initial.reth.treasury + rewardSplit.protocolFee);
    // Everything claimed is paid out: the pot keeps its endowment (the rETH min balance) and
    // what the pool still streams.
    assert.equal(await rethOf(addr.pot), initial.reth.pot + 1n + rewardSplit.toStakers - rewardSplit.firstClaim);

    const pool = (await state.query.restaking.pools(VAULT, addr.bob)).unwrap();
    assert.equal(pool.activeStake.toBigInt(), DEPOSIT - QUEUED);
    assert.equal(pool.activeShares.toBigInt(), DEPOSIT - QUEUED);

    await captureRpc('pendingWithdrawals:queued', 'restaking_pendingWithdrawals', [addr.charlie]);
    await captureRpc('operatorStake:queued', 'restaking_operatorStake', [addr.bob]);
    await captureRpc('claimableRewards:claimed', 'restaking_claimableRewards', [addr.charlie]);
    await captureRpc('pendingSlashes:afterVeto', 'restaking_pendingSlashes', [AVS, addr.bob]);
  });

  step('the withdrawal matures inside the veto window: it cannot complete before the slash resolves', async () => {
    // Attack 4, second half.
    await chain.waitForBlock(withdrawalMaturesAt - 1);
    const complete = await chain.submit(keys.charlie, tx.restaking.completeWithdrawal(0));
    await settle([complete]);
    assert.ok(
      complete.blockNumber >= withdrawalMaturesAt && complete.blockNumber < executableAt,
      `completion tried in #${complete.blockNumber}: must be in #${withdrawalMaturesAt}..#${executableAt - 1}`,
    );
    assertModuleError(chain, complete, 'restaking.PoolSlashPending');
    assert.equal((await state.query.restaking.pendingWithdrawals(addr.charlie)).length, 1);
    assert.equal(await stethOf(addr.charlie), initial.steth.charlie - DEPOSIT);
  });

  let leftover;
  let slashExecuted;

  step('the veto window ends: on_initialize executes MaxAutoExecutionsPerBlock due slashes, the rest wait for anyone', async () => {
    await chain.waitForBlock(executableAt);
    await viewAt(chain.blocks.get(executableAt).hash);
    const executed = chain
      .eventsOf(executableAt)
      .filter((e) => e.section === 'slashing' && e.method === 'SlashExecuted');
    assert.equal(executed.length, consts.maxAutoExecutions);
    const due = [slashes.at(-1), ...spamSlashes].map((slash) => slash.id);
    for (const record of executed) {
      assert.ok(record.phase.isInitialization, 'automatic execution happens in on_initialize');
      assert.ok(due.includes(fields(record.event).slashId.toNumber()));
    }
    assert.ok(
      !chain.eventsOf(executableAt).some((e) => e.section === 'slashing' && e.method === 'AutoExecutionFailed'),
      'no automatic execution failed',
    );
    const auto = new Set(executed.map((record) => fields(record.event).slashId.toNumber()));
    leftover = due.filter((id) => !auto.has(id));
    assert.equal(leftover.length, due.length - consts.maxAutoExecutions);
    for (const id of leftover) assert.ok((await state.query.slashing.pendingSlashes(id)).isSome, `slash ${id} waits for anyone`);
    assert.ok((await state.query.slashing.pendingSlashes(slashes[0].id)).isNone, 'the vetoed slash is gone');
    const real = executed.find((record) => fields(record.event).slashId.toNumber() === slashes.at(-1).id);
    if (real) slashExecuted = { events: chain.eventsOf(executableAt), event: fields(real.event) };
    ctx.realSlashLeftOver = leftover.includes(slashes.at(-1).id);
    await captureRpc('pendingSlashes:executable', 'restaking_pendingSlashes', [AVS, null]);
  });

  step('round 5: Charlie executes what on_initialize left; the real slash took 10% of the pool, active stake and the queued withdrawal alike, and paid the destination named at the request', async () => {
    // Charlie's veto goes first (consecutive nonces): the window has closed for everyone.
    const [again, vetoGone, lateVeto, ...executions] = await Promise.all([
      chain.submit(keys.alice, tx.slashing.requestSlash(AVS, addr.bob, percent(10), incident(1), chain.best, 'same incident')),
      chain.submit(keys.dave, tx.slashing.vetoSlash(slashes[0].id)),
      chain.submit(keys.charlie, tx.slashing.vetoSlash(leftover[0])),
      ...leftover.map((id) => chain.submit(keys.charlie, tx.slashing.executeSlash(id))),
    ]);
    await settle([lateVeto, ...executions, again, vetoGone]);
    assertModuleError(chain, lateVeto, 'slashing.VetoWindowClosed');
    assertModuleError(chain, again, 'slashing.IncidentAlreadyReported');
    assertModuleError(chain, vetoGone, 'slashing.SlashNotFound');
    for (const execution of executions) assertOk(chain, execution);
    const index = leftover.indexOf(slashes.at(-1).id);
    if (index >= 0) {
      const events = executions[index].events;
      slashExecuted = { events, event: chain.findEvent(events, 'slashing', 'SlashExecuted') };
    }
    assert.ok(slashExecuted, 'the real slash was executed');

    const id = slashes.at(-1).id;
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL; // 20% of the 50% allocation
    const active = mulFloor(poolFraction, DEPOSIT - QUEUED);
    const withdrawing = mulFloor(poolFraction, QUEUED);
    const event = slashExecuted.event;
    assert.equal(event.slashId.toNumber(), id);
    assert.equal(event.avs.toNumber(), AVS);
    assert.equal(event.operator.toString(), addr.bob);
    assert.equal(event.fraction.toNumber(), SLASH, 'the fraction of the request, not the new 100% cap');
    assert.equal(event.totalSlashed.toBigInt(), active + withdrawing);
    assert.equal(event.pools.length, 1);
    assert.equal(event.pools[0].vault.toNumber(), VAULT);
    assert.equal(BigInt(event.pools[0].fraction.toNumber()), poolFraction);
    assert.equal(event.pools[0].amount.toBigInt(), active + withdrawing);
    const slashedPools = slashExecuted.events
      .map((e) => e.event ?? e)
      .filter((e) => e.section === 'restaking' && e.method === 'PoolSlashed')
      .map(fields)
      .filter((e) => e.operator.toString() === addr.bob);
    assert.equal(slashedPools.length, 1);
    const slashed = slashedPools[0];
    assert.equal(slashed.vault.toNumber(), VAULT);
    assert.equal(slashed.active.toBigInt(), active);
    assert.equal(slashed.withdrawing.toBigInt(), withdrawing, 'the matured-in-the-window withdrawal was cut');
    assert.deepEqual(slashed.destination.toJSON(), { account: addr.ferdie });

    // Slashed stETH went to the destination named at the request (not to Alice, the new
    // destination); the vault holds the rest.
    assert.equal(await stethOf(addr.ferdie), initial.steth.ferdie + active + withdrawing);
    assert.equal(await stethOf(addr.alice), initial.steth.alice - 1n, 'Alice only paid the vault reserve');
    assert.equal(await stethOf(addr.vault), 1n + DEPOSIT - active - withdrawing);
    assert.equal((await state.query.restaking.vaults(VAULT)).unwrap().totalStake.toBigInt(), DEPOSIT - active - withdrawing);
    const pool = (await state.query.restaking.pools(VAULT, addr.bob)).unwrap();
    assert.equal(pool.activeStake.toBigInt(), DEPOSIT - QUEUED - active);
    assert.equal(pool.activeShares.toBigInt(), DEPOSIT - QUEUED, 'shares do not change, each is worth less');
    assert.equal((await state.query.slashing.incidents(AVS, addr.bob, slashes.at(-1).incident)).unwrap().status.type, 'Executed');
    assert.ok((await state.query.restaking.poolSlashLocks(VAULT, addr.bob)).isZero(), 'the pool is unlocked');
    for (const spam of spamSlashes) assert.ok((await state.query.slashing.pendingSlashes(spam.id)).isNone);

    await captureRpc('pendingWithdrawals:slashed', 'restaking_pendingWithdrawals', [addr.charlie]);
    await captureRpc('stakerPositions:slashed', 'restaking_stakerPositions', [addr.charlie]);
    await captureRpc('operatorStake:slashed', 'restaking_operatorStake', [addr.bob]);
    await captureRpc('pendingSlashes:none', 'restaking_pendingSlashes', [AVS, null]);
  });

  step('round 6: Charlie completes the withdrawal at its post-slash value', async () => {
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL;
    const expected = QUEUED - mulFloor(poolFraction, QUEUED);
    const complete = await chain.submit(keys.charlie, tx.restaking.completeWithdrawal(0));
    await settle([complete]);
    assertOk(chain, complete);
    assert.ok(complete.blockNumber >= withdrawalMaturesAt);
    const event = chain.findEvent(complete.events, 'restaking', 'WithdrawalCompleted');
    assert.equal(event.staker.toString(), addr.charlie);
    assert.equal(event.vault.toNumber(), VAULT);
    assert.equal(event.operator.toString(), addr.bob);
    assert.equal(event.amount.toBigInt(), expected);
    assert.equal(await stethOf(addr.charlie), initial.steth.charlie - DEPOSIT + expected);
    assert.equal((await state.query.restaking.pendingWithdrawals(addr.charlie)).length, 0);

    const again = await chain.submit(keys.charlie, tx.restaking.completeWithdrawal(0));
    await settle([again]);
    assertModuleError(chain, again, 'restaking.WithdrawalNotFound');

    // After the reward period Charlie claims the rest: everything the pool was credited, but
    // the counter's rounding dust.
    await freshBlock(rewardSplit.start + rewardSplit.duration);
    const rest = await chain.submit(keys.charlie, tx.rewards.claimRewards());
    await settle([rest]);
    assertOk(chain, rest);
    const shares = DEPOSIT - QUEUED;
    const firstCounter = perShare(released(rewardSplit, rewardSplit.firstClaimBlock), shares);
    const restCounter = perShare(rewardSplit.toStakers - released(rewardSplit, rewardSplit.firstClaimBlock), shares);
    const second = (shares * (firstCounter + restCounter)) / FIXED_ONE - rewardSplit.firstClaim;
    const paid = chain.findEvent(rest.events, 'rewards', 'RewardsClaimed');
    assert.equal(paid.amount.toBigInt(), second);
    const dust = rewardSplit.toStakers - rewardSplit.firstClaim - second;
    assert.ok(dust >= 0n && dust < 2n * 10n ** 6n, `rounding dust ${dust}`);
    assert.equal(await rethOf(addr.charlie), initial.reth.charlie + rewardSplit.firstClaim + second);
    assert.equal(await rethOf(addr.pot), initial.reth.pot + 1n + dust);
  });

  step('root changes the safety windows only to values that keep slashing sound', async () => {
    // The dev chain spec's windows, as every pallet reads them.
    const windows = (await state.query.timeParameters.parameters()).toJSON();
    assert.equal(windows.minWithdrawalDelay, consts.minWithdrawalDelay);
    assert.equal(windows.maxVetoWindow, consts.maxVetoWindow);
    assert.equal(windows.minRewardDuration, consts.minRewardDuration);
    assert.ok(windows.maxVetoWindow + windows.maxIncidentAge < windows.minWithdrawalDelay);
    const envelope = (await state.query.timeParameters.windowEnvelope()).toJSON();
    assert.equal(envelope.shortestWithdrawalDelay, windows.minWithdrawalDelay);

    const sudoResult = (result) => {
      assertOk(chain, result);
      const sudid = chain.findEvent(result.events, 'sudo', 'Sudid');
      return sudid.sudoResult.isErr ? chain.errorName(sudid.sudoResult.asErr) : 'ok';
    };
    const longer = windows.minWithdrawalDelay + 20;
    const refused = [
      // A veto window as long as the withdrawal delay: stake could leave before it ends.
      [{ ...windows, maxVetoWindow: windows.minWithdrawalDelay }, 'timeParameters.SlashWindowNotBelowWithdrawalDelay'],
      // Fine on its own, but the vault made above keeps its short delay.
      [{ ...windows, minWithdrawalDelay: longer, minOptOutDelay: longer, maxVetoWindow: longer - windows.maxIncidentAge - 1 }, 'timeParameters.BreaksExistingWindows'],
      // A longer request latency would make pruned incidents reportable again.
      [{ ...windows, maxIncidentAge: windows.maxIncidentAge + 1, minWithdrawalDelay: longer, minOptOutDelay: longer }, 'timeParameters.IncidentAgeRaised'],
    ];
    for (const [params, error] of refused) {
      const result = await chain.submit(keys.alice, tx.sudo.sudo(tx.timeParameters.setParameters(params)));
      assert.equal(sudoResult(result), error);
    }
    // Longer withdrawal and opt-out floors are fine: new vaults must use them.
    const accepted = { ...windows, minWithdrawalDelay: longer, minOptOutDelay: longer };
    const change = await chain.submit(keys.alice, tx.sudo.sudo(tx.timeParameters.setParameters(accepted)));
    assert.equal(sudoResult(change), 'ok');
    const changed = chain.findEvent(change.events, 'timeParameters', 'ParametersChanged');
    assert.equal(changed.parameters.minWithdrawalDelay.toNumber(), longer);
    assert.equal(changed.envelope.shortestWithdrawalDelay.toNumber(), windows.minWithdrawalDelay);
    const tooShort = await chain.submit(keys.eve, tx.restaking.createVault(STETH, 1_000n * ST, ST, longer - 1));
    await settle([tooShort]);
    assertModuleError(chain, tooShort, 'restaking.WithdrawalDelayTooShort');
    assert.equal((await state.query.timeParameters.parameters()).toJSON().minWithdrawalDelay, longer);
  });

  step('final balances: collateral conserved, native balances = endowment - fees - held deposits', async () => {
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL;
    const slashedActive = mulFloor(poolFraction, DEPOSIT - QUEUED);
    const remaining = DEPOSIT - QUEUED - slashedActive;
    const info = (await state.query.restaking.vaults(VAULT)).unwrap();
    assert.equal(info.totalStake.toBigInt(), remaining);
    // Invariant 1: vault account = existential reserve + Σ pools + Σ buckets.
    assert.equal(await stethOf(addr.vault), info.existentialReserve.toBigInt() + remaining);
    // Invariant 3: the slash went to an account, not burned: the stETH supply is unchanged.
    assert.equal((await state.query.assets.asset(1)).unwrap().supply.toBigInt(), initial.stethSupply);
    // The staker got back: deposit - slashes of the withdrawn part; the rest is still staked.
    const position = (await state.query.restaking.positions(addr.charlie, [VAULT, addr.bob])).unwrap();
    assert.equal(position.shares.toBigInt(), DEPOSIT - QUEUED);

    // Held: Alice's vault and AVS deposits and one deposit per accepted slash request (until
    // the incident records are pruned); Bob's operator and opt-in deposits; Ferdie's operator,
    // AVS and opt-in deposits and one deposit per spam request.
    const held = {
      alice: consts.vaultDeposit + consts.avsDeposit + BigInt(slashes.length) * consts.requestDeposit,
      bob: consts.operatorDeposit + consts.optInDeposit,
      charlie: 0n,
      dave: 0n,
      eve: 0n,
      ferdie:
        consts.operatorDeposit +
        consts.avsDeposit +
        consts.optInDeposit +
        BigInt(spamSlashes.length) * consts.requestDeposit,
    };
    for (const [name, amount] of Object.entries(held)) {
      const now = await nativeOf(addr[name]);
      assert.equal(now.free, initial.native[name].free - chain.feesOf(addr[name]) - amount, `${name}'s native balance`);
      assert.equal(now.reserved, initial.native[name].reserved + amount, `${name}'s held deposits`);
    }
    console.log(`# lifecycle done at block #${chain.best}`);
  });
});

// The custom JSON-RPC of issue #5 (documented in the README, "Custom RPC"), checked against
// the answers captured during the lifecycle above. If the node does not serve a method, its
// test FAILS with a message saying so (it is not skipped).
describe('custom JSON-RPC (restaking_*)', () => {
  const dec = (amount) => amount.toString();
  const STETH_RPC = { WithId: 1 };
  const RETH_RPC = { WithId: 2 };

  function requireMethod(method) {
    assert.ok(ctx.rpcMethods, 'the lifecycle tests did not start a node');
    assert.ok(
      ctx.rpcMethods.includes(method),
      `${method} is not served by the node binary ${ctx.binary} (rpc_methods lists no such method): ` +
        'the custom RPC of issue #5 is missing from this build',
    );
  }

  function answer(label) {
    const captured = ctx.rpc[label];
    assert.ok(captured, `no answer captured for "${label}" (the lifecycle step that queries it did not get there)`);
    assert.ok(!('error' in captured), `${captured.method}(${JSON.stringify(captured.params)}) failed: ${captured.error}`);
    return captured.result;
  }

  function rpcError(label) {
    const captured = ctx.rpc[label];
    assert.ok(captured, `no answer captured for "${label}"`);
    assert.ok('error' in captured, `${captured.method}(${JSON.stringify(captured.params)}) should fail, got ${JSON.stringify(captured.result)}`);
    return captured.rpcError;
  }

  const allocation = (overrides) => ({
    vault: VAULT,
    inForce: ALLOCATION,
    pendingFraction: null,
    pendingEffectiveAt: null,
    slashableFraction: ALLOCATION,
    slashableUntil: null,
    ...overrides,
  });

  it('restaking_operatorStake: pools per vault and allocations per AVS', () => {
    requireMethod('restaking_operatorStake');
    const { addr } = ctx;
    const bobAvs = (allocatedStake, slashableStake) => [
      {
        avs: AVS,
        status: 'OptedIn',
        optingOutUntil: null,
        slashable: true,
        allocations: [allocation({ allocatedStake: dec(allocatedStake), slashableStake: dec(slashableStake) })],
      },
    ];
    const half = (amount) => mulFloor(ALLOCATION, amount);
    // Queued stake is no longer active (earns nothing) but stays slashable.
    assert.deepEqual(answer('operatorStake:afterRewards'), {
      operator: addr.bob,
      status: 'Active',
      commission: COMMISSION,
      vaults: [{ vault: VAULT, asset: STETH_RPC, active: dec(DEPOSIT - QUEUED), withdrawing: dec(QUEUED) }],
      avss: bobAvs(half(DEPOSIT - QUEUED), half(DEPOSIT)),
    });
    assert.deepEqual(answer('operatorStake:queued').vaults, [
      { vault: VAULT, asset: STETH_RPC, active: dec(DEPOSIT - QUEUED), withdrawing: dec(QUEUED) },
    ]);
    assert.deepEqual(answer('operatorStake:queued').avss, bobAvs(half(DEPOSIT - QUEUED), half(DEPOSIT)));
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL;
    const active = DEPOSIT - QUEUED - mulFloor(poolFraction, DEPOSIT - QUEUED);
    // The withdrawal matured inside the veto window: after the slash it is no longer slashable
    // (nor counted as withdrawing stake), just waiting to be completed.
    assert.deepEqual(answer('operatorStake:slashed').vaults, [
      { vault: VAULT, asset: STETH_RPC, active: dec(active), withdrawing: '0' },
    ]);
    assert.deepEqual(answer('operatorStake:notOperator'), {
      operator: addr.eve,
      status: null,
      commission: null,
      vaults: [],
      avss: [],
    });
    assert.equal(rpcError('operatorStake:badAccount').code, -32602, 'a malformed account is an invalid-params error');
  });

  it('restaking_stakerPositions: shares and their current value', () => {
    requireMethod('restaking_stakerPositions');
    const { addr } = ctx;
    assert.deepEqual(answer('stakerPositions:afterRewards'), [
      { vault: VAULT, operator: addr.bob, asset: STETH_RPC, shares: dec(DEPOSIT - QUEUED), stake: dec(DEPOSIT - QUEUED) },
    ]);
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL;
    const shares = DEPOSIT - QUEUED;
    assert.deepEqual(answer('stakerPositions:slashed'), [
      { vault: VAULT, operator: addr.bob, asset: STETH_RPC, shares: dec(shares), stake: dec(shares - mulFloor(poolFraction, shares)) },
    ]);
  });

  it('restaking_claimableRewards: staker rewards per pool and in total, operator commission, still streaming', () => {
    requireMethod('restaking_claimableRewards');
    const { addr, rewardSplit } = ctx;
    assert.ok(rewardSplit, 'the reward round did not run');
    const endsAt = rewardSplit.start + rewardSplit.duration;
    // In the submission's block nothing is released yet: all of it is still streaming.
    assert.deepEqual(answer('claimableRewards:charlie'), {
      pools: [],
      total: [],
      commission: [],
      streaming: [
        { vault: VAULT, operator: addr.bob, streaming: [{ asset: RETH_RPC, amount: dec(rewardSplit.toStakers), endsAt }] },
      ],
    });
    assert.deepEqual(answer('claimableRewards:bob'), {
      pools: [],
      total: [],
      commission: [{ asset: RETH_RPC, amount: dec(rewardSplit.commission) }],
      streaming: [],
    });
    const claimed = answer('claimableRewards:claimed');
    assert.deepEqual(claimed.total, [], 'nothing left after claim_rewards');
    assert.deepEqual(claimed.commission, []);
    assert.ok(claimed.pools.every((pool) => pool.rewards.length === 0), JSON.stringify(claimed.pools));
    // The rest of the period is still streaming to Charlie.
    const streamingRest = rewardSplit.toStakers - released(rewardSplit, rewardSplit.firstClaimBlock);
    assert.deepEqual(claimed.streaming, [
      { vault: VAULT, operator: addr.bob, streaming: [{ asset: RETH_RPC, amount: dec(streamingRest), endsAt }] },
    ]);
  });

  it('restaking_pendingWithdrawals: queued withdrawals at their post-slash value', () => {
    requireMethod('restaking_pendingWithdrawals');
    const { addr, withdrawalMaturesAt } = ctx;
    const entry = (value, matured) => ({
      index: 0,
      vault: VAULT,
      operator: addr.bob,
      asset: STETH_RPC,
      shares: dec(QUEUED),
      value: dec(value),
      maturesAt: withdrawalMaturesAt,
      matured,
      redelegateTo: null,
    });
    assert.deepEqual(answer('pendingWithdrawals:queued'), [entry(QUEUED, false)]);
    const poolFraction = (BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL;
    // Matured inside the veto window, cut by the slash, completable once it resolved.
    assert.deepEqual(answer('pendingWithdrawals:slashed'), [entry(QUEUED - mulFloor(poolFraction, QUEUED), true)]);
  });

  it('restaking_pendingSlashes: requests until executed or vetoed, with their status', () => {
    requireMethod('restaking_pendingSlashes');
    const { addr, slashes, executableAt, requestedAt } = ctx;
    assert.ok(slashes, 'the slash round did not run');
    const entry = (slash, status) => ({
      id: slash.id,
      avs: AVS,
      operator: addr.bob,
      fraction: slash.fraction,
      incident: slash.incident,
      requestedAt,
      executableAt,
      status,
    });
    const all = slashes.map((slash) => entry(slash, 'VetoWindowOpen'));
    assert.deepEqual(answer('pendingSlashes:all'), all);
    assert.deepEqual(answer('pendingSlashes:avs'), all);
    assert.deepEqual(answer('pendingSlashes:afterVeto'), all.slice(1), 'the vetoed request is gone');
    // Whether on_initialize left the real request for a signed execution depends on the order
    // of the due queue (Ferdie's spam shares the block); either way it is executable.
    assert.deepEqual(
      answer('pendingSlashes:executable'),
      ctx.realSlashLeftOver ? [entry(slashes.at(-1), 'Executable')] : [],
    );
    assert.deepEqual(answer('pendingSlashes:none'), []);
  });

  it('restaking_avsOperators: operators of an AVS with status and allocations', () => {
    requireMethod('restaking_avsOperators');
    const { addr } = ctx;
    assert.deepEqual(answer('avsOperators'), [
      {
        operator: addr.bob,
        status: 'OptedIn',
        optingOutUntil: null,
        slashable: true,
        allocations: [
          allocation({
            allocatedStake: dec(mulFloor(ALLOCATION, DEPOSIT - QUEUED)),
            slashableStake: dec(mulFloor(ALLOCATION, DEPOSIT)),
          }),
        ],
      },
    ]);
    assert.equal(rpcError('avsOperators:unknown').code, 9002, 'an unknown AVS is error 9002');
  });

  // The JSON answer `json` and the codec `typed` that polkadot.js decoded from it through the
  // definitions hold the same values: every struct has exactly the JSON's fields, arrays are
  // `Vec`s of the same length, `null` is `None`, decimal strings are the u128 values.
  function assertDecoded(typed, json, path) {
    const isOption = typeof typed?.isNone === 'boolean' && typeof typed?.unwrap === 'function';
    const isEnum = typeof typed?.type === 'string' && typeof typed?.index === 'number';
    if (json === null) {
      assert.ok(isOption && typed.isNone, `${path}: null in the JSON, ${typed?.toRawType?.()} ${typed} decoded`);
      return;
    }
    if (isOption) {
      assert.ok(typed.isSome, `${path}: ${JSON.stringify(json)} in the JSON, None decoded`);
      assertDecoded(typed.unwrap(), json, path);
      return;
    }
    if (Array.isArray(json)) {
      assert.ok(Array.isArray(typed), `${path}: an array in the JSON, ${typed?.toRawType?.()} declared`);
      assert.equal(typed.length, json.length, `${path}: length`);
      json.forEach((item, i) => assertDecoded(typed[i], item, `${path}[${i}]`));
      return;
    }
    if (isEnum) {
      const [variant, value] = typeof json === 'string' ? [json, undefined] : Object.entries(json)[0];
      assert.equal(typed.type.toLowerCase(), variant.toLowerCase(), `${path}: enum variant`);
      if (value !== undefined) assertDecoded(typed.value, value, `${path}.${variant}`);
      return;
    }
    switch (typeof json) {
      case 'boolean':
        assert.equal(typed.isTrue, json, `${path}: bool`);
        return;
      case 'number':
        assert.equal(typed.toNumber(), json, `${path}: number`);
        return;
      case 'string':
        if (/^\d+$/.test(json)) assert.equal(typed.toBigInt(), BigInt(json), `${path}: amount`);
        else if (json.startsWith('0x')) assert.equal(typed.toHex(), json, `${path}: hex`);
        else assert.equal(typed.toString(), json, `${path}: account`);
        return;
      default:
        assert.ok(typed instanceof Map, `${path}: an object in the JSON, ${typed?.toRawType?.()} declared`);
        assert.deepEqual([...typed.keys()].sort(), Object.keys(json).sort(), `${path}: fields`);
        for (const [key, value] of Object.entries(json)) assertDecoded(typed.get(key), value, `${path}.${key}`);
    }
  }

  it('polkadot.js definitions (clients/polkadot-js): api.rpc.restaking.* decodes every answer, or rejects with its error code', () => {
    const labels = Object.keys(ctx.rpc);
    const called = new Set(Object.values(ctx.rpc).map(({ method }) => method));
    assert.deepEqual([...called].sort(), [...CUSTOM_RPC_METHODS].sort(), 'every method is called');
    for (const label of labels) {
      const captured = ctx.rpc[label];
      const call = `api.rpc.restaking (${label}: ${captured.method})`;
      if ('error' in captured) {
        assert.ok(!('typed' in captured), `${call}: the node answered an error, polkadot.js decoded ${captured.typed}`);
        // A parameter the node refuses (-32602, an account that does not parse) is refused by
        // the typed client before it sends anything; any other error comes from the node.
        const expected =
          captured.rpcError.code === -32602 ? /^createType\(AccountId\):: / : new RegExp(`^${captured.rpcError.code}: `);
        assert.match(captured.typedError, expected, `${call}: the error`);
      } else {
        assert.ok(!('typedError' in captured), `${call} rejected: ${captured.typedError}`);
        assertDecoded(captured.typed, captured.result, label);
      }
    }
  });
});
