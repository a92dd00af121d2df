import { ValidationError } from "@/lib/errors";

/**
 * Page tokens are opaque to clients; like MLflow's OSS server they are base64 of
 * `{"offset": N}`, so tokens from either server look alike. Offset paging can skip or repeat
 * a trace when traces are written between page requests, as it does in MLflow.
 */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

/** The offset a page token stands for; no token means the first page. Bad tokens are a 400. */
export function decodePageToken(token: string | null | undefined): number {
  if (token == null || token.trim() === "") return 0;
  const trimmed = token.trim();
  // Buffer.from(..., "base64") ignores stray characters, so check the alphabet first
  // (URL-safe base64 is accepted too).
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(trimmed, "base64").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
  return offset;
}

/** The token for the next page, or undefined when this page was not full (MLflow's rule). */
export function nextPageToken(offset: number, pageSize: number, returned: number): string | undefined {
  return returned >= pageSize ? encodePageToken(offset + returned) : undefined;
}

function invalidToken(): ValidationError {
  return new ValidationError("Invalid page_token: it was not issued by this server or is corrupted");
}

/** A sort-key value in a keyset token: what the row held in each ordered column. */
export type KeyValue = string | number | null;

/**
 * Keyset page tokens: base64 of `{"after": [...]}` (the rows after the row with those sort-key
 * values) or `{"before": [...]}` (the rows before it, for a previous page). A page then costs
 * the same however deep it is, and writes between requests neither skip nor repeat rows. The
 * values are the list's own (which columns, in which order, is the caller's contract); offset
 * tokens stay valid, so tokens issued before keyset paging, and MLflow's, still work.
 */
export type PageCursor = { offset: number } | { after: KeyValue[] } | { before: KeyValue[] };

export function encodeKeysetToken(direction: "after" | "before", values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify({ [direction]: values }), "utf8").toString("base64");
}

/** An offset or keyset token; no token means the first page (null). Bad tokens are a 400. */
export function decodePageCursor(token: string | null | undefined): PageCursor | null {
  if (token == null || token.trim() === "") return null;
  const trimmed = token.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(trimmed, "base64").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  if (parsed == null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidToken();
  const o = parsed as Record<string, unknown>;
  if ("offset" in o) return { offset: decodePageToken(trimmed) };
  for (const direction of ["after", "before"] as const) {
    const values = o[direction];
    if (!Array.isArray(values) || Object.keys(o).length !== 1) continue;
    if (values.length === 0 || values.length > 10) throw invalidToken();
    if (!values.every((v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v))))
      throw invalidToken();
    return direction === "after" ? { after: values as KeyValue[] } : { before: values as KeyValue[] };
  }
  throw invalidToken();
}

/** The 400 for a token that decodes but does not fit the list it was sent to. */
export function pageTokenMismatch(): ValidationError {
  return new ValidationError("Invalid page_token: it belongs to a different sort order");
}
