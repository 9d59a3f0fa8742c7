import type { DynaliteDb } from '../../functions/local/dynamo/dynalite-shapes';

/**
 * dynalite's db functions as the stand-in's shortcuts call them, made trivial for unit tests of their
 * order of work (locks, reads, writes): every item valid and of size 1, its key its `pk` string, no
 * condition refused unless `checkConditional` is given. Their answers are compared with dynalite's
 * own in tests/integration/dynalite-direct.test.ts.
 */
export function fakeDynaliteDb(checkConditional: DynaliteDb['checkConditional'] = () => undefined): DynaliteDb {
  return {
    itemSize: () => 1,
    validateItem: () => undefined,
    validateKey: () => undefined,
    createKey: (item) => String((item.pk as { S: string }).S),
    validationError: (message) => new Error(message),
    checkConditional,
  };
}
