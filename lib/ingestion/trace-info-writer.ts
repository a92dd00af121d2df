import "server-only";
/**
 * StartTraceV3 ("create trace", which MLflow clients send when the root span ends) as an upsert:
 * the row usually exists already from OTLP spans, or the spans come later (a race in the Python
 * client; the TS SDK always uploads traces.json after). Either order ends in the same trace:
 * the client's info wins over span-derived figures and marks the trace finalised so later spans
 * do not overwrite it (see writer.ts).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { canonicalTraceId } from "@/lib/ids";
import {
  META_FINALIZED,
  META_SCHEMA_VERSION,
  TAG_ARTIFACT_LOCATION,
  TAG_SPANS_LOCATION,
  TAG_TRACE_NAME,
  resolveIngestExperiment,
} from "./writer";
import { setTraceKeyValues, withWriteRetry, type KeyValueRow } from "./write-helpers";

export const TRACE_STATES = ["OK", "ERROR", "IN_PROGRESS", "STATE_UNSPECIFIED"] as const;
export type TraceState = (typeof TRACE_STATES)[number];

export interface TraceInfoInput {
  traceId: string;
  experimentId: string;
  clientRequestId?: string | null;
  /** Trace start in ms since the epoch. */
  requestTimeMs?: number | null;
  executionTimeMs?: number | null;
  state?: TraceState | null;
  requestPreview?: string | null;
  responsePreview?: string | null;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
}

/**
 * Creates or completes a trace's info from a client's StartTraceV3. Sets the two server tags
 * of docs/mlflow-compatibility.md §6: `mlflow.artifactLocation` (an `mlflow-artifacts:` URI, without which
 * the TS SDK never uploads its spans) and `mlflow.trace.spansLocation=TRACKING_STORE` (which
 * stops the Python client from uploading traces.json as well). Returns the trace id.
 */
export async function upsertTraceInfo(
  actor: Actor,
  input: TraceInfoInput,
): Promise<{ traceId: string; experimentId: string }> {
  requireRole(actor, "DEVELOPER");
  const traceId = canonicalTraceId(input.traceId);
  if (!traceId)
    throw new ValidationError(`trace_id '${input.traceId}' is not an MLflow trace id (tr- followed by 32 hex chars)`);
  const expId = await resolveIngestExperiment(input.experimentId);
  const experiment = await db().experiment.findUniqueOrThrow({
    where: { id: expId },
    select: { artifactLocation: true },
  });

  const fields = {
    ...(input.clientRequestId ? { clientRequestId: input.clientRequestId } : {}),
    ...(input.requestTimeMs != null ? { timestampMs: BigInt(Math.round(input.requestTimeMs)) } : {}),
    ...(input.executionTimeMs != null ? { executionTimeMs: BigInt(Math.round(input.executionTimeMs)) } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.requestPreview != null ? { requestPreview: input.requestPreview } : {}),
    ...(input.responsePreview != null ? { responsePreview: input.responsePreview } : {}),
    ...(input.tags?.[TAG_TRACE_NAME] ? { name: input.tags[TAG_TRACE_NAME] } : {}),
  };
  const tagRows: KeyValueRow[] = Object.entries(input.tags ?? {}).map(([key, value]) => ({ traceId, key, value }));
  tagRows.push(
    {
      traceId,
      key: TAG_ARTIFACT_LOCATION,
      value: `${experiment.artifactLocation.replace(/\/+$/, "")}/traces/${traceId}/artifacts`,
    },
    // We always hold spans in the database (OTLP, or traces.json parsed on upload), so every
    // reply says so and the Python client skips its duplicate traces.json upload.
    { traceId, key: TAG_SPANS_LOCATION, value: "TRACKING_STORE" },
  );
  const metaRows: KeyValueRow[] = Object.entries(input.metadata ?? {}).map(([key, value]) => ({ traceId, key, value }));
  metaRows.push({ traceId, key: META_FINALIZED, value: "true" });

  await withWriteRetry(() =>
    db().$transaction(
      async (tx) => {
        const existing = await tx.trace.findUnique({ where: { id: traceId }, select: { id: true } });
        if (existing) {
          await tx.trace.update({ where: { id: traceId }, data: fields });
        } else {
          await tx.trace.create({
            data: {
              id: traceId,
              experimentId: expId,
              timestampMs: BigInt(Date.now()),
              state: "IN_PROGRESS",
              ...fields,
            },
          });
          if (!input.metadata?.[META_SCHEMA_VERSION]) metaRows.push({ traceId, key: META_SCHEMA_VERSION, value: "3" });
        }
        await setTraceKeyValues(tx, "tag", tagRows);
        await setTraceKeyValues(tx, "metadata", metaRows);
      },
      { maxWait: 30_000, timeout: 60_000 },
    ),
  );
  const stored = await db().trace.findUniqueOrThrow({ where: { id: traceId }, select: { experimentId: true } });
  return { traceId, experimentId: stored.experimentId };
}
