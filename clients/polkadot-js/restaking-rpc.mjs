// polkadot.js definitions of the node's `restaking_*` JSON-RPC methods (node/src/rpc/restaking.rs,
// documented in the README, "Custom RPC").
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { rpc, types } from './clients/polkadot-js/restaking-rpc.mjs';
//
//   const api = await ApiPromise.create({ provider: new WsProvider('ws://127.0.0.1:9944'), rpc, types });
//   const stake = await api.rpc.restaking.operatorStake(address);        // RestakingOperatorStake
//   stake.vaults[0].active.toBigInt();                                     // balances are u128
//   const slashes = await api.rpc.restaking.pendingSlashes(0, null);      // Vec<RestakingPendingSlash>
//
// Every method takes an optional last parameter `at` (a block hash; the best block without it).
// Array answers are `Vec<...>`; balances and shares are `Balance` (u128), fractions `Perbill`,
// accounts `AccountId`, optional values `Option<...>`. The node answers JSON (balances as decimal
// strings, SS58 accounts, camelCase fields); polkadot.js decodes that JSON into these types, whose
// field names are the JSON's. Errors reject the call's promise with the node's JSON-RPC error
// (message `<code>: <message>`): -32602 for an account that does not parse, 9001 when the runtime
// call fails, 9002 for an AVS that is not registered.
//
// The type names carry a `Restaking` prefix so that they never shadow a type of the metadata.
// The module is plain data with no imports: it works with any @polkadot/api version that takes
// `rpc` and `types` options (tested with the one in tests/e2e/package.json).

/** The types of the answers, for `ApiPromise.create({ types })`. */
export const types = {
  /** `"Native"` or `{ "withId": <asset id> }`. */
  RestakingAssetKind: { _enum: { Native: 'Null', WithId: 'u32' } },
  RestakingOperatorStatus: { _enum: ['Active', 'Paused', 'Leaving'] },
  RestakingOptInStatus: { _enum: ['Pending', 'OptedIn', 'OptingOut'] },
  RestakingSlashStatus: { _enum: ['VetoWindowOpen', 'Executable', 'WillBeCancelled'] },
  RestakingVaultStake: {
    vault: 'u32',
    asset: 'RestakingAssetKind',
    active: 'Balance',
    withdrawing: 'Balance',
  },
  RestakingAllocation: {
    vault: 'u32',
    inForce: 'Perbill',
    pendingFraction: 'Option<Perbill>',
    pendingEffectiveAt: 'Option<BlockNumber>',
    slashableFraction: 'Perbill',
    slashableUntil: 'Option<BlockNumber>',
    allocatedStake: 'Balance',
    slashableStake: 'Balance',
  },
  RestakingAvsStake: {
    avs: 'u32',
    status: 'RestakingOptInStatus',
    optingOutUntil: 'Option<BlockNumber>',
    slashable: 'bool',
    allocations: 'Vec<RestakingAllocation>',
  },
  RestakingOperatorStake: {
    operator: 'AccountId',
    status: 'Option<RestakingOperatorStatus>',
    commission: 'Option<Perbill>',
    vaults: 'Vec<RestakingVaultStake>',
    avss: 'Vec<RestakingAvsStake>',
  },
  RestakingStakerPosition: {
    vault: 'u32',
    operator: 'AccountId',
    asset: 'RestakingAssetKind',
    shares: 'Balance',
    stake: 'Balance',
  },
  RestakingAssetAmount: { asset: 'RestakingAssetKind', amount: 'Balance' },
  RestakingPoolRewards: { vault: 'u32', operator: 'AccountId', rewards: 'Vec<RestakingAssetAmount>' },
  RestakingStreamingAmount: { asset: 'RestakingAssetKind', amount: 'Balance', endsAt: 'BlockNumber' },
  RestakingPoolStreams: { vault: 'u32', operator: 'AccountId', streaming: 'Vec<RestakingStreamingAmount>' },
  RestakingClaimableRewards: {
    pools: 'Vec<RestakingPoolRewards>',
    total: 'Vec<RestakingAssetAmount>',
    commission: 'Vec<RestakingAssetAmount>',
    streaming: 'Vec<RestakingPoolStreams>',
  },
  RestakingPendingWithdrawal: {
    index: 'u32',
    vault: 'u32',
    operator: 'AccountId',
    asset: 'RestakingAssetKind',
    shares: 'Balance',
    value: 'Balance',
    maturesAt: 'BlockNumber',
    matured: 'bool',
    redelegateTo: 'Option<AccountId>',
  },
  RestakingPendingSlash: {
    id: 'u32',
    avs: 'u32',
    operator: 'AccountId',
    fraction: 'Perbill',
    incident: 'H256',
    requestedAt: 'BlockNumber',
    executableAt: 'BlockNumber',
    status: 'RestakingSlashStatus',
  },
  RestakingAvsOperator: {
    operator: 'AccountId',
    status: 'RestakingOptInStatus',
    optingOutUntil: 'Option<BlockNumber>',
    slashable: 'bool',
    allocations: 'Vec<RestakingAllocation>',
  },
};

const at = { name: 'at', type: 'BlockHash', isOptional: true };

/** The methods, for `ApiPromise.create({ rpc })`: `api.rpc.restaking.<name>(...)`. */
export const rpc = {
  restaking: {
    operatorStake: {
      description: "An operator's pools per vault and its allocations per AVS",
      params: [{ name: 'operator', type: 'AccountId' }, at],
      type: 'RestakingOperatorStake',
    },
    stakerPositions: {
      description: "A staker's positions: shares and their current value",
      params: [{ name: 'staker', type: 'AccountId' }, at],
      type: 'Vec<RestakingStakerPosition>',
    },
    claimableRewards: {
      description: "A staker's claimable rewards per pool and in total, its operator commission, and what is still streaming",
      params: [{ name: 'staker', type: 'AccountId' }, at],
      type: 'RestakingClaimableRewards',
    },
    pendingWithdrawals: {
      description: "A staker's queued withdrawals at their current (post-slash) value",
      params: [{ name: 'staker', type: 'AccountId' }, at],
      type: 'Vec<RestakingPendingWithdrawal>',
    },
    pendingSlashes: {
      description: 'Slash requests not executed or vetoed yet, optionally of one AVS and/or one operator',
      params: [
        { name: 'avs', type: 'Option<u32>' },
        { name: 'operator', type: 'Option<AccountId>' },
        at,
      ],
      type: 'Vec<RestakingPendingSlash>',
    },
    avsOperators: {
      description: 'The operators of an AVS with their status and allocations (error 9002 if no such AVS)',
      params: [{ name: 'avs', type: 'u32' }, at],
      type: 'Vec<RestakingAvsOperator>',
    },
  },
};

export default { rpc, types };
