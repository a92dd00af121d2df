import "server-only";
/**
 * MLflow 3 logged models, minimally: what `mlflow.create_external_model` / `MlflowClient.create_logged_model`,
 * `get_logged_model`, `search_logged_models` and `finalize_logged_model` need to round-trip (a model
 * id that traces and evaluation runs can point at with `mlflow.modelId`). Params and tags are small
 * key/value maps stored as JSON; there are no model artifacts or registry behind them.
 */
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { experimentScopeWhere } from "@/lib/auth/reviewer-scope";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";

export type LoggedModelStatus = "LOGGED_MODEL_PENDING" | "LOGGED_MODEL_READY" | "LOGGED_MODEL_UPLOAD_FAILED";

export interface LoggedModelDto {
  id: string;
  experimentId: string;
  name: string;
  modelType: string | null;
  sourceRunId: string | null;
  status: LoggedModelStatus;
  statusMessage: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

type Row = Awaited<ReturnType<ReturnType<typeof db>["loggedModel"]["findUniqueOrThrow"]>>;

function toDto(r: Row): LoggedModelDto {
  return {
    id: r.id,
    experimentId: r.experimentId,
    name: r.name,
    modelType: r.modelType,
    sourceRunId: r.sourceRunId,
    status: r.status as LoggedModelStatus,
    statusMessage: r.statusMessage,
    params: JSON.parse(r.params) as Record<string, string>,
    tags: JSON.parse(r.tags) as Record<string, string>,
    createdAt: r.createdAt.getTime(),
    updatedAt: r.updatedAt.getTime(),
  };
}

export interface CreateLoggedModel {
  experimentId: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** A new model, PENDING until finalized (MLflow's lifecycle). MLflow names unnamed models randomly; we use the id. */
export async function createLoggedModel(actor: Actor, m: CreateLoggedModel): Promise<LoggedModelDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, m.experimentId);
  if (m.sourceRunId) {
    const run = await db().run.findUnique({ where: { id: m.sourceRunId }, select: { experimentId: true } });
    if (!run) throw new NotFoundError(`Run with id=${m.sourceRunId} not found`);
  }
  const id = `m-${randomBytes(16).toString("hex")}`;
  const row = await db().loggedModel.create({
    data: {
      id,
      experimentId: m.experimentId,
      name: m.name || id,
      modelType: m.modelType ?? null,
      sourceRunId: m.sourceRunId ?? null,
      params: JSON.stringify(m.params),
      tags: JSON.stringify(m.tags),
    },
  });
  return toDto(row);
}

async function load(actor: Actor, id: string): Promise<Row> {
  const row = await db().loggedModel.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Logged model with ID '${id}' not found`);
  await getExperiment(actor, row.experimentId); // the experiment's access rules apply
  return row;
}

export async function getLoggedModel(actor: Actor, id: string): Promise<LoggedModelDto> {
  requireRole(actor, "REVIEWER");
  return toDto(await load(actor, id));
}

/** Sets the final status (READY or UPLOAD_FAILED); PENDING is where models start, not a final state. */
export async function finalizeLoggedModel(
  actor: Actor,
  id: string,
  status: LoggedModelStatus,
): Promise<LoggedModelDto> {
  requireRole(actor, "DEVELOPER");
  if (status === "LOGGED_MODEL_PENDING")
    throw new ValidationError("Invalid status: must be LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED", {
      issues: [{ path: "status", message: "must be LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED" }],
    });
  await load(actor, id);
  return toDto(await db().loggedModel.update({ where: { id }, data: { status } }));
}

export interface SearchLoggedModels {
  experimentIds: string[];
  orderBy: { field: "createdAt" | "updatedAt" | "name"; dir: "asc" | "desc" }[];
  offset: number;
  take: number;
}

/** Models of the given experiments, newest first unless ordered otherwise. */
export async function searchLoggedModels(actor: Actor, q: SearchLoggedModels): Promise<LoggedModelDto[]> {
  requireRole(actor, "REVIEWER");
  const scope = experimentScopeWhere(actor);
  const rows = await db().loggedModel.findMany({
    where: { experimentId: { in: q.experimentIds }, ...(scope ? { experiment: scope } : {}) },
    orderBy: [
      ...(q.orderBy.length ? q.orderBy : [{ field: "createdAt" as const, dir: "desc" as const }]).map((o) => ({
        [o.field]: o.dir,
      })),
      { id: "asc" as const },
    ],
    skip: q.offset,
    take: q.take,
  });
  return rows.map(toDto);
}
