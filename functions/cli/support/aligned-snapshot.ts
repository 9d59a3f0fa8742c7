import { DefaultDeserializer, DefaultSerializer } from 'node:v8';

/**
 * A value written with v8's serializer, except that its typed arrays are laid out after the serialized
 * stream, each at a multiple of 8 bytes, instead of inside it. Read back, each typed array is a view on the
 * bytes read, not a copy: v8.deserialize copies every typed array that lands on an unaligned offset in its
 * stream, which for a 10,000-person matcher (≈ 3 MB of Int32Arrays) cost the tag command ≈ 15–30 ms of copying
 * and garbage on every run (docs/benchmarks.md, "Tagger").
 *
 * Layout: the stream's length (uint32, little-endian) and 4 zero bytes; the stream; then the arrays' bytes in
 * the order the stream refers to them, each starting at an 8-byte boundary, the whole padded to one.
 */

/** The boundary the typed arrays start at; bytes handed to decodeAligned should start at one too (else they are copied). */
const ALIGN = 8;
const PREFIX = 8;
/** n rounded up to a multiple of ALIGN. */
export const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The typed arrays a snapshot may hold, by the index written to the stream (append only: the index is stored). */
const VIEW_TYPES = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
type View = InstanceType<(typeof VIEW_TYPES)[number]>;

class SplittingSerializer extends DefaultSerializer {
  readonly views: View[] = [];

  /** Called by v8 for each typed array (DefaultSerializer treats them as host objects); not in Node's type declarations. */
  _writeHostObject(object: object): void {
    // Exact types first (a Uint8ClampedArray is no Uint8Array); a Buffer is a Uint8Array and is read back as one.
    const exact = VIEW_TYPES.indexOf(object.constructor as (typeof VIEW_TYPES)[number]);
    const index = exact >= 0 ? exact : VIEW_TYPES.findIndex((ctor) => object instanceof ctor);
    if (index < 0) throw new TypeError(`cannot store a ${object.constructor.name}`);
    const view = object as View;
    this.writeUint32(index);
    this.writeUint32(view.byteLength);
    this.views.push(view);
  }
}

/** The bytes of `value` in the layout above. */
export function encodeAligned(value: unknown): Buffer {
  const serializer = new SplittingSerializer();
  serializer.writeHeader();
  serializer.writeValue(value);
  const stream = serializer.releaseBuffer();
  let size = aligned(PREFIX + stream.length);
  const offsets = serializer.views.map((view) => {
    const at = size;
    size = aligned(size + view.byteLength);
    return at;
  });
  const out = Buffer.alloc(size);
  out.writeUInt32LE(stream.length, 0);
  stream.copy(out, PREFIX);
  for (const [i, view] of serializer.views.entries()) out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), offsets[i]);
  return out;
}

class ViewingDeserializer extends DefaultDeserializer {
  private next: number;

  constructor(
    stream: Buffer,
    private readonly bytes: Uint8Array<ArrayBuffer>,
  ) {
    super(stream);
    this.next = aligned(PREFIX + stream.length);
  }

  /** Called by v8 for each host object the stream holds (the counterpart of _writeHostObject above). */
  _readHostObject(): View {
    const ctor = VIEW_TYPES[this.readUint32()];
    const length = this.readUint32();
    if (!ctor || length % ctor.BYTES_PER_ELEMENT !== 0 || this.next + length > this.bytes.length) throw new RangeError('damaged snapshot');
    const view = new ctor(this.bytes.buffer, this.bytes.byteOffset + this.next, length / ctor.BYTES_PER_ELEMENT);
    this.next = aligned(this.next + length);
    return view;
  }

  /** Whether every byte was accounted for (a longer or shorter file is not what was written). */
  get usedAll(): boolean {
    return this.next === this.bytes.length;
  }
}

/**
 * The value in bytes written by encodeAligned; throws on bytes that are not. Its typed arrays are views on
 * `bytes` (copied first only when `bytes` itself does not start at an 8-byte boundary), so the caller must not
 * reuse `bytes` for anything else.
 */
export function decodeAligned(bytes: Uint8Array): unknown {
  const own =
    bytes.byteOffset % ALIGN === 0 && bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  if (own.length < PREFIX) throw new RangeError('damaged snapshot');
  const streamLength = new DataView(own.buffer, own.byteOffset, PREFIX).getUint32(0, true);
  if (PREFIX + streamLength > own.length) throw new RangeError('damaged snapshot');
  const stream = Buffer.from(own.buffer, own.byteOffset + PREFIX, streamLength);
  const reader = new ViewingDeserializer(stream, own);
  reader.readHeader();
  const value = reader.readValue();
  if (!reader.usedAll) throw new RangeError('damaged snapshot');
  return value;
}
