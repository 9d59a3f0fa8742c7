import * as z from '../zod';

// Apart from snapshot.ts, which the tagger imports: only the CLI's matcher cache reads snapshots back,
// and in ingest and the feed poller these schemas were built at every cold start, never used
// (docs/benchmarks.md, "Lambda cold start").

const isMap = z.custom<Map<unknown, unknown>>((v) => v instanceof Map);
const isArray = z.custom<unknown[]>((v) => Array.isArray(v));
const int32s = z.instanceof(Int32Array);
const hashFields = z.looseObject({ slots: int32s, mask: z.number().check(z.int()) });

/**
 * The shape a snapshot read back from storage must have. Containers are checked, not every element:
 * the reader also checks a checksum and that the same code wrote it (see the CLI's matcher cache),
 * and checking 40,000 words one by one would cost what the cache saves.
 */
export const TaggerSnapshotShape = z.object({
  vocab: z.looseObject({
    keys: isArray,
    full: hashFields,
    stem3: hashFields,
    prefix4: hashFields,
    dynamic: isMap,
    packedStems: z.looseObject({ text: z.string(), ends: int32s, ids: int32s }),
    packedSpellings: z.looseObject({ starts: int32s, ids: int32s }),
    packedImplies: z.looseObject({ starts: int32s, ids: int32s }),
    packedRoles: z.looseObject({ roles: int32s, ownRoles: int32s }),
  }),
  people: z.looseObject({
    tables: z.looseObject({
      aliases: z.instanceof(Int32Array),
      surnames: z.instanceof(Int32Array),
      lists: z.instanceof(Int32Array),
      singles: hashFields,
      pairs: hashFields,
      pairFirsts: hashFields,
      surnamesByFirst: hashFields,
      rules: z.instanceof(Uint8Array),
      wordOnly: z.instanceof(Uint8Array),
      own: isArray,
      given: isArray,
    }),
    exclusionsByFirst: isMap,
  }),
  topics: z.array(z.looseObject({ byFirst: isMap, rules: isArray, def: z.looseObject({ id: z.string() }) })),
  personIds: z.array(z.string()),
});
