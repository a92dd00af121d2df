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

export const config = { matcher: ["/((?!api/|_next/|favicon.svg).*)"] };
