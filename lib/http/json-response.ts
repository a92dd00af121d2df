/**
 * JSON answers of the API. The framework gzips every compressible answer it streams, whatever
 * its size (it writes the body in chunks, so the compression middleware never learns the
 * length and skips its own 1 KB threshold): for the typical answer of a few hundred bytes that
 * is a compression stream set up and torn down per request, a large share of a small request's
 * CPU (issue 14: an assessment create cost 2.3x /health, a third of it in zlib). Answers under
 * COMPRESS_FROM_BYTES are marked `no-transform`, which the middleware honours; bigger ones
 * (search pages, lists) are still compressed. `no-store`: API answers are per user and never
 * cached by browsers or proxies.
 */
export const COMPRESS_FROM_BYTES = 8 * 1024;

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status: init.status ?? 200,
    headers: {
      "content-type": "application/json",
      ...(text.length < COMPRESS_FROM_BYTES ? { "cache-control": "no-store, no-transform" } : {}),
      ...init.headers,
    },
  });
}
