/**
 * The address a request came from, for throttling and the audit log.
 *
 * By default the TCP peer address: `npm start` runs Next.js with a preload
 * (scripts/client-address-preload.cjs) that writes the socket's address into the
 * `x-tracelight-client-address` header of every request, replacing whatever a client sent.
 * X-Forwarded-For is ignored, because anyone can send it, unless TRUST_PROXY is set: behind a
 * reverse proxy set TRUST_PROXY=1 (or the number of proxies in front of the app) and the
 * address is read from X-Forwarded-For, counting that many hops from the right.
 */
export const CLIENT_ADDRESS_HEADER = "x-tracelight-client-address";

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const v = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  if (!v || v === "0" || v === "false") return 0;
  if (v === "true") return 1;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedProxyHops(env);
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // Each trusted proxy appends the address it saw; the client is `hops` entries from the right.
    const fromProxy = chain[Math.max(chain.length - hops, 0)];
    if (fromProxy) return normalise(fromProxy);
  }
  const socket = headers.get(CLIENT_ADDRESS_HEADER);
  if (socket) return normalise(socket);
  // Not started through `npm start` (e.g. `next dev` directly): Next.js fills X-Forwarded-For
  // from the socket when the client sent none, which is the best left to go on.
  const xff = headers.get("x-forwarded-for")?.split(",").pop()?.trim();
  return xff ? normalise(xff) : "unknown";
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
function normalise(addr: string): string {
  return addr.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase();
}
