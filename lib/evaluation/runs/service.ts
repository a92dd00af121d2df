import "server-only";
/**
 * Reading evaluation runs: the list, one run with progress, summary and judge alignment, its
 * rows a page at a time, and two runs side by side matched row by row.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";
import { inputsHash } from "@/lib/evaluation/datasets/inputs-hash";
import { summarizeAlignment, summarizeScores, type AlignmentSummary } from "@/lib/evaluation/runs/summary";
import type { TCompareRunsQuery, TOutputSource, TRunRowsQuery, TScorerConfig } from "@/lib/evaluation/schemas";
import { pageWindow, type TPageQuery } from "@/lib/paging/schemas";
import { parseJsonText } from "@/lib/evaluation/trace-data";

/** The run tag where the runner records why a run failed (read back by getEvaluationRun). */
export const RUN_ERROR_TAG = "tracelight.evaluation.error";

import type { EvaluationRunDto, RunRowDto, RunDetailDto } from "./types";
export type { EvaluationRunDto, RunRowDto, RunDetailDto, RunScoreDto } from "./types";

type RunRow = Awaited<ReturnType<ReturnType<typeof db>["evaluationRun"]["findUniqueOrThrow"]>>;

const scorerName = (s: TScorerConfig) => s.name ?? s.type;

/** DTOs for a page of runs; the failure reasons of failed ones come in one query. */
async function toRunDtos(rows: RunRow[]): Promise<EvaluationRunDto[]> {
  const failed = rows.filter((r) => r.status === "FAILED").map((r) => r.runId);
  const tags = failed.length
    ? await db().runTag.findMany({ where: { runId: { in: failed }, key: RUN_ERROR_TAG } })
    : [];
  const errors = new Map(tags.map((t) => [t.runId, t.value]));
  return rows.map((r) => toRunDto(r, errors.get(r.runId) ?? null));
}

/** Runs stored before the evaluation API moved to camelCase keep these keys in their config. */
interface LegacyRunConfig {
  source_label?: string;
  dataset_id?: string | null;
  output_source?: TOutputSource;
}

function toRunDto(r: RunRow, error: string | null): EvaluationRunDto {
  const config = JSON.parse(r.config) as {
    scorers: TScorerConfig[];
    outputSource: TOutputSource;
    datasetId: string | null;
    sourceLabel?: string;
  } & LegacyRunConfig;
  return {
    id: r.id,
    experimentId: r.experimentId,
    runId: r.runId,
    name: r.name,
    status: r.status,
    totalRows: r.totalRows,
    doneRows: r.doneRows,
    errorRows: r.errorRows,
    createdAt: r.createdAt.getTime(),
    startedAt: r.startedAt?.getTime() ?? null,
    finishedAt: r.finishedAt?.getTime() ?? null,
    sourceLabel: config.sourceLabel ?? config.source_label ?? "",
    datasetId: config.datasetId ?? config.dataset_id ?? null,
    scorers: config.scorers,
    outputSource: config.outputSource ?? config.output_source ?? { kind: "trace" },
    error,
  };
}

async function loadRun(id: string): Promise<RunRow> {
  const r = await db().evaluationRun.findUnique({ where: { id } });
  if (!r) throw new NotFoundError(`Evaluation run '${id}' not found`);
  return r;
}

/** Runs of an experiment, newest first, a page at a time. */
export async function listEvaluationRuns(
  actor: Actor,
  experimentId: string,
  q: TPageQuery,
): Promise<{ runs: EvaluationRunDto[]; total: number }> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const where = { experimentId };
  const [rows, total] = await Promise.all([
    db().evaluationRun.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(q),
    }),
    db().evaluationRun.count({ where }),
  ]);
  return { runs: await toRunDtos(rows), total };
}

/**
 * Where a human and this run's judge assessed the same trace under the same name: one pair per
 * valid human feedback, compared as verdicts (yes/true/pass vs no/false/fail).
 */
async function judgeAlignment(r: RunRow): Promise<AlignmentSummary[]> {
  const judged = await db().assessment.findMany({
    where: { runId: r.runId, sourceType: "LLM_JUDGE", kind: "FEEDBACK", valid: true, value: { not: null } },
    select: { traceId: true, name: true, value: true },
  });
  if (!judged.length) return [];
  const judgeBy = new Map(judged.map((a) => [`${a.traceId}\u0000${a.name}`, parseJsonText(a.value)]));
  const humans = await db().assessment.findMany({
    where: {
      traceId: { in: [...new Set(judged.map((a) => a.traceId))] },
      name: { in: [...new Set(judged.map((a) => a.name))] },
      sourceType: "HUMAN",
      kind: "FEEDBACK",
      valid: true,
      value: { not: null },
    },
    select: { traceId: true, name: true, value: true },
  });
  return summarizeAlignment(
    humans.flatMap((h) => {
      const key = `${h.traceId}\u0000${h.name}`;
      return judgeBy.has(key)
        ? [{ traceId: h.traceId, name: h.name, human: parseJsonText(h.value), judge: judgeBy.get(key) }]
        : [];
    }),
  );
}

/** One run: progress, per-scorer summary and judge alignment. Cheap enough to poll every second. */
export async function getEvaluationRun(actor: Actor, id: string): Promise<RunDetailDto> {
  requireRole(actor, "DEVELOPER");
  const r = await loadRun(id);
  const dto = (await toRunDtos([r]))[0]!;
  const cells = await db().evaluationScore.findMany({
    where: { row: { evaluationRunId: id } },
    select: { scorerName: true, value: true, error: true },
  });
  const summary = summarizeScores(
    dto.scorers.map(scorerName),
    cells.map((c) => ({ scorerName: c.scorerName, value: parseJsonText(c.value) ?? null, error: c.error })),
  );
  const alignment = r.status === "COMPLETED" || r.status === "FAILED" ? await judgeAlignment(r) : [];
  return { ...dto, summary, alignment };
}

const rowInclude = { scores: { orderBy: { scorerName: "asc" as const } } };
type RowWithScores = Awaited<ReturnType<ReturnType<typeof db>["evaluationRunRow"]["findMany"]>>[number] & {
  scores: {
    scorerName: string;
    value: string | null;
    rationale: string | null;
    error: string | null;
    assessmentId: string | null;
  }[];
};

function toRowDto(r: RowWithScores): RunRowDto {
  return {
    id: r.id,
    position: r.position,
    datasetRecordId: r.datasetRecordId,
    traceId: r.traceId,
    inputs: parseJsonText(r.inputs) ?? null,
    outputs: parseJsonText(r.outputs) ?? null,
    expectations: (parseJsonText(r.expectations) ?? {}) as Record<string, unknown>,
    status: r.status,
    error: r.error,
    latencyMs: r.latencyMs,
    scores: r.scores.map((s) => ({
      scorerName: s.scorerName,
      value: parseJsonText(s.value) ?? null,
      rationale: s.rationale,
      error: s.error,
      assessmentId: s.assessmentId,
    })),
  };
}

/** A run's rows in dataset order, a page at a time, optionally only PENDING/DONE/ERROR ones. */
export async function listRunRows(
  actor: Actor,
  id: string,
  q: TRunRowsQuery,
): Promise<{ rows: RunRowDto[]; total: number }> {
  requireRole(actor, "DEVELOPER");
  await loadRun(id);
  const where = { evaluationRunId: id, ...(q.status ? { status: q.status } : {}) };
  const [rows, total] = await Promise.all([
    db().evaluationRunRow.findMany({
      where,
      orderBy: { position: "asc" },
      ...pageWindow(q),
      include: rowInclude,
    }),
    db().evaluationRunRow.count({ where }),
  ]);
  return { rows: rows.map(toRowDto), total };
}

/**
 * Two runs side by side: a page of the first run's rows, each with the other run's row for the
 * same inputs (the dataset's record identity: sha256 of the sorted-keys inputs), so runs over
 * different versions of a dataset still line up.
 */
export async function compareRuns(
  actor: Actor,
  id: string,
  q: TCompareRunsQuery,
): Promise<{
  a: EvaluationRunDto;
  b: EvaluationRunDto;
  pairs: { key: string; a: RunRowDto; b: RunRowDto | null }[];
  total: number;
}> {
  requireRole(actor, "DEVELOPER");
  const [ra, rb] = await Promise.all([loadRun(id), loadRun(q.other)]);
  const { rows, total } = await listRunRows(actor, id, { page: q.page, pageSize: q.pageSize });
  const keys = rows.map((r) => inputsHash(r.inputs));
  // Only ids and inputs of the other run are scanned; its matching rows are then read in full.
  const others = await db().evaluationRunRow.findMany({
    where: { evaluationRunId: rb.id },
    select: { id: true, inputs: true },
  });
  const otherByKey = new Map<string, string>();
  for (const o of others) {
    const k = inputsHash(parseJsonText(o.inputs) ?? null);
    if (!otherByKey.has(k)) otherByKey.set(k, o.id);
  }
  const wanted = keys.map((k) => otherByKey.get(k)).filter((x): x is string => Boolean(x));
  const full = await db().evaluationRunRow.findMany({ where: { id: { in: wanted } }, include: rowInclude });
  const byId = new Map(full.map((r) => [r.id, toRowDto(r)]));
  const [a, b] = await toRunDtos([ra, rb]);
  return {
    a: a!,
    b: b!,
    total,
    pairs: rows.map((r, i) => ({ key: keys[i]!, a: r, b: byId.get(otherByKey.get(keys[i]!) ?? "") ?? null })),
  };
}
