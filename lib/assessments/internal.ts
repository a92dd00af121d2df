/**
 * Assessment writes for services that authorise on their own (labeling, evaluation): NOT
 * role-checked. They take a Prisma client or a transaction so callers can group writes.
 * `toAssessmentDto` is the one mapping from a row to the DTO.
 */
import "server-only";
import type { Db, Prisma } from "@/lib/db/client";
import { inDriverTransaction, stamp } from "@/lib/db/driver";
import { NotFoundError } from "@/lib/errors";
import { newAssessmentId } from "@/lib/ids";
import {
  SOURCE_RUN_ID_METADATA_KEY,
  type AssessmentDto,
  type JsonValue,
  type TAssessmentError,
  type TAssessmentKind,
} from "./schemas";

/** A client or an interactive transaction. */
export type DbOrTx = Db | Prisma.TransactionClient;

type AssessmentRow = Prisma.AssessmentGetPayload<object>;

function parseJson<T>(text: string | null, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toAssessmentDto(a: AssessmentRow): AssessmentDto {
  const metadata = parseJson<Record<string, string>>(a.metadata, {});
  return {
    assessmentId: a.id,
    traceId: a.traceId,
    spanId: a.spanId,
    name: a.name,
    kind: a.kind as TAssessmentKind,
    value: parseJson<JsonValue>(a.value, null),
    error:
      a.errorCode == null
        ? null
        : { errorCode: a.errorCode, errorMessage: a.errorMessage, stackTrace: a.errorStackTrace },
    rationale: a.rationale,
    source: { sourceType: a.sourceType, sourceId: a.sourceId },
    metadata,
    overrides: a.overridesId,
    valid: a.valid,
    runId: a.runId ?? metadata[SOURCE_RUN_ID_METADATA_KEY] ?? null,
    createdById: a.createdById,
    createTimeMs: a.createdAt.getTime(),
    lastUpdateTimeMs: a.updatedAt.getTime(),
  };
}

export interface WriteAssessmentData {
  traceId: string;
  name: string;
  kind: TAssessmentKind;
  value?: JsonValue;
  error?: TAssessmentError | null;
  rationale?: string | null;
  source: { sourceType: string; sourceId?: string };
  spanId?: string | null;
  metadata?: Record<string, string>;
  overrides?: string | null;
  runId?: string | null;
  createdById?: string | null;
  /** Defaults to now (demo data and imports set it). */
  createdAt?: Date;
}

/** Both places MLflow keeps the run id: our column and the metadata key its clients read. */
function withRunId(metadata: Record<string, string> | undefined, runId: string | null | undefined) {
  const merged = { ...metadata };
  if (runId) merged[SOURCE_RUN_ID_METADATA_KEY] = runId;
  return { metadata: merged, runId: runId ?? merged[SOURCE_RUN_ID_METADATA_KEY] ?? null };
}

/**
 * Inserts an assessment. When it overrides another, that one is marked valid=false (404 if it
 * is not on the same trace). Run it inside a transaction when both writes must hold together.
 */
export async function writeAssessment(client: DbOrTx, data: WriteAssessmentData): Promise<AssessmentDto> {
  if (data.overrides) {
    const old = await client.assessment.findFirst({
      where: { id: data.overrides, traceId: data.traceId },
      select: { id: true },
    });
    if (!old)
      throw new NotFoundError(`Assessment '${data.overrides}' to override was not found on trace '${data.traceId}'`);
    await client.assessment.update({ where: { id: old.id }, data: { valid: false } });
  }
  const row = await client.assessment.create({ data: newRow(data) });
  return toAssessmentDto(row);
}

/** What an assessment says: the columns a create writes and a resubmission (upsertUserAssessment) replaces. */
function answerColumns(data: WriteAssessmentData) {
  return {
    kind: data.kind,
    value: data.value === undefined ? null : JSON.stringify(data.value),
    errorCode: data.error?.errorCode ?? null,
    errorMessage: data.error?.errorMessage ?? null,
    errorStackTrace: data.error?.stackTrace ?? null,
    rationale: data.rationale ?? null,
  };
}

/** The row a new assessment is, as both writers (above and below) store it. */
function newRow(data: WriteAssessmentData): AssessmentRow {
  const { metadata, runId } = withRunId(data.metadata, data.runId);
  const now = new Date();
  return {
    id: newAssessmentId(),
    traceId: data.traceId,
    spanId: data.spanId ?? null,
    name: data.name,
    ...answerColumns(data),
    sourceType: data.source.sourceType,
    sourceId: data.source.sourceId ?? "default",
    metadata: JSON.stringify(metadata),
    overridesId: data.overrides ?? null,
    valid: true,
    runId,
    createdById: data.createdById ?? null,
    createdAt: data.createdAt ?? now,
    updatedAt: now,
  };
}

// Every column but `valid` (its default, TRUE, is what a new row holds; SQLite's driver binds no booleans).
const INSERT_COLUMNS = [
  "id",
  "traceId",
  "spanId",
  "name",
  "kind",
  "value",
  "errorCode",
  "errorMessage",
  "errorStackTrace",
  "rationale",
  "sourceType",
  "sourceId",
  "metadata",
  "overridesId",
  "runId",
  "createdById",
  "createdAt",
  "updatedAt",
] as const satisfies readonly Exclude<keyof AssessmentRow, "valid">[];

/**
 * A new assessment that overrides none, as one statement straight through the driver (lib/db/driver.ts):
 * the create is the whole of an end user's thumbs up or a developer's label, and Prisma's runtime
 * costs more CPU than the insert itself (docs/benchmarks.md, per-request cost).
 */
export async function insertAssessment(data: WriteAssessmentData & { overrides?: null }): Promise<AssessmentDto> {
  const row = newRow(data);
  await inDriverTransaction(function* (d) {
    yield {
      name: "assessment_insert",
      text: `INSERT INTO "Assessment" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")})
        VALUES (${INSERT_COLUMNS.map((c, i) => (c === "createdAt" || c === "updatedAt" ? d.ts(i + 1) : d.p(i + 1))).join(", ")})`,
      values: INSERT_COLUMNS.map((c) => {
        const v = row[c];
        return v instanceof Date ? stamp(v) : v;
      }),
      last: true,
    };
  });
  return toAssessmentDto(row);
}

/**
 * Resubmitting changes the reviewer's own assessment, never another's: finds the valid
 * assessment with this (traceId, name, createdById, runId) and updates its value, error,
 * rationale and metadata (merged); creates one when there is none.
 */
export async function upsertUserAssessment(
  client: DbOrTx,
  data: WriteAssessmentData & { createdById: string },
): Promise<AssessmentDto> {
  const { runId } = withRunId(data.metadata, data.runId);
  const existing = await client.assessment.findFirst({
    where: { traceId: data.traceId, name: data.name, createdById: data.createdById, runId, valid: true },
    orderBy: { createdAt: "desc" },
  });
  if (!existing) return writeAssessment(client, data);
  const metadata = {
    ...parseJson<Record<string, string>>(existing.metadata, {}),
    ...withRunId(data.metadata, runId).metadata,
  };
  const row = await client.assessment.update({
    where: { id: existing.id },
    data: {
      ...answerColumns(data),
      metadata: JSON.stringify(metadata),
    },
  });
  return toAssessmentDto(row);
}
