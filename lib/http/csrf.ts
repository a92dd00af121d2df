/**
 * Cross-site request forgery defence for cookie-authenticated requests.
 *
 * `SameSite=Lax` cookies travel between *same-site* origins (another port on the same host, a
 * sibling subdomain), so a page there could post to us with the admin's session. A state change
 * (POST/PUT/PATCH/DELETE) that does not carry an API key is therefore accepted only when:
 *
 * - `Sec-Fetch-Site`, when the browser sends it, is `same-origin` (or `none`: typed by the user);
 *   `same-site` and `cross-site` are refused;
 * - `Origin`, when sent, is the app's own origin: the origin of NEXTAUTH_URL / APP_URL, or the
 *   origin of the request's own `Host` (`X-Forwarded-Host` behind a proxy);
 * - a body, when there is one, is declared as JSON (`application/json` or `+json`). Browsers
 *   cannot send that cross-origin without a CORS preflight, which we never answer, so a plain
 *   `<form enctype="text/plain">` carrying a JSON text is refused even by a browser that sends
 *   no Origin at all.
 *
 * A request with neither `Origin` nor `Sec-Fetch-Site` is taken as a non-browser client (curl,
 * scripts, Playwright's request context): every browser sends `Origin` on a cross-origin POST,
 * so such a request cannot be a forgery from another page; the JSON rule still applies to it.
 * Requests with `Authorization` (API key as Bearer or Basic) are never affected: no browser
 * attaches that header on its own.
 */
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/auth/client-address";
import { recordSecurityEvent } from "@/lib/security/events";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class CrossSiteRequestError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super(403, "CROSS_SITE_REQUEST_REFUSED", message, details);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, details?: unknown) {
    super(415, "UNSUPPORTED_MEDIA_TYPE", message, details);
  }
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The origins this app answers as: configured URLs plus the request's own host. */
export function appOrigins(headers: Headers, requestUrl: string): Set<string> {
  const out = new Set<string>();
  for (const configured of [process.env.NEXTAUTH_URL, process.env.APP_URL]) {
    const o = originOf(configured);
    if (o) out.add(o);
  }
  const proto = (headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(requestUrl).protocol).replace(
    /:$/,
    "",
  );
  for (const host of [headers.get("x-forwarded-host")?.split(",")[0]?.trim(), headers.get("host")]) {
    if (host) {
      const o = originOf(`${proto}://${host}`);
      if (o) out.add(o);
    }
  }
  return out;
}

/** True for `application/json`, `application/merge-patch+json` and the like. */
export function isJsonContentType(value: string | null): boolean {
  const type = (value ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return headers.has("transfer-encoding");
}

/** Whether the request carries an API key rather than (only) a cookie. */
export function usesApiKey(headers: Headers): boolean {
  return headers.has("authorization");
}

/**
 * Throws CrossSiteRequestError unless a state-changing request comes from the app's own origin
 * (see the module comment). Safe methods and API-key requests pass untouched.
 */
export function assertSameOrigin(req: Request, path?: string): void {
  if (!UNSAFE.has(req.method.toUpperCase()) || usesApiKey(req.headers)) return;
  try {
    checkOrigin(req);
  } catch (e) {
    recordSecurityEvent({
      action: "request.cross_site_refused",
      outcome: "DENIED",
      clientAddress: clientAddress(req.headers),
      details: {
        method: req.method,
        path: path ?? new URL(req.url).pathname,
        ...((e as CrossSiteRequestError).details as object),
      },
    });
    throw e;
  }
}

function checkOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    throw new CrossSiteRequestError(
      `Refused a ${site} ${req.method} request: changes are accepted only from this app's own pages (or with an API key)`,
      { sec_fetch_site: site },
    );
  const origin = req.headers.get("origin");
  if (origin !== null) {
    const allowed = appOrigins(req.headers, req.url);
    if (!allowed.has(origin))
      throw new CrossSiteRequestError(
        `Refused a ${req.method} request from origin '${origin}': changes are accepted only from this app's own origin (or with an API key)`,
        { origin, allowed_origins: [...allowed] },
      );
  }
}

/** Whether next-auth's session cookie (plain, `__Secure-` or chunked `.0`) came with the request. */
export function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/.test(headers.get("cookie") ?? "");
}

/**
 * Origin check plus: a body sent with the session cookie must be declared as JSON. (Without the
 * cookie the request carries no ambient authority, so e.g. an anonymous protobuf export still
 * gets its 401 rather than a 415.)
 */
export function assertCookieRequestAllowed(req: Request, path?: string): void {
  assertSameOrigin(req, path);
  if (!UNSAFE.has(req.method.toUpperCase()) || usesApiKey(req.headers) || !hasBody(req.headers)) return;
  if (!hasSessionCookie(req.headers)) return;
  const type = req.headers.get("content-type");
  if (!isJsonContentType(type))
    throw new UnsupportedMediaTypeError(
      `Refused a ${req.method} body of type '${type ?? "(none)"}' sent with a session cookie: send 'Content-Type: application/json' (or use an API key)`,
      { content_type: type },
    );
}
