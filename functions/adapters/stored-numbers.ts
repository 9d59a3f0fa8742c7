import { type unmarshallOptions, unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * How every reader of the table turns a stored number into a JavaScript one. DynamoDB keeps 38 digits;
 * past ±2^53 a JavaScript number holds no exact value, and the SDK's default unmarshall throws on such a
 * number with a fraction (failing the whole read: a listing, the watchlist and with it every ingest)
 * and gives a bigint for one without (which JSON cannot hold). Read as NaN instead, which every schema
 * refuses ("expected number, received NaN"): its record is a damaged record like any other (left out
 * and reported in a list, read as unknown where it may be missing, a DamagedRecord elsewhere), and an
 * attribute that no schema reads costs nothing.
 */
export function readStoredNumber(text: string): number {
  const value = Number(text);
  return Math.abs(value) <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
}

type Unmarshall = (item: Record<string, { N: string }>, options: unmarshallOptions) => Record<string, unknown>;

/**
 * Whether this SDK calls a `wrapNumbers` function (releases since November 2024). On AWS the functions
 * use the runtime's SDK, not the one installed here, and an older one would take the function for
 * `true` and wrap every number in an object: then the SDK's default reading is kept.
 */
export function callsNumberReader(convert: Unmarshall = unmarshall): boolean {
  return convert({ n: { N: '1' } }, { wrapNumbers: readStoredNumber }).n === 1;
}

/** Whether the SDK calls the reader: asked on the first number read, not at every function's init. */
let supported: boolean | undefined;

/**
 * The unmarshall options of every document client and stream reader. A fresh object each call: the
 * document client writes its own defaults (convertWithoutMapWrapper) into the object it is given.
 * `wrapNumbers` is read by unmarshall for each number, so the SDK is checked when the first number is
 * read, not when a client is created at init: with an SDK that takes a function for `true` it reads as
 * absent (the SDK's default reading), as before.
 */
export const storedNumberOptions = (): unmarshallOptions => ({
  get wrapNumbers() {
    supported ??= callsNumberReader();
    return supported ? readStoredNumber : undefined;
  },
});
