/**
 * The runtime's own table requests (in-process, dynamo-service.ts) reach dynalite's operations without
 * its HTTP request handler: the handler's work for them is fixed — the same signature-free headers every
 * time, a body that is JSON — and emulating a request and a response for it (an event emitter, the body
 * copied into a Buffer and back, the URL and the authorization header parsed, headers set one by one)
 * cost more of the stand-in's thread than dynalite's own checks. This does what the handler then does,
 * with dynalite's own modules: its validations (checkTypes, checkValidations with the operation's
 * custom checks) and its operation on the server's own store, and answers as `sendData` does (the same
 * JSON, `x-amzn-RequestId` of 52 characters, `x-amz-crc32` of the body, content type and length).
 *
 * A request the handler would refuse before its validations (a body that is not JSON, an unknown
 * operation) returns undefined, and the caller sends it through the handler, so dynalite answers it
 * itself. A caught refusal (a ValidationException, a ConditionalCheckFailedException) is answered as
 * the handler answers it; an unexpected error rejects (the stand-in answers 500 and warns).
 *
 * Installed with the other shortcuts (`NEWSWATCH_DYNAMO_SHORTCUTS=off` sends every in-process request
 * through dynalite's handler); tests/integration/dynalite-direct.test.ts compares both answers.
 */
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { batchGetAtOnce } from './batch-reads';
import { batchWriteAtOnce } from './batch-writes';
import { deleteItemAtOnce, putItemAtOnce } from './item-writes';
import type { DynaliteDb } from './dynalite-shapes';
import { changeDynaliteStores, type DynaliteStore } from './dynalite-stores';

export interface DirectAnswer {
  status: number;
  /** As text, as they reach the runtime's clients (dynalite's handler writes the numbers out as text too). */
  headers: Record<string, string>;
  body: string;
}

type Callback = (err: (Error & { statusCode?: number; body?: unknown }) | null, data?: unknown) => void;
type Action = (store: DynaliteStore, data: unknown, callback: Callback) => void;
interface ActionValidation {
  types: Record<string, unknown>;
  custom?: (data: unknown, store: DynaliteStore) => string | undefined;
}
interface Validations {
  checkTypes(data: unknown, types: Record<string, unknown>): unknown;
  checkValidations(data: unknown, types: Record<string, unknown>, custom: ActionValidation['custom'], store: DynaliteStore): void;
}

/** The API prefix the runtime's clients send (dynalite also takes the 2011 one; those go through its handler). */
const API = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** 39 random bytes are 52 base64 characters: dynalite's request id, upper-cased, `+` and `/` as `0`. */
const ID_BYTES = 39;
const ID_POOL = ID_BYTES * 256;

const require = createRequire(import.meta.url);

/** Request ids as dynalite makes them, from a pool of random bytes filled 256 ids at a time. */
class RequestIds {
  private readonly pool = Buffer.alloc(ID_POOL);
  private used = ID_POOL;

  next(): string {
    if (this.used === ID_POOL) {
      randomFillSync(this.pool);
      this.used = 0;
    }
    const bytes = this.pool.subarray(this.used, this.used + ID_BYTES);
    this.used += ID_BYTES;
    return bytes.toString('base64').toUpperCase().replace(/\+|\//g, '0');
  }
}

export class DirectDynalite {
  private readonly ids = new RequestIds();
  private readonly operations = new Map<string, { action: Action; validation: ActionValidation } | null>();

  constructor(
    private readonly store: DynaliteStore,
    private readonly validations: Validations,
    private readonly crc32: (text: string) => number,
    private readonly load: (operation: string) => { action: Action; validation: ActionValidation } | undefined,
  ) {}

  /**
   * dynalite's answer to one in-process request, or undefined when its handler must answer it. `parsed`
   * is the body already parsed by a caller that reads it too (the stream capture): not parsed twice.
   * dynalite's checks may drop a null or unknown field from it, so the caller must not read it after.
   */
  call(target: string, body: string, parsed?: unknown): Promise<DirectAnswer> | undefined {
    const [api, name, ...rest] = target.split('.');
    if (api !== API || !name || rest.length > 0) return undefined;
    const operation = this.operation(name);
    if (!operation) return undefined;
    let data: unknown = parsed;
    if (data === undefined) {
      try {
        data = JSON.parse(body);
      } catch {
        return undefined;
      }
    }
    // The handler answers an empty body (or one that is JSON null) before its validations.
    if (data == null) return undefined;
    const id = this.ids.next();
    return new Promise((resolve, reject) => {
      const send = (out: unknown, status = 200) => resolve(this.answer(id, out, status));
      const { action, validation } = operation;
      let checked: unknown;
      try {
        checked = this.validations.checkTypes(data, validation.types);
        this.validations.checkValidations(checked, validation.types, validation.custom, this.store);
      } catch (err) {
        const refusal = err as { statusCode?: number; body?: unknown };
        if (refusal.statusCode) return send(refusal.body, refusal.statusCode);
        return reject(err);
      }
      action(this.store, checked, (err, out) => {
        if (err?.statusCode) return send(err.body, err.statusCode);
        if (err) return reject(err);
        send(out);
      });
    });
  }

  private operation(name: string) {
    let found = this.operations.get(name);
    if (found === undefined) {
      found = this.load(name) ?? null;
      this.operations.set(name, found);
    }
    return found;
  }

  /** What dynalite's sendData writes. */
  private answer(id: string, out: unknown, status: number): DirectAnswer {
    const body = JSON.stringify(out);
    return {
      status,
      headers: {
        'x-amzn-requestid': id,
        'x-amz-crc32': String(this.crc32(body)),
        'content-type': CONTENT_TYPE,
        'content-length': String(Buffer.byteLength(body, 'utf8')),
      },
      body,
    };
  }
}

/** The item operations taken directly (all of them in dynalite's list of operations); any other goes through its handler. */
const DIRECT_OPERATIONS = new Set(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem']);

/** dynalite's db functions the operations at once use, when they are all there. */
function dynaliteDb(dynaliteRequire: NodeJS.Require): DynaliteDb | undefined {
  try {
    const db = dynaliteRequire('./db') as Partial<DynaliteDb>;
    const names = ['itemSize', 'validateItem', 'validateKey', 'createKey', 'validationError', 'checkConditional'] as const;
    return names.every((name) => typeof db[name] === 'function') ? (db as DynaliteDb) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Operations done at once (batch-reads.ts, batch-writes.ts, item-writes.ts), each with dynalite's own
 * action for the requests it does not take.
 */
const AT_ONCE = new Map([
  ['BatchGetItem', batchGetAtOnce],
  ['BatchWriteItem', batchWriteAtOnce],
  ['PutItem', putItemAtOnce],
  ['DeleteItem', deleteItemAtOnce],
]);

/** An operation's action and validation modules, by dynalite's own naming (at once where above). */
function loader(dynaliteRequire: NodeJS.Require): (name: string) => { action: Action; validation: ActionValidation } | undefined {
  const db = dynaliteDb(dynaliteRequire);
  return (name) => {
    if (!DIRECT_OPERATIONS.has(name)) return undefined;
    const module = name[0]!.toLowerCase() + name.slice(1);
    try {
      const action = dynaliteRequire(`./actions/${module}`) as Action;
      const validation = dynaliteRequire(`./validations/${module}`) as ActionValidation;
      if (typeof action !== 'function' || !validation?.types) return undefined;
      const atOnce = db && AT_ONCE.get(name);
      return { action: atOnce ? atOnce(db, action as (store: unknown, data: unknown, cb: Callback) => void) : action, validation };
    } catch {
      return undefined;
    }
  };
}

/**
 * The answer's CRC-32 as dynalite's buffer-crc32 gives it (of the body's UTF-8 bytes), by zlib's native
 * one where Node has it (20.15 and later): the same number, without a JavaScript loop over every byte.
 */
function checksum(unsigned: (text: string) => number): (text: string) => number {
  const native = (zlib as { crc32?: (data: string) => number }).crc32;
  return typeof native === 'function' ? (text) => native(text) : (text) => unsigned(text);
}

let created: DynaliteStore | undefined;

/** Notes each dynalite store created from now on in this thread (the last one is the newest server's). */
export function installDirectDynalite(): void {
  changeDynaliteStores('direct', (store) => {
    created = store;
  });
}

/**
 * The direct route to the store of the dynalite server just made in this thread (dynalite makes one
 * store per server); undefined when none was noted or dynalite is not the shape expected.
 */
export function takeDirectDynalite(): DirectDynalite | undefined {
  const store = created;
  created = undefined;
  if (!store) return undefined;
  let dynaliteRequire: NodeJS.Require;
  let validations: Validations;
  let crc32: { unsigned?(text: string): number };
  try {
    dynaliteRequire = createRequire(require.resolve('dynalite'));
    validations = dynaliteRequire('./validations');
    crc32 = dynaliteRequire('buffer-crc32');
  } catch {
    return undefined;
  }
  if (typeof validations.checkTypes !== 'function' || typeof validations.checkValidations !== 'function') return undefined;
  const unsigned = crc32.unsigned;
  if (typeof unsigned !== 'function') return undefined;
  return new DirectDynalite(store, validations, checksum(unsigned), loader(dynaliteRequire));
}
