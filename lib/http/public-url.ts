/**
 * The one public URL of the server, for every link the app shows, prints or returns (session
 * share links, invitation links, the Python client's `session.url`, the start banner):
 *
 * 1. `APP_URL`, when set (behind a proxy, set it: the request's origin is then the upstream's);
 * 2. else `NEXTAUTH_URL`, when the operator set it (not when `npm start` filled in its default,
 *    which it marks with `TRACELIGHT_NEXTAUTH_URL_DEFAULTED=1`);
 * 3. else the origin the request came in on, so a server opened as `http://127.0.0.1:3000`
 *    hands out `http://127.0.0.1:3000/...` links, not `localhost` ones.
 */
const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The configured public origin (steps 1 and 2), or null when links follow the request. */
export function configuredPublicOrigin(): string | null {
  const app = process.env.APP_URL?.trim();
  if (app) return trimSlash(app);
  const auth = process.env.NEXTAUTH_URL?.trim();
  if (auth && process.env.TRACELIGHT_NEXTAUTH_URL_DEFAULTED !== "1") return trimSlash(auth);
  return null;
}

/** The public origin for a request (a route's `req`, or a page's origin from `requestOrigin`). */
export function publicOrigin(req?: { nextUrl: { origin: string } } | string): string {
  const fromRequest = typeof req === "string" ? req : req?.nextUrl.origin;
  return configuredPublicOrigin() ?? trimSlash(fromRequest ?? "");
}

/** A page's own origin from its request headers (`headers()` in a Server Component). */
export function requestOrigin(h: { get(name: string): string | null }): string {
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}

/** A DTO with a relative `url` plus `reviewUrl`, the same link made absolute on the public origin. */
export function withReviewUrl<T extends { url: string }>(
  dto: T,
  req?: { nextUrl: { origin: string } },
): T & { reviewUrl: string } {
  return { ...dto, reviewUrl: `${publicOrigin(req)}${dto.url}` };
}
