// GET/POST /api/auth/*: next-auth's sign-in, sign-out, session and CSRF endpoints.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { assertSameOrigin } from "@/lib/http/csrf";
import { toErrorResponse } from "@/lib/http/errors";
import { authOptions } from "@/lib/auth/next-auth";

const handler = NextAuth(authOptions);

// next-auth's own double-submit token is a cookie, and a page on a sibling port of the same host
// can set cookies for this host too; so sign-in/sign-out posts get the same origin check as the
// rest of the API (their bodies are forms, as next-auth sends them, so no JSON rule here).
async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  try {
    assertSameOrigin(req);
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    return NextResponse.json(body, { status });
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
