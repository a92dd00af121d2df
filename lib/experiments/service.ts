import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newExperimentId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { recentMap } from "@/lib/auth/recent";
import { experimentScopeWhere } from "@/lib/auth/reviewer-scope";
import type { TCreateExperimentBody } from "./schemas";

export const DEFAULT_EXPERIMENT_ID = "0";

export interface ExperimentDto {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  createdAt: number;
  updatedAt: number;
  tags: { key: string; value: string }[];
}

type Row = {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  createdAt: Date;
  updatedAt: Date;
  tags?: { key: string; value: string }[];
};

function toDto(e: Row): ExperimentDto {
  return {
    id: e.id,
    name: e.name,
    artifactLocation: e.artifactLocation,
    lifecycleStage: e.lifecycleStage,
    createdAt: e.createdAt.getTime(),
    updatedAt: e.updatedAt.getTime(),
    tags: (e.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
}

/** MLflow clients build artifact URIs from this; `mlflow-artifacts:` makes them upload through our API. */
const artifactLocationFor = (id: string) => `mlflow-artifacts:/${id}`;

/** Active experiments, most recently created first, a page at a time (any signed-in role). */
export async function listExperiments(
  actor: Actor,
  opts: { skip?: number; take?: number; nameContains?: string } = {},
): Promise<ExperimentDto[]> {
  // Reviewers list only the experiments of their labeling sessions.
  const scope = experimentScopeWhere(actor);
  const rows = await db().experiment.findMany({
    where: {
      lifecycleStage: "active",
      ...(opts.nameContains ? { name: { contains: opts.nameContains } } : {}),
      ...(scope ?? {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: opts.skip ?? 0,
    take: Math.min(opts.take ?? 100, 1000),
    include: { tags: true },
  });
  return rows.map(toDto);
}

export async function getExperiment(actor: Actor, id: string): Promise<ExperimentDto> {
  const scope = experimentScopeWhere(actor);
  const row = scope
    ? await db().experiment.findFirst({ where: { id, ...scope }, include: { tags: true } })
    : await db().experiment.findUnique({ where: { id }, include: { tags: true } });
  if (!row) throw new NotFoundError(`Could not find experiment with ID ${id}`);
  return toDto(row);
}

export async function getExperimentByName(_actor: Actor, name: string): Promise<ExperimentDto> {
  const row = await db().experiment.findUnique({ where: { name }, include: { tags: true } });
  if (!row) throw new NotFoundError(`Could not find experiment with name '${name}'`);
  return toDto(row);
}

/** Creates an experiment (developers and admins). */
export async function createExperiment(actor: Actor, body: TCreateExperimentBody): Promise<ExperimentDto> {
  requireRole(actor, "DEVELOPER");
  if (await db().experiment.findUnique({ where: { name: body.name } })) {
    throw new ConflictError(`Experiment '${body.name}' already exists.`);
  }
  const id = newExperimentId();
  const row = await db().experiment.create({
    data: { id, name: body.name, artifactLocation: artifactLocationFor(id), tags: { create: body.tags ?? [] } },
    include: { tags: true },
  });
  return toDto(row);
}

/**
 * Marks an experiment deleted, as MLflow does (its traces stay, it leaves the lists; the name
 * stays taken). The default experiment stays, since clients fall back to it.
 */
export async function deleteExperiment(actor: Actor, id: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  if (id === DEFAULT_EXPERIMENT_ID) throw new ValidationError("The default experiment cannot be deleted");
  const { count } = await db().experiment.updateMany({ where: { id }, data: { lifecycleStage: "deleted" } });
  recentlyActive.delete(id);
  if (count === 0) throw new NotFoundError(`Could not find experiment with ID ${id}`);
}

// Experiments found active in the last moment (lib/auth/recent.ts), for the ingestion path, which
// checks the experiment of every request (an OTLP exporter sends one request per span). A delete
// here forgets its id at once; one on another server is noticed within the moment, and spans
// written meanwhile land in the deleted experiment as they would have a moment earlier.
const recentlyActive = recentMap<true>("activeExperiments");

/**
 * The id of an active experiment, or NotFoundError; the default experiment "0" is created on
 * first use, as MLflow's server has it. Answers from memory for a moment after a lookup.
 */
export async function requireActiveExperimentId(experimentId: string): Promise<string> {
  if (recentlyActive.get(experimentId)) return experimentId;
  if (experimentId === DEFAULT_EXPERIMENT_ID) {
    await ensureDefaultExperiment();
  } else {
    const row = await db().experiment.findUnique({
      where: { id: experimentId },
      select: { lifecycleStage: true },
    });
    if (!row || row.lifecycleStage !== "active") throw new NotFoundError(`Experiment '${experimentId}' does not exist`);
  }
  recentlyActive.set(experimentId, true);
  return experimentId;
}

/** The experiment "0" that MLflow clients use when none is set; created on first need. */
export async function ensureDefaultExperiment(): Promise<ExperimentDto> {
  const row = await db().experiment.upsert({
    where: { id: DEFAULT_EXPERIMENT_ID },
    update: {},
    create: {
      id: DEFAULT_EXPERIMENT_ID,
      name: "Default",
      artifactLocation: artifactLocationFor(DEFAULT_EXPERIMENT_ID),
    },
    include: { tags: true },
  });
  return toDto(row);
}
