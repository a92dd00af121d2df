import "server-only";
/**
 * The MLflow-compatible REST surface as ONE route table (method + version + path pattern ->
 * handler over our services), mounted by the catch-all route files under app/api/[version]/mlflow
 * and app/ajax-api/[version]/mlflow. Unknown routes answer a bare 404 with an empty body, which
 * MLflow clients read as ENDPOINT_NOT_FOUND and fall back to older APIs (docs/mlflow-compatibility.md §1).
 */
import { z } from "zod";
import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { queryObject, readJsonBody } from "@/lib/http/body";
import { zodErrorBody } from "@/lib/http/errors";

export type MlflowVersion = "2.0" | "3.0";
export type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";

export interface MlflowContext<I> {
  actor: Actor;
  /** Query string merged with the JSON body (body wins), validated by the route's `input`. */
  input: I;
  params: Record<string, string>;
  req: NextRequest;
  version: MlflowVersion;
}

export interface MlflowRoute<S extends z.ZodType = z.ZodType> {
  method: Method;
  versions: readonly MlflowVersion[];
  /** After `/mlflow/`, e.g. "traces/:traceId/assessments/:assessmentId". */
  path: string;
  role: Role;
  input: S;
  handler: (ctx: MlflowContext<z.output<S>>) => Promise<unknown> | unknown;
}

/** Helper that keeps each route's input type tied to its handler. */
export function defineRoute<S extends z.ZodType>(r: MlflowRoute<S>): MlflowRoute {
  return r as unknown as MlflowRoute;
}

interface Compiled {
  route: MlflowRoute;
  segments: string[];
  params: number;
}

/** Builds a matcher; routes with fewer path parameters win, so "traces/search" beats "traces/:traceId". */
export function compileRoutes(
  routes: MlflowRoute[],
): (method: string, version: string, path: string[]) => { route: MlflowRoute; params: Record<string, string> } | null {
  const compiled: Compiled[] = routes
    .map((route) => {
      const segments = route.path.split("/").filter(Boolean);
      return { route, segments, params: segments.filter((s) => s.startsWith(":")).length };
    })
    .sort((a, b) => a.params - b.params);
  return (method, version, path) => {
    for (const c of compiled) {
      if (
        c.route.method !== method ||
        !c.route.versions.includes(version as MlflowVersion) ||
        c.segments.length !== path.length
      )
        continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < path.length && ok; i++) {
        const seg = c.segments[i]!;
        if (seg.startsWith(":")) params[seg.slice(1)] = path[i]!;
        else ok = seg === path[i];
      }
      if (ok) return { route: c.route, params };
    }
    return null;
  };
}

/** An empty-bodied 404: what MLflow answers for a route it does not have. */
export const bareNotFound = () => new Response(null, { status: 404 });

/** Runs the matched route: role check, input parsing (zod 400 naming the field), handler. Errors propagate to the route wrapper. */
export async function runMlflowRoute(
  match: { route: MlflowRoute; params: Record<string, string> },
  ctx: { actor: Actor; req: NextRequest; version: MlflowVersion },
): Promise<unknown> {
  const { route, params } = match;
  requireRole(ctx.actor, route.role);
  const query = queryObject(ctx.req.nextUrl);
  // MLflow clients send JSON bodies on every non-GET call, and some send Content-Type JSON even
  // on GETs (with no body): only non-GET bodies are read.
  const body = ctx.req.method === "GET" ? {} : await readJsonBody(ctx.req);
  const merged = { ...query, ...(body && typeof body === "object" && !Array.isArray(body) ? body : {}) };
  const parsed = route.input.safeParse(merged);
  if (!parsed.success)
    return Response.json(zodErrorBody(parsed.error, ctx.req.method === "GET" ? "query" : "body"), { status: 400 });
  return route.handler({ ...ctx, input: parsed.data, params });
}

// ------------------------------------------------------------------ input helpers

/** A query/body field that may be repeated: always an array. */
export const ZStrList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
/** Booleans as MLflow clients send them: true/false, "true"/"false", Python's "True"/"False". */
export const ZLooseBool = z
  .union([z.boolean(), z.string().regex(/^(true|false)$/i, "must be true or false")])
  .transform((v) => (typeof v === "boolean" ? v : v.toLowerCase() === "true"));
/** 64-bit ints arrive as numbers or strings. */
export const ZInt64 = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, "must be an integer")])
  .transform((v) => Number(v));
