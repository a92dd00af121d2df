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
