// Throughput of restaking deposits vs plain transfers on a running dev node.
//
//   node throughput.mjs            # TX_COUNT (default 2000) of each kind
//
// Starts `restaking-node --dev --tmp` (see lib/node.mjs for how the binary is found), sets up
// a native vault (Alice) and an operator (Bob), then twice signs TX_COUNT extrinsics from
// Alice with consecutive nonces, submits them all at once and follows the chain until every
// one is in a block: first `balances.transfer_keep_alive` to Charlie, then
// `restaking.deposit` into the vault. Prints, per kind, the blocks used, the most
// extrinsics of the kind in one block and the end-to-end rate (submission start to the import
// of the block holding the last one), and the deposit/transfer ratios. Exits non-zero if an
// extrinsic fails or does not land within the time limit.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { startDevNode } from './lib/node.mjs';

const TX_COUNT = Number(process.env.TX_COUNT || 2000);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 600_000);
const UNIT = 10n ** 12n;
const SUBMIT_BATCH = 250;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Submit `tx` signed by `signer` and resolve with its events once it is in a block. */
function sendAndWait(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const detail = dispatchError.isModule
          ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
          : dispatchError.toString();
        reject(new Error(`${tx.method.section}.${tx.method.method} failed: ${detail}`));
      } else if (status.isInBlock) {
        resolve(events);
      }
    }).catch(reject);
  });
}

/**
 * Sign `count` extrinsics built by `build(i)` with consecutive nonces, submit them and wait
 * until all are in blocks. Returns { blocks, maxPerBlock, seconds, rate }.
 */
async function measure(api, label, signer, build, count) {
  const firstNonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  const signed = [];
  for (let i = 0; i < count; i++) {
    signed.push(await build(i).signAsync(signer, { nonce: firstNonce + i, era: 0 }));
  }
  const wanted = new Set(signed.map((tx) => tx.hash.toHex()));
  const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();

  let landed = 0;
  let failed = 0;
  const perBlock = [];
  let lastImport = 0;
  let scanned = startBlock;
  let done;
  const finished = new Promise((resolve) => {
    done = resolve;
  });
  const unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
    const number = header.number.toNumber();
    for (let n = scanned + 1; n <= number; n++) {
      scanned = n;
      const hash = await api.rpc.chain.getBlockHash(n);
      const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
      let inBlock = 0;
      block.block.extrinsics.forEach((ext, index) => {
        if (!wanted.has(ext.hash.toHex())) return;
        inBlock += 1;
        const ok = events.some(
          ({ phase, event }) =>
            phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index && api.events.system.ExtrinsicSuccess.is(event),
        );
        if (!ok) failed += 1;
      });
      if (inBlock > 0) {
        perBlock.push(inBlock);
        landed += inBlock;
        lastImport = Date.now();
      }
      if (landed >= count) done();
    }
  });

  const started = Date.now();
  for (let i = 0; i < signed.length; i += SUBMIT_BATCH) {
    await Promise.all(signed.slice(i, i + SUBMIT_BATCH).map((tx) => api.rpc.author.submitExtrinsic(tx)));
  }
  const submitted = Date.now();
  const timedOut = await Promise.race([finished.then(() => false), sleep(TIMEOUT_MS).then(() => true)]);
  unsubscribe();
  if (timedOut) throw new Error(`${label}: only ${landed}/${count} extrinsics landed within ${TIMEOUT_MS} ms`);
  if (failed > 0) throw new Error(`${label}: ${failed} of ${count} extrinsics failed`);
  const seconds = (lastImport - started) / 1000;
  const result = {
    blocks: perBlock.length,
    maxPerBlock: Math.max(...perBlock),
    submitSeconds: (submitted - started) / 1000,
    seconds,
    rate: count / seconds,
  };
  console.log(
    `${label.padEnd(10)} ${count} extrinsics in ${result.blocks} blocks (max ${result.maxPerBlock} per block), ` +
      `submitted in ${result.submitSeconds.toFixed(1)} s, all in blocks after ${seconds.toFixed(1)} s: ${result.rate.toFixed(1)} tx/s`,
  );
  return result;
}

const node = await startDevNode();
let exitCode = 0;
try {
  const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const charlie = keyring.addFromUri('//Charlie');

  const minDelay = (await api.query.timeParameters.parameters()).toJSON().minWithdrawalDelay;
  const created = await sendAndWait(
    api,
    api.tx.restaking.createVault('Native', 1_000_000n * UNIT, UNIT, minDelay),
    alice,
  );
  const vaultEvent = created.find(({ event }) => api.events.restaking.VaultCreated.is(event));
  const vault = vaultEvent.event.data[0].toNumber();
  await sendAndWait(api, api.tx.restaking.registerOperator(100_000_000, '0x'), bob);

  console.log(`throughput on ${node.binary} --dev (6 s blocks), ${TX_COUNT} extrinsics per kind from one account`);
  const transfers = await measure(
    api,
    'transfer',
    alice,
    () => api.tx.balances.transferKeepAlive(charlie.address, UNIT),
    TX_COUNT,
  );
  const deposits = await measure(
    api,
    'deposit',
    alice,
    () => api.tx.restaking.deposit(vault, bob.address, UNIT),
    TX_COUNT,
  );
  console.log(
    `deposit/transfer ratio: rate ${(deposits.rate / transfers.rate).toFixed(2)}, ` +
      `blocks needed ${(transfers.blocks / deposits.blocks).toFixed(2)} (inverse), ` +
      `max per block ${(deposits.maxPerBlock / transfers.maxPerBlock).toFixed(2)}`,
  );
  await api.disconnect();
} catch (error) {
  console.error(`throughput: FAIL: ${error.message}\nnode log tail:\n${node.tail()}`);
  exitCode = 1;
} finally {
  await node.stop();
}
process.exit(exitCode);
