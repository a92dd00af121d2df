import "server-only";
/**
 * MLflow's runs/search and metrics/get-history over our runs. The filter grammar is the subset
 * clients send for runs (`tags.k = 'v'`, `params.k = 'v'`, `attributes.run_name|status|run_id =
 * 'v'`, joined by AND); anything else is a 400 saying which clause, not a silent "match all".
 */
import type { Prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { RunDto } from "./schemas";
import { RUN_INCLUDE, toRunDto } from "./service";

const CLAUSE =
  /^\s*(?:(tags|params|attributes|attribute|attr|run|tag|param)\.)?([`"]?)([\w.\-]+)\2\s*(=|!=)\s*(['"])(.*)\5\s*$/i;

function clauseWhere(clause: string): Prisma.RunWhereInput {
  const m = CLAUSE.exec(clause);
  if (!m)
    throw new ValidationError(
      `Invalid filter: cannot parse '${clause.trim()}' (supported: tags.k = 'v', params.k = 'v', attributes.run_name|status|run_id = 'v', joined by AND)`,
    );
  const [, rawScope, , key, op, , value] = m;
  const scope = (rawScope ?? "attributes").toLowerCase();
  const not = op === "!=";
  if (scope.startsWith("tag")) {
    const cond = { tags: { some: { key: key!, value: value! } } };
    return not ? { NOT: cond } : cond;
  }
  if (scope.startsWith("param")) {
    const cond = { params: { some: { key: key!, value: value! } } };
    return not ? { NOT: cond } : cond;
  }
  const field = { run_name: "name", status: "status", run_id: "id" }[key!.toLowerCase()];
  if (!field) throw new ValidationError(`Invalid filter: unsupported attribute '${key}'`);
  return not ? { NOT: { [field]: value } } : { [field]: value };
}

export interface SearchRunsQuery {
  experimentIds: string[];
  filter?: string;
  runViewType?: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

/** Runs of the given experiments, newest first unless ordered by start_time ASC, a page at a time. */
export async function searchRuns(
  actor: Actor,
  q: SearchRunsQuery,
): Promise<{ runs: RunDto[]; next_page_token?: string }> {
  requireRole(actor, "DEVELOPER");
  if (!q.experimentIds.length) throw new ValidationError("Invalid experiment_ids: give at least one experiment id");
  const clauses = q.filter?.trim() ? q.filter.split(/\s+AND\s+/i).map(clauseWhere) : [];
  const stage =
    q.runViewType === "ALL" ? {} : { lifecycleStage: q.runViewType === "DELETED_ONLY" ? "deleted" : "active" };
  const asc = (q.orderBy ?? []).some((o) => /start_time\s+asc/i.test(o));
  const skip = decodePageToken(q.pageToken);
  const take = q.maxResults ?? 1000;
  const rows = await db().run.findMany({
    where: { experimentId: { in: q.experimentIds }, ...stage, AND: clauses },
    orderBy: [{ startTimeMs: asc ? "asc" : "desc" }, { id: "asc" }],
    skip,
    take,
    include: RUN_INCLUDE,
  });
  return { runs: rows.map(toRunDto), next_page_token: nextPageToken(skip, take, rows.length) };
}

/** Every logged value of one metric of a run, in time order. */
export async function getMetricHistory(
  actor: Actor,
  runId: string,
  key: string,
): Promise<{ key: string; value: number; timestampMs: number; step: number }[]> {
  requireRole(actor, "DEVELOPER");
  const run = await db().run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new NotFoundError(`Run '${runId}' not found`);
  const rows = await db().runMetric.findMany({
    where: { runId, key },
    orderBy: [{ timestampMs: "asc" }, { step: "asc" }],
  });
  return rows.map((m) => ({ key: m.key, value: m.value, timestampMs: Number(m.timestampMs), step: Number(m.step) }));
}
