// Steps of an end-to-end scenario: `node:test` cases that run in order on shared state, where
// a failed step fails every later one at once, naming the step that failed.

import assert from 'node:assert/strict';
import { it } from 'node:test';

/**
 * `step(name, fn)` registers one step; `ctx.failed` is the name of the first failed step
 * (`null` while all pass). `ctx` may carry the scenario's own shared state.
 */
export function steps(ctx = {}) {
  ctx.failed = null;
  const step = (name, fn) =>
    it(name, async () => {
      if (ctx.failed) assert.fail(`not run: an earlier step failed (${ctx.failed})`);
      try {
        await fn();
      } catch (error) {
        ctx.failed = name;
        throw error;
      }
    });
  return { ctx, step };
}
