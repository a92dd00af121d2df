import { PayloadTooLargeError } from "@/lib/errors";
import { parseJsonWithLimits } from "@/lib/security/json-depth";

/** Default request body limit; MAX_BODY_BYTES overrides it. */
export function maxBodyBytes(): number {
  const configured = Number(process.env.MAX_BODY_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 10 * 1024 * 1024;
}

/**
 * Reads a request body, refusing it with 413 as soon as it passes `limit` bytes: a declared
 * Content-Length over the limit is refused before reading, and a streamed body is cancelled
 * at the limit rather than buffered whole.
 */
export async function readBodyLimited(req: Request, limit = maxBodyBytes()): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parses a JSON body within the size and nesting limits (400 beyond MAX_JSON_DEPTH levels); an empty body is `{}` (MLflow clients send none on some calls). */
export async function readJsonBody(req: Request, limit?: number): Promise<unknown> {
  const bytes = await readBodyLimited(req, limit);
  const text = new TextDecoder().decode(bytes).trim();
  if (!text) return {};
  return parseJsonWithLimits(text, "Request body");
}

/** URL query parameters as an object; a repeated parameter becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
