import { Packr } from 'msgpackr';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Keyv's envelope around what a store holds: the value and its absolute expiry. */
export interface KeyvEnvelope<T = unknown> {
  value?: T;
  expires?: number;
}

const PLAIN = 0x6d; // 'm': msgpack
const BROTLI = 0x62; // 'b': msgpack, then Brotli
/** A corrupt or hostile compressed value must not blow up memory when inflated. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

// Standard msgpack (no records extension), so other languages can read what we store.
const packr = new Packr({ useRecords: false });

/**
 * Encodes values for Redis as msgpack (msgpackr), Brotli-compressed above a size threshold, behind a one-byte marker
 * so reads know which. Redis strings come back through @keyv/redis as JS strings, so bytes travel as latin1
 * characters: each byte is one character, and UTF-8 on the wire carries it back unchanged.
 */
export class EntryCodec {
  constructor(private readonly compressThresholdBytes: number) {}

  /** The msgpack bytes of `value`: the size L1 accounts for, and what `serialize` compresses or not. */
  pack(value: unknown): Buffer {
    return packr.pack(value);
  }

  unpack(bytes: Uint8Array): unknown {
    return packr.unpack(bytes);
  }

  /** Keyv's `serialize`: envelope → marked string. */
  readonly serialize = (envelope: KeyvEnvelope): string => this.encode(this.pack(envelope));

  /** Keyv's `deserialize`: marked string → envelope; undefined for anything it did not write. */
  readonly deserialize = <T>(text: string | undefined): KeyvEnvelope<T> | undefined => this.deserializeSized<T>(text)?.envelope;

  /** `deserialize`, with the size of the msgpack it decoded (after any Brotli): what L1 counts for a back-fill. */
  deserializeSized<T>(text: string | undefined): { envelope: KeyvEnvelope<T>; bytes: number } | undefined {
    if (text === undefined || text.length === 0) {
      return undefined;
    }
    const packed = this.decode(text);
    const decoded = this.unpack(packed) as KeyvEnvelope<T> | undefined;
    return decoded !== null && typeof decoded === 'object' && 'value' in decoded ? { envelope: decoded, bytes: packed.length } : undefined;
  }

  /** Marks `packed`, compressing it when that pays. */
  encode(packed: Buffer): string {
    if (packed.length > this.compressThresholdBytes) {
      const compressed = brotliCompressSync(packed, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: packed.length } });
      if (compressed.length < packed.length) {
        return String.fromCharCode(BROTLI) + compressed.toString('latin1');
      }
    }
    return String.fromCharCode(PLAIN) + packed.toString('latin1');
  }

  /** The msgpack bytes of an encoded string; throws on a marker it does not know. */
  decode(text: string): Buffer {
    const bytes = Buffer.from(text, 'latin1');
    const body = bytes.subarray(1);
    switch (bytes[0]) {
      case PLAIN:
        return body;
      case BROTLI:
        return brotliDecompressSync(body, { maxOutputLength: MAX_INFLATED_BYTES });
      default:
        throw new Error('not a value this cache encoded');
    }
  }
}
