import { NextResponse, type NextRequest } from "next/server";

/**
 * Content-Security-Policy for pages, with a fresh nonce per request: scripts run only when they
 * carry it (Next.js adds it to its own scripts when it finds the policy on the request), so no
 * `'unsafe-inline'` for scripts; `'strict-dynamic'` lets those scripts load the app's chunks.
 * Trace content is untrusted: on top of rendering it as text, nothing injected can run.
 * Styles keep `'unsafe-inline'` (React style attributes); they cannot run code.
 * Pages must render per request for the nonce to reach them (app/layout.tsx is dynamic).
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Also passes the requested path to server components (layouts cannot read it otherwise), so a
 * signed-out visitor of a shared link is sent back to that very page after signing in.
 */
export function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set("x-tracelight-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

// MLflow/OTLP client endpoints (/v1, /ajax-api, /version, /health, /serving-endpoints) are APIs
// like /api: no page path to pass on, and their bodies must not pass through the proxy (it would
// buffer uploads); next.config.mjs gives them a static `default-src 'none'` policy.
export const config = { matcher: ["/((?!api/|ajax-api/|v1/|version|health|serving-endpoints/|_next/|favicon.svg).*)"] };
