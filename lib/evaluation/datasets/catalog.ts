import "server-only";
/**
 * Finding and deleting datasets across experiments, for MLflow's dataset search
 * (`mlflow.genai.datasets.search_datasets` / `get_dataset(name=)`) and `delete_dataset`.
 * The app lists datasets per experiment (service.ts); MLflow searches the whole server.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { experimentScopeWhere } from "@/lib/auth/reviewer-scope";
import { db, dbProvider, type Prisma } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { likeToStringMatch } from "@/lib/traces/search/like-pattern";
import { getDataset, type DatasetDto } from "./service";

export interface DatasetSearch {
  experimentIds: string[];
  /** Each condition must hold (MLflow's `AND`). */
  name?: { op: "=" | "!=" | "LIKE" | "ILIKE"; value: string }[];
  time?: { field: "createdAt" | "updatedAt"; op: ">" | ">=" | "<" | "<=" | "="; value: number }[];
  orderBy: { field: "name" | "createdAt" | "updatedAt"; dir: "asc" | "desc" }[];
  offset: number;
  take: number;
}

const TIME_OPS = { ">": "gt", ">=": "gte", "<": "lt", "<=": "lte", "=": "equals" } as const;

/** Datasets matching the search, with one more row fetched than asked so the caller knows if more remain. */
export async function searchDatasets(actor: Actor, q: DatasetSearch): Promise<DatasetDto[]> {
  requireRole(actor, "DEVELOPER");
  const scope = experimentScopeWhere(actor);
  const and: Prisma.EvaluationDatasetWhereInput[] = [];
  if (q.experimentIds.length) and.push({ experimentId: { in: q.experimentIds } });
  if (scope) and.push({ experiment: scope });
  const provider = dbProvider();
  for (const [i, n] of (q.name ?? []).entries()) {
    if (n.op === "=") and.push({ name: n.value });
    else if (n.op === "!=") and.push({ NOT: { name: n.value } });
    else {
      // The trace search's LIKE translation: one implementation of MLflow's LIKE/ILIKE on both databases.
      const m = likeToStringMatch(n.value, { provider, caseInsensitive: n.op === "ILIKE", position: i });
      and.push({ name: m.filter }, ...(m.exclude ? [{ NOT: { name: m.exclude } }] : []));
    }
  }
  for (const t of q.time ?? []) and.push({ [t.field]: { [TIME_OPS[t.op]]: new Date(t.value) } });
  const rows = await db().evaluationDataset.findMany({
    where: { AND: and },
    orderBy: [...q.orderBy.map((o) => ({ [o.field]: o.dir })), { id: "asc" as const }],
    skip: q.offset,
    take: q.take,
    select: { id: true },
  });
  // One implementation of the dataset view: the service's getDataset (record counts, versions).
  return Promise.all(rows.map((r) => getDataset(actor, r.id)));
}

/** Deletes a dataset with all its versions and records (runs keep their own copies of scores). */
export async function deleteDataset(actor: Actor, datasetId: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const d = await db().evaluationDataset.findUnique({ where: { id: datasetId }, select: { experimentId: true } });
  if (!d) throw new NotFoundError(`Dataset '${datasetId}' not found`);
  await db().evaluationDataset.delete({ where: { id: datasetId } });
}
