// What standard clients and signers need from the node, on one `--dev` node (Alice the only
// GRANDPA voter):
//
// GRANDPA RPC (sc-consensus-grandpa-rpc, wired as in the kitchensink node), through
// polkadot.js's own `api.rpc.grandpa` definitions:
//   - `grandpa_roundState`: the set id and the voter's current round, weights and thresholds;
//   - `grandpa_subscribeJustifications`: a justification of each newly finalized block, whose
//     precommit is Alice's ed25519 signature over the GRANDPA message (checked here);
//   - `grandpa_proveFinality`: every session elects the validators anew, so GRANDPA's set
//     changes each session; once the first change is finalized, a block of set 0 is proven by
//     the justification of that set's last block, whose precommits verify as set 0's, and a
//     block beyond finality is "not yet finalized".
//
// CheckMetadataHash (RFC-0078), as the Ledger generic app and other metadata-aware signers use
// it: the runtime is built with its metadata hash (`metadata-hash` feature, RSTK, 12 decimals),
// so a transaction signed in mode 1 over the digest computed here from the node's metadata
// (@polkadot-api/merkleize-metadata) is accepted, and one signed over any other digest is
// refused as a bad signature.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { bnToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, ed25519Verify } from '@polkadot/util-crypto';
import { Chain } from './lib/chain.mjs';
import { startDevNode } from './lib/node.mjs';

/** The bytes a GRANDPA voter signs for a precommit: (Message::Precommit, round, set id). */
function precommitPayload(precommit, round, setId) {
  return u8aConcat(
    new Uint8Array([1]), // Message::Precommit
    precommit.targetHash.toU8a(),
    bnToU8a(precommit.targetNumber.toBn(), { bitLength: 32, isLe: true }),
    bnToU8a(round, { bitLength: 64, isLe: true }),
    bnToU8a(setId, { bitLength: 64, isLe: true }),
  );
}

describe('standard clients on a --dev node: GRANDPA RPC, metadata-hash signing', { timeout: 5 * 60_000 }, () => {
  let node;
  let chain;
  let api;
  let alice;
  let signer;
  let bob;

  before(async () => {
    await cryptoWaitReady();
    node = await startDevNode();
    chain = await Chain.connect(node.wsUrl);
    api = chain.api;
    alice = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
    const sr25519 = new Keyring({ type: 'sr25519', ss58Format: 42 });
    signer = sr25519.addFromUri('//Alice');
    bob = sr25519.addFromUri('//Bob').address;
  });

  after(async () => {
    if (chain) await chain.disconnect();
    if (node) await node.stop();
  });

  /** The GRANDPA set that finalizes block `number`: the set in force in its parent's state
   * (a block that enacts a change is still finalized by the set before it). */
  async function setIdOf(number) {
    const hash = await api.rpc.chain.getBlockHash(Math.max(0, number - 1));
    return (await (await api.at(hash)).query.grandpa.currentSetId()).toNumber();
  }

  /** Assert that `justification` is Alice's, for its own round and set `setId`. */
  function assertSignedByAlice(justification, what, setId) {
    const { round, commit } = justification;
    assert.ok(commit.precommits.length >= 1, `${what}: no precommit`);
    for (const { precommit, signature, id } of commit.precommits) {
      assert.equal(u8aToHex(id), u8aToHex(alice.publicKey), `${what}: the voter is Alice's GRANDPA key`);
      assert.ok(
        ed25519Verify(precommitPayload(precommit, round.toBn(), setId), signature, alice.publicKey),
        `${what}: the precommit signature does not verify`,
      );
    }
  }

  it('grandpa_roundState: the current set, Alice the whole weight', async () => {
    await chain.waitForBlock(2);
    const state = await api.rpc.grandpa.roundState();
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    const onChain = (await (await api.at(finalized.hash)).query.grandpa.currentSetId()).toNumber();
    // The voter runs the set of the finalized chain (or, right at a change, the one before).
    assert.ok([onChain, onChain - 1].includes(state.setId.toNumber()), `set id ${state.setId} vs ${onChain} on chain`);
    assert.ok(state.best.round.toNumber() >= 1, 'the voter has started a round');
    assert.equal(state.best.totalWeight.toNumber(), 1, 'one voter of weight 1');
    assert.equal(state.best.thresholdWeight.toNumber(), 1, 'its vote is the threshold');
  });

  it('grandpa_subscribeJustifications: Alice-signed justifications of new finalized blocks', async () => {
    const justifications = [];
    const unsubscribe = await api.rpc.grandpa.subscribeJustifications((notification) => {
      justifications.push(api.createType('GrandpaJustification', notification));
    });
    const deadline = Date.now() + 60_000;
    while (justifications.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    unsubscribe();
    assert.ok(justifications.length >= 2, `only ${justifications.length} justifications in 60 s`);
    const [first, second] = justifications;
    assert.ok(second.commit.targetNumber.toNumber() > first.commit.targetNumber.toNumber(), 'each finalizes a later block');
    for (const justification of justifications) {
      const { targetHash, targetNumber } = justification.commit;
      const hash = await api.rpc.chain.getBlockHash(targetNumber);
      assert.equal(targetHash.toHex(), hash.toHex(), `the justification of #${targetNumber} targets that block`);
      assertSignedByAlice(justification, `justification of #${targetNumber}`, await setIdOf(targetNumber.toNumber()));
    }
  });

  it('grandpa_proveFinality: a block of an ended set is proven by that set\'s last justification', async () => {
    // Wait until the first authority-set change (the second session's election) is finalized.
    const deadline = Date.now() + 180_000;
    let finalized;
    for (;;) {
      finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      if ((await (await api.at(finalized.hash)).query.grandpa.currentSetId()).toNumber() >= 1) break;
      assert.ok(Date.now() < deadline, `no GRANDPA set change finalized by #${finalized.number}`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const encoded = await api.rpc.grandpa.proveFinality(1);
    assert.ok(encoded.isSome, 'block #1 (set 0) has a finality proof');
    const proof = api.createType('(Hash, Bytes, Vec<Header>)', encoded.unwrap().toU8a(true));
    const [block, justificationBytes, unknownHeaders] = proof;
    const justification = api.createType('GrandpaJustification', justificationBytes.toU8a(true));
    const target = justification.commit.targetNumber.toNumber();
    assert.equal(justification.commit.targetHash.toHex(), block.toHex(), 'the justification finalizes the proven block');
    assert.equal((await api.rpc.chain.getBlockHash(target)).toHex(), block.toHex(), 'a canonical block');
    assert.ok(target >= 1, 'the proof covers #1');
    // It is the last block of set 0: its successor is finalized by set 1.
    assert.equal(await setIdOf(target), 0, `#${target} is finalized by set 0`);
    assert.equal(await setIdOf(target + 1), 1, `#${target + 1} is finalized by set 1`);
    assertSignedByAlice(justification, `the proof's justification of #${target}`, 0);
    // The headers between #1 and the justified block come along, for a client without them.
    assert.equal(unknownHeaders.length, target - 1, 'headers #2..the justified block');
    await assert.rejects(
      api.rpc.grandpa.proveFinality(finalized.number.toNumber() + 1_000),
      { message: /^4: GRANDPA prove finality rpc failed: Block not yet finalized$/ },
      'a block far ahead of finality',
    );
  });

  it('sync_state_genSyncSpec: the chain spec with a light-sync checkpoint at finality', async () => {
    const spec = (await api.rpc.syncstate.genSyncSpec(true)).toJSON();
    assert.equal(spec.id, 'dev');
    assert.ok(spec.genesis.raw, 'a raw spec');
    const state = spec.lightSyncState;
    assert.ok(state, 'the spec carries lightSyncState');
    for (const field of ['finalizedBlockHeader', 'babeEpochChanges', 'grandpaAuthoritySet']) {
      assert.match(state[field], /^0x[0-9a-f]+$/, `lightSyncState.${field} is SCALE hex`);
    }
    // The BABE weight of the checkpoint (its chain's number of primary blocks).
    assert.ok(Number.isInteger(state.babeFinalizedBlockWeight) && state.babeFinalizedBlockWeight >= 0);
    const header = api.createType('Header', state.finalizedBlockHeader);
    const canonical = await api.rpc.chain.getBlockHash(header.number.toNumber());
    assert.equal(header.hash.toHex(), canonical.toHex(), 'the checkpoint is a canonical block');
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    assert.ok(header.number.toNumber() <= finalized.number.toNumber(), 'and a finalized one');
  });

  /** RFC-0078 digest of the node's metadata (V15), with the given token symbol and decimals. */
  async function metadataDigest({ tokenSymbol = 'RSTK', decimals = 12 } = {}) {
    const metadata = await api.call.metadata.metadataAtVersion(15);
    assert.ok(metadata.isSome, 'the runtime serves metadata V15');
    return u8aToHex(merkleizeMetadata(metadata.unwrap().toU8a(true), { tokenSymbol, decimals }).digest());
  }

  /** Submit a transfer of 1 unit to Bob signed with `options`; resolves with its outcome. */
  function transfer(options) {
    return new Promise((resolve, reject) => {
      api.tx.balances
        .transferKeepAlive(bob, 10n ** 12n)
        .signAndSend(signer, options, ({ status, dispatchError, events }) => {
          if (status.isInBlock) resolve({ dispatchError, events, block: status.asInBlock.toHex() });
          if (status.isInvalid || status.isDropped) reject(new Error(`transaction ${status.type}`));
        })
        .catch(reject);
    });
  }

  it('CheckMetadataHash mode 1: a transfer signed over the metadata digest is accepted', async () => {
    const metadataHash = await metadataDigest();
    const before = (await api.query.system.account(bob)).data.free.toBigInt();
    const { dispatchError, events, block } = await transfer({ mode: 1, metadataHash });
    assert.ok(!dispatchError, `the transfer failed: ${dispatchError}`);
    assert.ok(events.some(({ event }) => api.events.balances.Transfer.is(event)), 'a Transfer event');
    // The extrinsic carries mode 1 on chain.
    const { block: included } = await api.rpc.chain.getBlock(block);
    const signed = included.extrinsics.find((xt) => xt.isSigned && xt.method.section === 'balances');
    assert.ok(signed, 'the transfer is in the block');
    assert.equal(signed.mode.toNumber(), 1, 'the included extrinsic is in mode 1');
    const after = (await (await api.at(block)).query.system.account(bob)).data.free.toBigInt();
    assert.equal(after - before, 10n ** 12n, 'Bob received the unit');
  });

  it('CheckMetadataHash mode 1: a signature over another digest is refused', async () => {
    // What a signer would sign with a wrong token symbol (or for another runtime): the node's
    // own hash differs, so the signed payload differs and the signature does not verify.
    const wrong = await metadataDigest({ tokenSymbol: 'UNIT' });
    assert.notEqual(wrong, await metadataDigest(), 'the token symbol is part of the digest');
    await assert.rejects(transfer({ mode: 1, metadataHash: wrong }), {
      message: /^1010: Invalid Transaction: Transaction has a bad signature/,
    });
  });
});
