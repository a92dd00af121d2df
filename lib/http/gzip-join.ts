/**
 * A gzip response body joined from parts, some of them compressed once and reused. The trace
 * view's span tree (megabytes for a big trace) is the same for everyone who opens it, while the
 * info around it is per request; compressing the whole answer for every open cost the server
 * tens of milliseconds of CPU each (16 people opening a shared 50,000-span trace: most of a
 * second). DEFLATE allows this: a part compressed with a full flush ends on a byte boundary
 * with no back-references across it, so such parts can follow each other in one stream; the
 * gzip trailer's CRC-32 is computed over the uncompressed parts (fast: no compression).
 */
import { promisify } from "node:util";
import zlib from "node:zlib";

/** A part compressed once: its UTF-8 bytes and their raw DEFLATE blocks, full-flushed, not final. */
export interface DeflatedPart {
  utf8: Buffer;
  deflated: Buffer;
}

const deflateRaw = promisify(zlib.deflateRaw);
const FLUSHED = { finishFlush: zlib.constants.Z_FULL_FLUSH };
// gzip member header: magic, method 8 (deflate), no flags, no mtime, no extra flags, OS unknown.
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// The last block: an empty final block (BFINAL=1, fixed Huffman, end of block).
const LAST_BLOCK = zlib.deflateRawSync(Buffer.alloc(0));

/** Compresses `text` for reuse in gzipJoin, off the main thread (zlib's thread pool). */
export async function deflatePart(text: string): Promise<DeflatedPart> {
  const utf8 = Buffer.from(text, "utf8");
  return { utf8, deflated: await deflateRaw(utf8, FLUSHED) };
}

const isDeflated = (p: string | DeflatedPart): p is DeflatedPart => typeof p !== "string";

/** One gzip member of the parts in order; plain strings (small, per request) are compressed here. */
export function gzipJoin(parts: (string | DeflatedPart)[]): Buffer {
  const chunks: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    const utf8 = isDeflated(part) ? part.utf8 : Buffer.from(part, "utf8");
    // Skipped, not just cheap: Node 20's crc32 of an empty buffer answers 0, not the running value.
    if (!utf8.length) continue;
    chunks.push(isDeflated(part) ? part.deflated : zlib.deflateRawSync(utf8, FLUSHED));
    crc = zlib.crc32(utf8, crc);
    size += utf8.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  chunks.push(LAST_BLOCK, trailer);
  return Buffer.concat(chunks);
}

/** The parts as one plain UTF-8 body (a client that does not take gzip). */
export function plainJoin(parts: (string | DeflatedPart)[]): Buffer {
  return Buffer.concat(parts.map((p) => (isDeflated(p) ? p.utf8 : Buffer.from(p, "utf8"))));
}
