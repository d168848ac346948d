// Helpers around @polkadot/api for the end-to-end tests: signed submission with locally
// tracked nonces (so one account can put several extrinsics into one block), a log of every
// block's events (including `on_initialize` ones), fee accounting and decoded module errors.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';

/** Account of `PalletId(id)` (`into_account_truncating`): "modl" ++ id, zero padded. */
export function palletAccount(id) {
  const raw = new Uint8Array(32);
  raw.set(u8aConcat(stringToU8a('modl'), stringToU8a(id)));
  return encodeAddress(raw, 42);
}

/** Sub-account `index` (u32) of `PalletId(id)` (`into_sub_account_truncating`). */
export function palletSubAccount(id, index) {
  const raw = new Uint8Array(32);
  raw.set(u8aConcat(stringToU8a('modl'), stringToU8a(id), bnToU8a(index, { bitLength: 32, isLe: true })));
  return encodeAddress(raw, 42);
}

/** Field name → codec of an event. */
export function fields(event) {
  const out = {};
  event.data.names.forEach((name, i) => {
    out[name] = event.data[i];
  });
  return out;
}

export class Chain {
  constructor(api) {
    this.api = api;
    /** number → { hash, events: [{ phase, section, method, event }] } */
    this.blocks = new Map();
    this.best = 0;
    this.nonces = new Map();
    /** address → native fees paid (BigInt), from `TransactionFeePaid` events. */
    this.fees = new Map();
    this.waiters = [];
    /** number → why its events could not be decoded */
    this.undecodable = new Map();
  }

  /** `options`: more `ApiPromise.create` options (e.g. `rpc` and `types` definitions). */
  static async connect(wsUrl, options = {}) {
    const api = await ApiPromise.create({
      provider: new WsProvider(wsUrl),
      noInitWarn: true,
      throwOnConnect: true,
      ...options,
    });
    const chain = new Chain(api);
    chain.unsubscribe = await api.rpc.chain.subscribeNewHeads((header) => {
      chain.onHead(header.number.toNumber()).catch((error) => {
        // Only while disconnecting; a waiter times out with a clear message otherwise.
        if (!chain.closing) console.error(`# recording block #${header.number}: ${error.message}`);
      });
    });
    return chain;
  }

  async disconnect() {
    this.closing = true;
    if (this.unsubscribe) this.unsubscribe();
    await this.api.disconnect();
  }

  async onHead(number) {
    // Record every block up to `number` (heads can be skipped by the subscription).
    for (let n = this.best + 1; n <= number; n++) {
      if (this.blocks.has(n)) continue;
      const hash = await this.api.rpc.chain.getBlockHash(n);
      let events;
      try {
        const records = await (await this.api.at(hash)).query.system.events();
        events = records.map(({ phase, event }) => ({ phase, section: event.section, method: event.method, event }));
      } catch (error) {
        // polkadot.js cannot decode the events of the block that sets new runtime code (its
        // state holds the new code, its events are the old runtime's): recorded as such.
        events = null;
        this.undecodable.set(n, error.message);
      }
      this.blocks.set(n, { hash: hash.toHex(), events });
    }
    if (number > this.best) this.best = number;
    this.waiters = this.waiters.filter(({ target, resolve }) => {
      if (this.best >= target) {
        resolve(this.best);
        return false;
      }
      return true;
    });
  }

  /** Resolves once block `target` (or later) has been imported and its events recorded. */
  waitForBlock(target, timeoutMs = 6_000 * (Math.max(target - this.best, 0) + 4)) {
    if (this.best >= target) return Promise.resolve(this.best);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`block #${target} not imported within ${timeoutMs} ms (best #${this.best})`)), timeoutMs);
      this.waiters.push({
        target,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  /** Events of block `number` (recorded from the chain, all phases). */
  eventsOf(number) {
    const block = this.blocks.get(number);
    if (!block) throw new Error(`block #${number} not recorded`);
    if (block.events === null) throw new Error(`the events of block #${number} could not be decoded: ${this.undecodable.get(number)}`);
    return block.events;
  }

  nextNonce(address) {
    const previous = this.nonces.get(address) ?? this.api.rpc.system.accountNextIndex(address).then((n) => n.toNumber() - 1);
    const next = previous.then((n) => n + 1);
    this.nonces.set(address, next);
    return next;
  }

  /**
   * Sign `tx` with `pair` (next local nonce) and submit it; resolves when it is in a block:
   * `{ blockHash, blockNumber, events, dispatchError, ok, label }` where `events` are the
   * extrinsic's own events.
   */
  async submit(pair, tx, label = `${tx.method.section}.${tx.method.method}`) {
    const nonce = await this.nextNonce(pair.address);
    return new Promise((resolve, reject) => {
      let unsub = null;
      let done = false;
      const finish = (fn, value) => {
        if (done) return;
        done = true;
        if (unsub) unsub();
        fn(value);
      };
      tx.signAndSend(pair, { nonce }, async (result) => {
        const { status } = result;
        if (status.isInBlock) {
          try {
            const blockHash = status.asInBlock.toHex();
            const header = await this.api.rpc.chain.getHeader(blockHash);
            for (const { event } of result.events) {
              if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid') {
                const { who, actualFee } = fields(event);
                const key = who.toString();
                this.fees.set(key, (this.fees.get(key) ?? 0n) + actualFee.toBigInt());
              }
            }
            finish(resolve, {
              label,
              blockHash,
              blockNumber: header.number.toNumber(),
              events: result.events.map(({ event }) => event),
              dispatchError: result.dispatchError,
              ok: !result.dispatchError,
            });
          } catch (error) {
            finish(reject, error);
          }
        } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isRetracted) {
          finish(reject, new Error(`${label} (nonce ${nonce}): ${status.type}`));
        }
      })
        .then((u) => {
          unsub = u;
          if (done) u();
        })
        .catch((error) => finish(reject, new Error(`${label} (nonce ${nonce}) rejected: ${error.message}`)));
    });
  }

  /** `section.Name` of a dispatch error (module errors decoded from metadata). */
  errorName(dispatchError) {
    if (!dispatchError) return null;
    if (dispatchError.isModule) {
      const meta = this.api.registry.findMetaError(dispatchError.asModule);
      return `${meta.section}.${meta.name}`;
    }
    return dispatchError.toString();
  }

  /** The single event `section.method` among `events`, or throw with what there was. */
  findEvent(events, section, method) {
    const list = events.map((e) => e.event ?? e);
    const matches = list.filter((e) => e.section === section && e.method === method);
    if (matches.length !== 1) {
      throw new Error(
        `expected one ${section}.${method}, found ${matches.length} among [${list.map((e) => `${e.section}.${e.method}`).join(', ')}]`,
      );
    }
    return fields(matches[0]);
  }

  /** Native fees paid so far by `address` in the extrinsics submitted through `submit`. */
  feesOf(address) {
    return this.fees.get(address) ?? 0n;
  }
}
