import "server-only";
/**
 * One row of a run: get its outputs (the stored trace, or a new call to the app, recorded as a
 * trace), run every scorer, and store each result twice: as an EvaluationScore for the run's
 * table, and as a feedback assessment on the row's trace (source CODE/<scorer> or
 * LLM_JUDGE/<model>, the run's id in `runId` and metadata `mlflow.assessment.sourceRunId`), as
 * MLflow's evaluation harness logs them. Never throws for row-level problems: they become the
 * row's error, so one bad row never stops the run.
 *
 * Exactly once: the results are written in one transaction that first moves the row out of
 * PENDING (a conditional update) and counts it in the run's progress. Should two workers ever
 * score the same row (a slice outliving its lease), the second one's transaction finds the row
 * taken and rolls back, so no row is stored or counted twice.
 */
import { writeAssessment } from "@/lib/assessments/internal";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { callApp, type AppCall } from "@/lib/evaluation/execution/app-client";
import { linkTraceToRun, recordRowTrace } from "@/lib/evaluation/execution/record-trace";
import type { TOutputSource } from "@/lib/evaluation/schemas";
import { safeScore, scoreAssessment } from "@/lib/evaluation/scorers/run-scorer";
import type { Scorer, ScorerContext } from "@/lib/evaluation/scorers/types";
import { loadScorerTrace, loadTraceIo, parseJsonText } from "@/lib/evaluation/trace-data";
import { newId } from "@/lib/ids";

export interface RowJob {
  experimentId: string;
  runId: string;
  actor: Actor;
  rowId: string;
  outputSource: TOutputSource;
  scorers: Scorer[];
  ctx: ScorerContext;
}

interface Outputs {
  traceId: string | null;
  outputs: unknown;
  latencyMs: number | null;
  error?: string;
}

type Row = { id: string; traceId: string | null; inputs: string; outputs: string | null };

/** Thrown inside the results transaction to roll it back when another worker stored the row first. */
class RowAlreadyScored extends Error {}

export type RowOutcome = "ok" | "error" | "skipped";

/** Moves the row out of PENDING and counts it in the run's progress; false when it was not PENDING. */
async function takeRow(
  tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0],
  rowId: string,
  evaluationRunId: string,
  data: {
    traceId: string | null;
    outputs: string | null;
    latencyMs: number | null;
    status: string;
    error: string | null;
  },
): Promise<void> {
  const { count } = await tx.evaluationRunRow.updateMany({ where: { id: rowId, status: "PENDING" }, data });
  if (count !== 1) throw new RowAlreadyScored();
  await tx.evaluationRun.update({
    where: { id: evaluationRunId },
    data: { doneRows: { increment: 1 }, ...(data.status === "ERROR" ? { errorRows: { increment: 1 } } : {}) },
  });
}

async function obtainOutputs(job: RowJob, row: Row, inputs: Record<string, unknown>): Promise<Outputs> {
  if (job.outputSource.kind !== "trace") {
    const call: AppCall = await callApp(job.outputSource, inputs, job.ctx.signal, job.ctx.network);
    const traceId = await recordRowTrace(job.actor, {
      experimentId: job.experimentId,
      runId: job.runId,
      rowId: row.id,
      inputs,
      outputs: call.output,
      call,
    });
    return { traceId, outputs: call.output, latencyMs: call.endMs - call.startMs, error: call.error };
  }
  if (row.traceId) {
    const io = (await loadTraceIo([row.traceId])).get(row.traceId);
    if (io) {
      await linkTraceToRun(row.traceId, job.runId);
      const outputs = io.outputs !== undefined ? io.outputs : parseJsonText(row.outputs);
      return {
        traceId: row.traceId,
        outputs,
        latencyMs: null,
        ...(outputs === undefined ? { error: "the source trace has no outputs" } : {}),
      };
    }
  }
  const stored = parseJsonText(row.outputs);
  if (stored === undefined) {
    return {
      traceId: null,
      outputs: undefined,
      latencyMs: null,
      error: row.traceId
        ? `source trace ${row.traceId} no longer exists and the record has no outputs`
        : "the record has no source trace and no outputs: run it against an app endpoint",
    };
  }
  // Static outputs: MLflow logs a minimal trace for them, so the scores have a trace to live on.
  const traceId = await recordRowTrace(job.actor, {
    experimentId: job.experimentId,
    runId: job.runId,
    rowId: row.id,
    inputs,
    outputs: stored,
  });
  return { traceId, outputs: stored, latencyMs: null };
}

/** Scores one row: "error" when the row ended with an error, "skipped" when it was already scored. */
export async function scoreRow(job: RowJob, evaluationRunId: string): Promise<RowOutcome> {
  try {
    return await scoreRowOnce(job, evaluationRunId);
  } catch (e) {
    if (e instanceof RowAlreadyScored) return "skipped";
    throw e;
  }
}

async function scoreRowOnce(job: RowJob, evaluationRunId: string): Promise<RowOutcome> {
  const row = await db().evaluationRunRow.findUniqueOrThrow({ where: { id: job.rowId } });
  if (row.status !== "PENDING") return "skipped";
  const inputs = (parseJsonText(row.inputs) ?? {}) as Record<string, unknown>;
  const expectations = (parseJsonText(row.expectations) ?? {}) as Record<string, unknown>;
  let out: Outputs;
  try {
    out = await obtainOutputs(job, row, inputs);
  } catch (e) {
    out = {
      traceId: null,
      outputs: undefined,
      latencyMs: null,
      error: `could not get outputs: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const rowUpdate = {
    traceId: out.traceId,
    outputs: out.outputs === undefined ? null : JSON.stringify(out.outputs),
    latencyMs: out.latencyMs,
  };
  if (out.error) {
    const error = out.error;
    await db().$transaction((tx) => takeRow(tx, row.id, evaluationRunId, { ...rowUpdate, status: "ERROR", error }));
    return "error";
  }

  const trace = out.traceId ? await loadScorerTrace(out.traceId) : undefined;
  const results = await Promise.all(
    job.scorers.map(async (s) => ({
      scorer: s,
      result: await safeScore(s, { inputs, outputs: out.outputs, expectations, trace }, job.ctx),
    })),
  );
  const rootSpanId = out.traceId ? ((await loadTraceIo([out.traceId])).get(out.traceId)?.rootSpanId ?? null) : null;
  const errors = results.filter((r) => r.result.error).map((r) => `${r.scorer.name}: ${r.result.error}`);

  await db().$transaction(
    async (tx) => {
      await takeRow(tx, row.id, evaluationRunId, {
        ...rowUpdate,
        status: errors.length ? "ERROR" : "DONE",
        error: errors.length ? errors.join("\n") : null,
      });
      for (const { scorer, result } of results) {
        const assessment = out.traceId
          ? await writeAssessment(tx, {
              ...scoreAssessment({
                traceId: out.traceId,
                spanId: rootSpanId,
                scorer,
                result,
                judgeModel: job.ctx.judge?.model,
              }),
              runId: job.runId,
            })
          : null;
        await tx.evaluationScore.create({
          data: {
            id: newId(),
            rowId: row.id,
            scorerName: scorer.name,
            value: result.error || result.value === null ? null : JSON.stringify(result.value),
            rationale: result.rationale ?? null,
            error: result.error ?? null,
            assessmentId: assessment?.assessmentId ?? null,
          },
        });
      }
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return errors.length === 0 ? "ok" : "error";
}
