import "server-only";
import type { NextRequest } from "next/server";
import { jsonResponse } from "./json-response";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { actorFromRequest } from "@/lib/auth/session";
import { UnauthenticatedError } from "@/lib/errors";
import { queryObject, readJsonBody } from "./body";
import { assertCookieRequestAllowed } from "./csrf";
import { toErrorResponse, zodErrorBody } from "./errors";

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

type Access = Role | "PUBLIC";

export interface RouteOptions<
  B extends Schema | undefined,
  Q extends Schema | undefined,
  R extends Access,
  P extends Schema | undefined,
> {
  /** The least role that may call it; "PUBLIC" needs no credentials. */
  role: R;
  /** zod contract of the JSON body (read within the size limit). */
  body?: B;
  /** zod contract of the query string (repeated keys arrive as arrays). */
  query?: Q;
  /** zod contract of the path's dynamic segments (lib/http/params.ts: `pathParams("sessionId")`). */
  params?: P;
  /** Body size limit in bytes (default MAX_BODY_BYTES). */
  maxBytes?: number;
}

export interface RouteContext<B, Q, R extends Access, P> {
  req: NextRequest;
  actor: R extends "PUBLIC" ? Actor | null : Actor;
  body: B;
  query: Q;
  /** The declared path params (none unless the route declares `params`). */
  params: P extends undefined ? Record<string, never> : P;
}

type Handler<B, Q, R extends Access, P> = (ctx: RouteContext<B, Q, R, P>) => Promise<unknown> | unknown;

/**
 * Wraps a route handler: refuses cross-site state changes made with the session cookie (see
 * ./csrf.ts), authenticates (session or API key), checks the role, parses and
 * validates query and body with zod, enforces the body size limit, and turns thrown errors into
 * JSON `{error_code, message, details}` with the right status. Handlers return plain data
 * (sent as JSON 200) or a Response.
 */
export function route<
  R extends Access,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(opts: RouteOptions<B, Q, R, P>, handler: Handler<Out<B>, Out<Q>, R, Out<P>>) {
  return async (
    req: NextRequest,
    context: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      // Before authentication: a forged cross-site change is refused without touching the database.
      assertCookieRequestAllowed(req, req.nextUrl.pathname);
      const actor = await actorFromRequest(req.headers);
      if (opts.role !== "PUBLIC") {
        if (!actor) throw new UnauthenticatedError();
        requireRole(actor, opts.role as Role);
      }
      let query: unknown = undefined;
      if (opts.query) {
        const parsed = opts.query.safeParse(queryObject(req.nextUrl));
        if (!parsed.success) return jsonResponse(zodErrorBody(parsed.error, "query"), { status: 400 });
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (opts.body) {
        const parsed = opts.body.safeParse(await readJsonBody(req, opts.maxBytes));
        if (!parsed.success) return jsonResponse(zodErrorBody(parsed.error, "body"), { status: 400 });
        body = parsed.data;
      }
      let params: unknown = {};
      if (opts.params) {
        const parsed = opts.params.safeParse((await context.params) ?? {});
        if (!parsed.success) return jsonResponse(zodErrorBody(parsed.error, "params"), { status: 400 });
        params = parsed.data;
      }
      const result = await handler({
        req,
        actor: actor as never,
        body: body as never,
        query: query as never,
        params: params as never,
      });
      if (result instanceof Response) return result;
      return jsonResponse(result ?? {});
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      return jsonResponse(body, { status });
    }
  };
}
