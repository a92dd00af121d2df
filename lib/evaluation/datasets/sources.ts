import "server-only";
/**
 * Turning a record source (labeling session, trace ids, records, uploaded file) into dataset
 * records. Session and trace records keep `sourceTraceId`, so every record links back.
 */
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseUpload } from "@/lib/evaluation/datasets/parse-upload";
import type { TDatasetRecordInput, TDatasetUpload } from "@/lib/evaluation/schemas";
import { asInputsObject, loadExpectations, loadTraceIo } from "@/lib/evaluation/trace-data";

export interface RecordSource {
  sessionId?: string;
  traceIds?: string[];
  records?: TDatasetRecordInput[];
  upload?: TDatasetUpload;
}

export interface ResolvedRecords {
  records: TDatasetRecordInput[];
  /** Items left out, e.g. session traces nobody gave an expectation for. */
  skipped: number;
}

async function fromTraces(
  experimentId: string,
  traceIds: string[],
  runId?: string,
  requireExpectations = false,
): Promise<ResolvedRecords> {
  const [io, expectations] = await Promise.all([loadTraceIo(traceIds), loadExpectations(traceIds, runId)]);
  const records: TDatasetRecordInput[] = [];
  let skipped = 0;
  for (const id of traceIds) {
    const t = io.get(id);
    if (!t || t.experimentId !== experimentId) throw new NotFoundError(`Trace '${id}' is not in this experiment`);
    const exp = expectations.get(id) ?? {};
    if (requireExpectations && Object.keys(exp).length === 0) {
      skipped++;
      continue;
    }
    records.push({
      inputs: asInputsObject(t.inputs),
      expectations: exp,
      outputs: t.outputs,
      tags: {},
      sourceTraceId: id,
    });
  }
  return { records, skipped };
}

/**
 * A labeling session's expectation labels (assessments of kind EXPECTATION carrying the
 * session's run id) become records: inputs from each trace's root span, one expectation per
 * label name (the newest label wins when several reviewers answered). Unlabelled items are skipped.
 */
async function fromSession(experimentId: string, sessionId: string): Promise<ResolvedRecords> {
  const session = await db().labelingSession.findUnique({
    where: { id: sessionId },
    select: { experimentId: true, runId: true, items: { select: { traceId: true }, orderBy: { position: "asc" } } },
  });
  if (!session || session.experimentId !== experimentId)
    throw new NotFoundError(`Labeling session '${sessionId}' not found in this experiment`);
  const resolved = await fromTraces(
    experimentId,
    session.items.map((i) => i.traceId),
    session.runId,
    true,
  );
  if (!resolved.records.length)
    throw new ValidationError(
      "The labeling session has no expectation labels yet: label some items with an expectation schema (e.g. expected_response) first",
    );
  return resolved;
}

export async function resolveRecordSource(experimentId: string, src: RecordSource): Promise<ResolvedRecords> {
  if (src.sessionId) return fromSession(experimentId, src.sessionId);
  if (src.traceIds) return fromTraces(experimentId, [...new Set(src.traceIds)]);
  if (src.upload) return { records: parseUpload(src.upload.format, src.upload.content), skipped: 0 };
  return { records: src.records ?? [], skipped: 0 };
}
