// The chain secured by its own restaked collateral, on one `--dev` node, through polkadot.js:
//
//   - genesis: Alice, the only validator, is an operator with 10,000 RSTK of her own in vault 0,
//     all allocated to the consensus AVS (AVS 0, owned by the consensus AVS pallet's account);
//   - sessions are BABE epochs of 10 slots, and every session starts with an election
//     (`consensusAvs.ValidatorsElected`) of the operators by stake allocated to AVS 0;
//   - Bob's validator journey, as README "Become a validator" writes it:
//     `author_rotateKeysWithOwner` on the node, `session.setKeys` with its ownership proof, `restaking.registerOperator`, a deposit into vault 0,
//     `avsRegistry.optIn(0)`, `avsRegistry.setAllocation(0, 0, 100%)`. Once the allocation is in
//     force he is elected at the next session start and is a validator from the session after:
//     he is in `session.validators`, BABE and GRANDPA have his keys, and he authors blocks
//     (the node holds his rotated keys, so it authors his slots);
//   - Bob lowers his allocation below the minimum stake: he is not elected at the next session
//     start and leaves the set the session after.
//
// Both validators' keys are in this one node's keystore; its GRANDPA voter votes with one of
// them only, so finality stops once Bob's vote is needed (two voters of weight 1, threshold 2).
// Block production goes on, which is all the rest of the test needs; the multi-node testnet
// checks finality with a joining validator.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Chain, palletAccount } from './lib/chain.mjs';
import { httpRpc, startDevNode } from './lib/node.mjs';
import { steps } from './lib/steps.mjs';

const UNIT = 10n ** 12n;
const PERBILL = 1_000_000_000;
const CONSENSUS_AVS = 0;
const CONSENSUS_VAULT = 0;
const VALIDATOR_STAKE = 10_000n * UNIT;
const BOB_STAKE = 2_000n * UNIT;
const EPOCH = 10;

const { step } = steps({});

describe('consensus AVS on a --dev node: elected validators, a validator joins and leaves', { timeout: 15 * 60_000 }, () => {
  let node;
  let chain;
  let api;
  const keys = {};
  let bobKeys;

  before(async () => {
    await cryptoWaitReady();
    node = await startDevNode();
    chain = await Chain.connect(node.wsUrl);
    api = chain.api;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    keys.alice = keyring.addFromUri('//Alice');
    keys.bob = keyring.addFromUri('//Bob');
  });

  after(async () => {
    if (chain) await chain.disconnect();
    if (node) await node.stop();
  });

  const validators = async (at) => (await (at ? await api.at(at) : api).query.session.validators()).map(String);

  /** The first `consensusAvs.ValidatorsElected` in blocks after `from`, waiting up to `blocks`. */
  async function nextElection(from, blocks) {
    for (let n = from + 1; n <= from + blocks; n++) {
      await chain.waitForBlock(n);
      const event = chain.eventsOf(n).find((e) => e.section === 'consensusAvs' && e.method === 'ValidatorsElected');
      if (event) {
        const { session, validators: elected, candidates } = event.event.data;
        return {
          block: n,
          session: session.toNumber(),
          elected: elected.map(([who, stake]) => [who.toString(), stake.toBigInt()]),
          candidates: candidates.toNumber(),
        };
      }
    }
    assert.fail(`no election in blocks #${from + 1}..#${from + blocks}`);
  }

  /** Wait (up to `blocks` blocks) until `session.validators` satisfies `predicate`. */
  async function untilValidators(predicate, blocks, what) {
    const start = chain.best;
    for (let n = start; n <= start + blocks; n++) {
      await chain.waitForBlock(n);
      const set = await validators(chain.blocks.get(n).hash);
      if (predicate(set)) return { block: n, set };
    }
    assert.fail(`${what}: not within ${blocks} blocks of #${start}`);
  }

  step('genesis: Alice is the validator, a restaked operator of the consensus AVS', async () => {
    await chain.waitForBlock(1);
    assert.deepEqual(await validators(), [keys.alice.address]);
    const avs = (await api.query.avsRegistry.avss(CONSENSUS_AVS)).unwrap();
    assert.equal(avs.owner.toString(), palletAccount('rstk/cns'), 'AVS 0 is owned by the consensus AVS pallet');
    assert.equal(avs.config.slashing.slasher.toString(), palletAccount('rstk/cns'));
    assert.ok(avs.config.slashing.resolver.isNone, 'only root vetoes');
    assert.deepEqual(avs.config.acceptedVaults.map((v) => v.toNumber()), [CONSENSUS_VAULT]);
    const pool = (await api.query.restaking.pools(CONSENSUS_VAULT, keys.alice.address)).unwrap();
    assert.equal(pool.activeStake.toBigInt(), VALIDATOR_STAKE);
    assert.equal((await api.query.avsRegistry.optIns(CONSENSUS_AVS, keys.alice.address)).unwrap().toString(), 'OptedIn');
    const elected = (await api.query.consensusAvs.elected()).map(([who, stake]) => [who.toString(), stake.toBigInt()]);
    assert.deepEqual(elected, [[keys.alice.address, VALIDATOR_STAKE]], 'the genesis election');
    assert.equal((await api.query.consensusAvs.epochLength()).toNumber(), EPOCH);
    assert.equal(api.consts.babe.epochDuration.toNumber(), EPOCH, 'BABE runs the chain spec epoch');
    assert.equal((await api.query.babe.authorities()).length, 1);
  });

  step('every session starts with an election', async () => {
    const before = (await api.query.session.currentIndex()).toNumber();
    const election = await nextElection(chain.best, EPOCH + 3);
    const index = (await (await api.at(chain.blocks.get(election.block).hash)).query.session.currentIndex()).toNumber();
    assert.ok(index > before, 'the session rotated in that block');
    assert.equal(election.session, index + 1, 'it plans the session after the one that starts');
    assert.deepEqual(election.elected, [[keys.alice.address, VALIDATOR_STAKE]]);
    assert.equal(election.candidates, 1);
    assert.ok((await api.query.babe.epochIndex()).toNumber() >= 1, 'BABE moved to a new epoch');
  });

  step('Bob becomes a validator: rotate keys, set keys, register, stake, opt in to AVS 0, allocate', async () => {
    const bob = keys.bob;
    // New keys in the node's keystore, with a proof of possession signed over Bob's account
    // (pallet-session checks it): `author_rotateKeysWithOwner`.
    const generated = await httpRpc(node.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(bob.publicKey)]);
    bobKeys = generated.keys;
    assert.equal(bobKeys.length, 2 + 2 * 64, 'BABE and GRANDPA public keys');
    assert.ok(generated.proof, 'the runtime generates an ownership proof');
    const forged = await chain.submit(bob, api.tx.session.setKeys(bobKeys, '0x'));
    assert.equal(chain.errorName(forged.dispatchError), 'session.InvalidProof', 'keys without a proof are refused');
    const results = await Promise.all([
      chain.submit(bob, api.tx.session.setKeys(bobKeys, generated.proof)),
      chain.submit(bob, api.tx.restaking.registerOperator(5 * 10_000_000, 'bob: validator')),
      chain.submit(bob, api.tx.restaking.deposit(CONSENSUS_VAULT, bob.address, BOB_STAKE)),
      chain.submit(bob, api.tx.avsRegistry.optIn(CONSENSUS_AVS)),
      chain.submit(bob, api.tx.avsRegistry.setAllocation(CONSENSUS_AVS, CONSENSUS_VAULT, PERBILL)),
    ]);
    for (const result of results) assert.ok(result.ok, `${result.label} failed: ${chain.errorName(result.dispatchError)}`);
    const scheduled = chain.findEvent(results[4].events, 'avsRegistry', 'AllocationIncreaseScheduled');
    assert.equal(scheduled.fraction.toNumber(), PERBILL);
    const nextKeys = (await api.query.session.nextKeys(bob.address)).unwrap();
    assert.equal(u8aToHex(nextKeys.toU8a()), bobKeys, 'the rotated keys are Bob\'s next keys');
    // Not a candidate until the allocation is in force.
    const inForce = scheduled.effectiveAt.toNumber();
    await chain.waitForBlock(inForce);
    const election = await nextElection(inForce - 1, 2 * EPOCH + 2);
    assert.deepEqual(
      election.elected,
      [[keys.alice.address, VALIDATOR_STAKE], [bob.address, BOB_STAKE]],
      'Bob is elected at the next session start, after Alice (less stake)',
    );
    assert.equal(election.candidates, 2);
  });

  step('from the session after, Bob validates: in the set, in BABE and GRANDPA, authoring blocks', async () => {
    const { block } = await untilValidators((set) => set.includes(keys.bob.address), 2 * EPOCH + 2, 'Bob in session.validators');
    const at = await api.at(chain.blocks.get(block).hash);
    const babeKey = bobKeys.slice(0, 66);
    const grandpaKey = `0x${bobKeys.slice(66)}`;
    const babe = (await at.query.babe.authorities()).map(([id]) => u8aToHex(id.toU8a()));
    assert.ok(babe.includes(babeKey), 'BABE has Bob\'s key');
    const grandpa = (await at.query.grandpa.authorities()).map(([id]) => u8aToHex(id.toU8a()));
    assert.ok(grandpa.includes(grandpaKey), 'GRANDPA has Bob\'s key');
    // Bob's slots are authored (the node holds his keys): find a block of his in this session.
    let authored = null;
    for (let n = block; n <= block + EPOCH && !authored; n++) {
      await chain.waitForBlock(n);
      const header = await api.derive.chain.getHeader(chain.blocks.get(n).hash);
      if (header.author?.toString() === keys.bob.address) authored = n;
    }
    assert.ok(authored, `no block authored by Bob in #${block}..#${block + EPOCH}`);
  });

  step('Bob lowers his allocation below the minimum stake: not elected, then out of the set', async () => {
    const lowered = await chain.submit(keys.bob, api.tx.avsRegistry.setAllocation(CONSENSUS_AVS, CONSENSUS_VAULT, PERBILL / 4));
    assert.ok(lowered.ok, `setAllocation failed: ${chain.errorName(lowered.dispatchError)}`);
    const decreased = chain.findEvent(lowered.events, 'avsRegistry', 'AllocationDecreased');
    assert.ok(decreased.slashableUntil.toNumber() > lowered.blockNumber, 'the old fraction stays slashable');
    const election = await nextElection(lowered.blockNumber - 1, EPOCH + 2);
    assert.deepEqual(election.elected, [[keys.alice.address, VALIDATOR_STAKE]], '500 RSTK allocated is below the 1,000 minimum');
    await untilValidators((set) => !set.includes(keys.bob.address), 2 * EPOCH + 2, 'Bob out of session.validators');
    assert.deepEqual(await validators(), [keys.alice.address]);
  });
});
