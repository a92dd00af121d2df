import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components (layouts cannot read it otherwise), so a
 * signed-out visitor of a shared link is sent back to that very page after signing in.
 */
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-tracelight-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// MLflow/OTLP client endpoints (/v1, /ajax-api, /version, /health, /serving-endpoints) are APIs
// like /api: no page path to pass on.
export const config = { matcher: ["/((?!api/|ajax-api/|v1/|version|health|serving-endpoints/|_next/|favicon.svg).*)"] };
