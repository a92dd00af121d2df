/**
 * HTTP framing of an OTLP request: which content type, which compression. Kept apart from the
 * protobuf/JSON decoding so route handlers can reject a bad content type before reading the body.
 */
import { gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { OtlpDecodeError, describeCause } from "./errors";

export type OtlpBodyFormat = "protobuf" | "json";

/** Decompressed bodies larger than this are refused (a small gzip can expand enormously). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Maps a Content-Type header to the OTLP encoding, or throws a 415 OtlpDecodeError. */
export function otlpFormatFromContentType(contentType: string | null | undefined): OtlpBodyFormat {
  const mime = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mime === "application/x-protobuf" || mime === "application/protobuf") return "protobuf";
  if (mime === "application/json") return "json";
  throw new OtlpDecodeError(
    `unsupported Content-Type '${contentType ?? ""}': send application/x-protobuf or application/json`,
    415,
  );
}

/**
 * Undoes Content-Encoding: gzip (also x-gzip), deflate (zlib-wrapped or raw, both occur in the
 * wild), identity or none. Throws a 400 OtlpDecodeError for corrupt data and a 415 for other codings.
 */
export function decompressBody(
  body: Uint8Array,
  contentEncoding: string | null | undefined,
  maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Uint8Array {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  let data = body;
  // Codings are listed in the order they were applied, so undo them from the last.
  for (const coding of codings.reverse()) {
    const opts = { maxOutputLength: maxBytes };
    try {
      if (coding === "gzip" || coding === "x-gzip") data = gunzipSync(data, opts);
      else if (coding === "deflate") data = inflateDeflate(data, opts);
      else throw new OtlpDecodeError(`unsupported Content-Encoding '${coding}': use gzip, deflate or none`, 415);
    } catch (err) {
      if (err instanceof OtlpDecodeError) throw err;
      throw new OtlpDecodeError(`body is not valid ${coding} data: ${describeCause(err)}`);
    }
  }
  return data;
}

function inflateDeflate(data: Uint8Array, opts: { maxOutputLength: number }): Uint8Array {
  // A zlib stream starts with a header whose first byte's low nibble is 8 (CM = deflate) and
  // whose first two bytes are a multiple of 31; anything else is taken as raw deflate.
  const zlibHeader = data.length >= 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0;
  return zlibHeader ? inflateSync(data, opts) : inflateRawSync(data, opts);
}
