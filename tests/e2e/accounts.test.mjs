// What users do with accounts, on one `--dev` node, through polkadot.js: batches
// (pallet-utility), proxies with the restaking proxy types (pallet-proxy) and multisig
// accounts (pallet-multisig).
//
//   Bob      an operator run by a hot key: Dave holds an `Operator` proxy of Bob
//   Dave     Bob's hot key: registers Bob as operator, opts him in to an AVS and allocates;
//            cannot transfer Bob's funds nor give himself more rights
//   Charlie  a staker who creates a vault and deposits into it in one `batch_all`
//   Alice, Eve, Ferdie
//            the signatories of a 2-of-3 multisig that owns an AVS, is its slasher, and
//            requests a slash of Bob, which executes after the veto window like any other
//
// Native balances of the accounts whose deposits are checked are asserted exactly against the
// fees reported by `TransactionFeePaid`.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { createKeyMulti, cryptoWaitReady, encodeAddress, sortAddresses } from '@polkadot/util-crypto';
import { Chain, fields } from './lib/chain.mjs';
import { startDevNode } from './lib/node.mjs';
import { steps } from './lib/steps.mjs';

const UNIT = 10n ** 12n; // native token (12 decimals)
const ST = 10n ** 18n; // one whole stETH (18 decimals)
const STETH = { WithId: 1 };
const RETH = { WithId: 2 };
const percent = (p) => p * 10_000_000; // Perbill parts
const PERBILL = 1_000_000_000n;
const DEPOSIT = 100n * ST;
const ALLOCATION = percent(50);
const SLASH = percent(10);

const { ctx, step } = steps({});

describe('accounts on a --dev node: batch_all, restaking proxies, a 2-of-3 multisig AVS owner', { timeout: 10 * 60_000 }, () => {
  let node;
  let chain;
  let api;
  let tx;
  let windows;
  const keys = {};
  const addr = {};
  let multisig;
  let vault;
  let avs;
  let allocationEffectiveAt;

  async function freshBlock(atLeast = 0) {
    await chain.waitForBlock(Math.max(chain.best + 1, atLeast));
  }
  async function nativeAt(hash, who) {
    const { data } = await (await api.at(hash)).query.system.account(who);
    return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
  }
  function assertOk(result) {
    assert.ok(result.ok, `${result.label} failed: ${chain.errorName(result.dispatchError)}`);
  }
  /** The `Result<(), DispatchError>` field `result` of a proxy or multisig event: null if Ok. */
  function innerError(event) {
    const { result } = fields(event);
    return result.isOk ? null : chain.errorName(result.asErr);
  }
  function eventOf(result, section, method) {
    const matches = result.events.filter((e) => e.section === section && e.method === method);
    assert.equal(matches.length, 1, `${result.label}: expected one ${section}.${method}, got ${result.events.map((e) => `${e.section}.${e.method}`).join(', ')}`);
    return matches[0];
  }
  /** The other signatories of the multisig, sorted as pallet-multisig requires. */
  const othersOf = (who) => sortAddresses([addr.alice, addr.eve, addr.ferdie].filter((a) => a !== who), 42);
  async function maxWeightOf(call) {
    return (await call.paymentInfo(addr.alice)).weight;
  }

  before(async () => {
    await cryptoWaitReady();
    node = await startDevNode();
    console.log(`# node ${node.binary} (${node.args.join(' ')}), log ${node.logFile}`);
    chain = await Chain.connect(node.wsUrl);
    api = chain.api;
    tx = api.tx;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
      keys[name.toLowerCase()] = keyring.addFromUri(`//${name}`);
      addr[name.toLowerCase()] = keys[name.toLowerCase()].address;
    }
    multisig = encodeAddress(createKeyMulti([addr.alice, addr.eve, addr.ferdie], 2), 42);
    windows = (await api.query.timeParameters.parameters()).toJSON();
  });

  after(async () => {
    if (chain) await chain.disconnect().catch(() => {});
    if (node) {
      if (ctx.failed) console.log(`# last node log lines:\n${node.tail(30)}`);
      await node.stop();
    }
  });

  step('Bob gives Dave an Operator proxy; a failing batch_all changes nothing', async () => {
    await freshBlock();
    const before = (await api.rpc.chain.getBlockHash(chain.best)).toHex();
    const bobBefore = await nativeAt(before, addr.bob);
    const charlieBefore = await nativeAt(before, addr.charlie);
    const nextVault = (await api.query.restaking.nextVaultId()).toNumber();
    const feesBefore = { bob: chain.fees.get(addr.bob) ?? 0n, charlie: chain.fees.get(addr.charlie) ?? 0n };
    const [added, funded, failed] = await Promise.all([
      chain.submit(keys.bob, tx.proxy.addProxy(addr.dave, 'Operator', 0)),
      chain.submit(keys.alice, tx.balances.transferKeepAlive(multisig, 1_000n * UNIT)),
      // The vault would be created, then the deposit below its minimum fails: all or nothing.
      chain.submit(
        keys.charlie,
        tx.utility.batchAll([
          tx.restaking.createVault(STETH, 1_000n * ST, ST, windows.minWithdrawalDelay),
          tx.restaking.deposit(nextVault, addr.bob, ST / 2n),
        ]),
      ),
    ]);
    assertOk(added);
    assertOk(funded);
    const proxyDeposit = api.consts.proxy.proxyDepositBase.toBigInt() + api.consts.proxy.proxyDepositFactor.toBigInt();
    const { delegator, delegatee, proxyType, delay } = fields(eventOf(added, 'proxy', 'ProxyAdded'));
    assert.deepEqual(
      [delegator.toString(), delegatee.toString(), proxyType.toString(), delay.toNumber()],
      [addr.bob, addr.dave, 'Operator', 0],
    );
    assert.equal(chain.errorName(failed.dispatchError), 'restaking.BelowMinDeposit', 'the batch fails with its failing call');

    const at = added.blockHash;
    const proxies = await (await api.at(at)).query.proxy.proxies(addr.bob);
    assert.deepEqual(proxies[0].toJSON(), [{ delegate: addr.dave, proxyType: 'Operator', delay: 0 }]);
    assert.equal(proxies[1].toBigInt(), proxyDeposit, 'the proxy deposit is recorded');
    const bobAfter = await nativeAt(at, addr.bob);
    const bobFee = chain.fees.get(addr.bob) - feesBefore.bob;
    assert.equal(bobAfter.reserved - bobBefore.reserved, proxyDeposit, 'Bob reserves the proxy deposit');
    assert.equal(bobBefore.free - bobAfter.free, proxyDeposit + bobFee, 'Bob pays the deposit and his fee, nothing else');
    // batch_all is atomic: no vault, no vault deposit, only Charlie's fee is gone.
    assert.equal((await (await api.at(failed.blockHash)).query.restaking.nextVaultId()).toNumber(), nextVault);
    const charlieAfter = await nativeAt(failed.blockHash, addr.charlie);
    assert.equal(charlieAfter.reserved, charlieBefore.reserved, 'no vault deposit held');
    assert.equal(charlieBefore.free - charlieAfter.free, chain.fees.get(addr.charlie) - feesBefore.charlie);
    vault = nextVault;
  });

  step('Dave, as Bob\'s Operator proxy, registers Bob as operator; a transfer and a wider proxy are filtered', async () => {
    await freshBlock();
    const before = (await api.rpc.chain.getBlockHash(chain.best)).toHex();
    const bobBefore = await nativeAt(before, addr.bob);
    const daveBefore = await nativeAt(before, addr.dave);
    const daveFeesBefore = chain.fees.get(addr.dave) ?? 0n;
    const [register, transfer, escalate] = await Promise.all([
      chain.submit(keys.dave, tx.proxy.proxy(addr.bob, null, tx.restaking.registerOperator(percent(5), 'bob, run by a hot key'))),
      chain.submit(keys.dave, tx.proxy.proxy(addr.bob, null, tx.balances.transferKeepAlive(addr.dave, 10n * UNIT))),
      chain.submit(keys.dave, tx.proxy.proxy(addr.bob, null, tx.proxy.addProxy(addr.dave, 'Any', 0))),
    ]);
    for (const result of [register, transfer, escalate]) assertOk(result);
    assert.equal(innerError(eventOf(register, 'proxy', 'ProxyExecuted')), null, 'registerOperator through the proxy');
    const { operator, deposit } = fields(eventOf(register, 'restaking', 'OperatorRegistered'));
    assert.equal(operator.toString(), addr.bob, 'the real account, Bob, is the operator');
    assert.equal(innerError(eventOf(transfer, 'proxy', 'ProxyExecuted')), 'system.CallFiltered', 'an Operator proxy cannot transfer');
    assert.equal(innerError(eventOf(escalate, 'proxy', 'ProxyExecuted')), 'system.CallFiltered', 'nor add an Any proxy');

    const at = escalate.blockHash;
    assert.ok((await (await api.at(at)).query.restaking.operators(addr.bob)).isSome, 'Bob is an operator');
    const proxies = await (await api.at(at)).query.proxy.proxies(addr.bob);
    assert.equal(proxies[0].length, 1, 'still only the Operator proxy');
    const bobAfter = await nativeAt(at, addr.bob);
    assert.equal(bobAfter.reserved - bobBefore.reserved, deposit.toBigInt(), 'Bob holds the operator deposit');
    assert.equal(bobBefore.free - bobAfter.free, deposit.toBigInt(), 'Bob pays no fee and loses nothing else: no transfer left his account');
    const daveAfter = await nativeAt(at, addr.dave);
    assert.equal(daveBefore.free - daveAfter.free, chain.fees.get(addr.dave) - daveFeesBefore, 'Dave paid the fees and received nothing');
  });

  step('Charlie creates a vault and deposits into it with one batch_all', async () => {
    await freshBlock();
    const result = await chain.submit(
      keys.charlie,
      tx.utility.batchAll([
        tx.restaking.createVault(STETH, 1_000n * ST, ST, windows.minWithdrawalDelay),
        tx.restaking.deposit(vault, addr.bob, DEPOSIT),
      ]),
    );
    assertOk(result);
    eventOf(result, 'utility', 'BatchCompleted');
    const created = fields(eventOf(result, 'restaking', 'VaultCreated'));
    assert.equal(created.vault.toNumber(), vault);
    assert.equal(created.owner.toString(), addr.charlie);
    const deposited = fields(eventOf(result, 'restaking', 'Deposited'));
    assert.deepEqual(
      [deposited.staker.toString(), deposited.vault.toNumber(), deposited.operator.toString(), deposited.amount.toBigInt()],
      [addr.charlie, vault, addr.bob, DEPOSIT],
    );
    const pool = (await (await api.at(result.blockHash)).query.restaking.pools(vault, addr.bob)).unwrap();
    assert.equal(pool.activeStake.toBigInt(), DEPOSIT);
  });

  step('the 2-of-3 multisig registers an AVS: pending after one approval, registered after the second', async () => {
    const config = {
      metadata: 'AVS owned by a 2-of-3 multisig',
      acceptedVaults: [vault],
      minOperatorStake: 0,
      slashing: {
        slasher: multisig,
        resolver: addr.dave,
        maxSlash: percent(50),
        vetoWindow: windows.minVetoWindow,
        destination: 'Burn',
      },
      rewardAssets: [RETH],
      requiresApproval: false,
      optOutDelay: Math.max(windows.minOptOutDelay, windows.maxVetoWindow + 1),
    };
    const call = tx.avsRegistry.registerAvs(config);
    const maxWeight = await maxWeightOf(call);
    avs = (await api.query.avsRegistry.nextAvsId()).toNumber();

    await freshBlock();
    const first = await chain.submit(keys.alice, tx.multisig.asMulti(2, othersOf(addr.alice), null, call, maxWeight));
    assertOk(first);
    const opened = fields(eventOf(first, 'multisig', 'NewMultisig'));
    assert.equal(opened.multisig.toString(), multisig);
    const pending = (await (await api.at(first.blockHash)).query.multisig.multisigs(multisig, call.method.hash)).unwrap();
    assert.equal((await (await api.at(first.blockHash)).query.avsRegistry.avss(avs)).isNone, true, 'one approval registers nothing');

    await freshBlock();
    const second = await chain.submit(keys.eve, tx.multisig.asMulti(2, othersOf(addr.eve), pending.when, call, maxWeight));
    assertOk(second);
    assert.equal(innerError(eventOf(second, 'multisig', 'MultisigExecuted')), null, 'the AVS registration executed');
    const registered = fields(eventOf(second, 'avsRegistry', 'AvsRegistered'));
    assert.equal(registered.avs.toNumber(), avs);
    assert.equal(registered.owner.toString(), multisig, 'the multisig owns the AVS');
    const ms = await nativeAt(second.blockHash, multisig);
    assert.equal(ms.reserved, registered.deposit.toBigInt(), 'the AVS deposit is held from the multisig account');
  });

  step('Dave opts Bob in and allocates, in one batch through the proxy', async () => {
    await freshBlock();
    const result = await chain.submit(
      keys.dave,
      tx.proxy.proxy(addr.bob, 'Operator', tx.utility.batchAll([tx.avsRegistry.optIn(avs), tx.avsRegistry.setAllocation(avs, vault, ALLOCATION)])),
    );
    assertOk(result);
    assert.equal(innerError(eventOf(result, 'proxy', 'ProxyExecuted')), null, 'opt-in and allocation through the proxy');
    eventOf(result, 'utility', 'BatchCompleted');
    const optedIn = fields(eventOf(result, 'avsRegistry', 'OperatorOptedIn'));
    assert.deepEqual([optedIn.avs.toNumber(), optedIn.operator.toString()], [avs, addr.bob]);
    const scheduled = fields(eventOf(result, 'avsRegistry', 'AllocationIncreaseScheduled'));
    assert.deepEqual(
      [scheduled.operator.toString(), scheduled.vault.toNumber(), scheduled.fraction.toNumber()],
      [addr.bob, vault, ALLOCATION],
    );
    allocationEffectiveAt = scheduled.effectiveAt.toNumber();
  });

  step('the multisig requests a slash of Bob (2 of 3 approve); it executes after the veto window', async () => {
    // The incident happens once Bob's allocation is in force.
    await freshBlock(allocationEffectiveAt + 1);
    const occurredAt = chain.best;
    const call = tx.slashing.requestSlash(avs, addr.bob, SLASH, `0x${'ab'.repeat(32)}`, occurredAt, 'signed two conflicting answers');
    const maxWeight = await maxWeightOf(call);
    const first = await chain.submit(keys.ferdie, tx.multisig.asMulti(2, othersOf(addr.ferdie), null, call, maxWeight));
    assertOk(first);
    const pending = (await (await api.at(first.blockHash)).query.multisig.multisigs(multisig, call.method.hash)).unwrap();
    const second = await chain.submit(keys.alice, tx.multisig.asMulti(2, othersOf(addr.alice), pending.when, call, maxWeight));
    assertOk(second);
    assert.equal(innerError(eventOf(second, 'multisig', 'MultisigExecuted')), null, 'the slash request executed');
    const requested = fields(eventOf(second, 'slashing', 'SlashRequested'));
    assert.equal(requested.avs.toNumber(), avs);
    assert.equal(requested.operator.toString(), addr.bob);
    const slashId = requested.slashId.toNumber();
    const executableAt = requested.executableAt.toNumber();
    const poolBefore = (await (await api.at(second.blockHash)).query.restaking.pools(vault, addr.bob)).unwrap().activeStake.toBigInt();

    // Nobody vetoes: on_initialize of `executableAt` executes it.
    await chain.waitForBlock(executableAt);
    const executed = chain
      .eventsOf(executableAt)
      .filter(({ section, method, event }) => section === 'slashing' && method === 'SlashExecuted' && fields(event).slashId.toNumber() === slashId);
    assert.equal(executed.length, 1, `SlashExecuted of #${slashId} in block #${executableAt}`);
    assert.ok(executed[0].phase.isInitialization, 'executed by on_initialize, as every due slash');
    const { totalSlashed } = fields(executed[0].event);
    const expected = (((BigInt(SLASH) * BigInt(ALLOCATION)) / PERBILL) * DEPOSIT) / PERBILL;
    assert.equal(totalSlashed.toBigInt(), expected, 'the slashed fraction of the allocated stake');
    const poolAfter = (await (await api.at(chain.blocks.get(executableAt).hash)).query.restaking.pools(vault, addr.bob)).unwrap().activeStake.toBigInt();
    assert.equal(poolBefore - poolAfter, expected, "Charlie's pool lost exactly that");
  });
});
