import "server-only";
/**
 * Evaluation datasets: named, versioned sets of `{inputs, expectations, outputs, source trace}`
 * records in an experiment. Every change (merge, upload, edit) writes a new version; old versions
 * stay readable (see merge.ts).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";
import { mergeRecordsIntoNewVersion } from "@/lib/evaluation/datasets/merge";
import { resolveRecordSource } from "@/lib/evaluation/datasets/sources";
import type {
  TCreateDatasetBody,
  TDatasetRecordsQuery,
  TMergeDatasetRecordsBody,
  TUpdateDatasetRecordBody,
} from "@/lib/evaluation/schemas";
import { pageWindow, type TPageQuery } from "@/lib/paging/schemas";
import { parseJsonText } from "@/lib/evaluation/trace-data";
import { newId } from "@/lib/ids";
import type { DatasetDto, DatasetRecordDto, DatasetVersionDto } from "./types";
import type { MergeResponse } from "./types";
export type { MergeResponse } from "./types";
export type { DatasetDto, DatasetRecordDto, DatasetVersionDto } from "./types";

type DatasetRow = {
  id: string;
  experimentId: string;
  name: string;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

/** DTOs for a page of datasets, with the record count of each one's current version in one query. */
async function toDtos(rows: DatasetRow[]): Promise<DatasetDto[]> {
  if (rows.length === 0) return [];
  const versions = await db().evaluationDatasetVersion.findMany({
    where: { OR: rows.map((d) => ({ datasetId: d.id, version: d.currentVersion })) },
    select: { datasetId: true, _count: { select: { records: true } } },
  });
  const counts = new Map(versions.map((v) => [v.datasetId, v._count.records]));
  return rows.map((d) => ({
    id: d.id,
    experimentId: d.experimentId,
    name: d.name,
    currentVersion: d.currentVersion,
    recordCount: counts.get(d.id) ?? 0,
    createdAt: d.createdAt.getTime(),
    updatedAt: d.updatedAt.getTime(),
  }));
}

const toDto = async (d: DatasetRow): Promise<DatasetDto> => (await toDtos([d]))[0]!;

export function toRecordDto(r: {
  id: string;
  position: number;
  inputsHash: string;
  inputs: string;
  expectations: string;
  outputs: string | null;
  tags: string;
  sourceTraceId: string | null;
}): DatasetRecordDto {
  return {
    id: r.id,
    position: r.position,
    inputsHash: r.inputsHash,
    inputs: parseJsonText(r.inputs) as Record<string, unknown>,
    expectations: (parseJsonText(r.expectations) ?? {}) as Record<string, unknown>,
    outputs: parseJsonText(r.outputs) ?? null,
    tags: (parseJsonText(r.tags) ?? {}) as Record<string, string>,
    sourceTraceId: r.sourceTraceId,
  };
}

async function loadDataset(datasetId: string): Promise<DatasetRow> {
  const d = await db().evaluationDataset.findUnique({ where: { id: datasetId } });
  if (!d) throw new NotFoundError(`Dataset '${datasetId}' not found`);
  return d;
}

/** Datasets of an experiment, newest first, a page at a time. */
export async function listDatasets(
  actor: Actor,
  experimentId: string,
  q: TPageQuery,
): Promise<{ datasets: DatasetDto[]; total: number }> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const where = { experimentId };
  const [rows, total] = await Promise.all([
    db().evaluationDataset.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      ...pageWindow(q),
    }),
    db().evaluationDataset.count({ where }),
  ]);
  return { datasets: await toDtos(rows), total };
}

/** One dataset with its versions (newest first). */
export async function getDataset(
  actor: Actor,
  datasetId: string,
): Promise<DatasetDto & { versions: DatasetVersionDto[] }> {
  requireRole(actor, "DEVELOPER");
  const d = await loadDataset(datasetId);
  const versions = await db().evaluationDatasetVersion.findMany({
    where: { datasetId },
    orderBy: { version: "desc" },
    include: { _count: { select: { records: true } } },
  });
  return {
    ...(await toDto(d)),
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      recordCount: v._count.records,
      createdAt: v.createdAt.getTime(),
    })),
  };
}

/** Creates a dataset (version 1) from a labeling session, traces, records or an uploaded file, or empty. */
export async function createDataset(
  actor: Actor,
  experimentId: string,
  body: TCreateDatasetBody,
): Promise<MergeResponse> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  if (await db().evaluationDataset.findUnique({ where: { experimentId_name: { experimentId, name: body.name } } })) {
    throw new ConflictError(`A dataset named '${body.name}' already exists in this experiment`);
  }
  const { records, skipped } = await resolveRecordSource(experimentId, body);
  const note = body.sessionId
    ? `from labeling session ${body.sessionId}`
    : body.traceIds
      ? `from ${body.traceIds.length} traces`
      : body.upload
        ? `uploaded ${body.upload.format}`
        : undefined;
  const result = await db().$transaction(
    async (tx) => {
      const d = await tx.evaluationDataset.create({
        data: { id: newId(), experimentId, name: body.name, createdById: actor.via === "system" ? null : actor.userId },
      });
      return mergeRecordsIntoNewVersion(d.id, records, note, true, tx).then((r) => ({ ...r, datasetId: d.id }));
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return { ...result, skipped, dataset: await toDto(await loadDataset(result.datasetId)) };
}

/** Merges records into a new version (upsert by inputs hash, as MLflow's merge_records). */
export async function mergeDatasetRecords(
  actor: Actor,
  datasetId: string,
  body: TMergeDatasetRecordsBody,
): Promise<MergeResponse> {
  requireRole(actor, "DEVELOPER");
  const d = await loadDataset(datasetId);
  const { records, skipped } = await resolveRecordSource(d.experimentId, body);
  const note =
    body.note ??
    (body.upload
      ? `uploaded ${body.upload.format}`
      : body.sessionId
        ? `merged labeling session ${body.sessionId}`
        : undefined);
  const result = await mergeRecordsIntoNewVersion(datasetId, records, note);
  return { ...result, skipped, dataset: await toDto(await loadDataset(datasetId)) };
}

async function versionId(datasetId: string, version: number): Promise<string> {
  const v = await db().evaluationDatasetVersion.findUnique({
    where: { datasetId_version: { datasetId, version } },
    select: { id: true },
  });
  if (!v) throw new NotFoundError(`Dataset '${datasetId}' has no version ${version}`);
  return v.id;
}

/** Records of one version (the current one by default), in order, a page at a time. */
export async function listDatasetRecords(
  actor: Actor,
  datasetId: string,
  q: TDatasetRecordsQuery,
): Promise<{ records: DatasetRecordDto[]; total: number; version: number }> {
  requireRole(actor, "DEVELOPER");
  const d = await loadDataset(datasetId);
  const version = q.version ?? d.currentVersion;
  const where = { versionId: await versionId(datasetId, version) };
  const [rows, total] = await Promise.all([
    db().evaluationDatasetRecord.findMany({
      where,
      orderBy: { position: "asc" },
      ...pageWindow(q),
    }),
    db().evaluationDatasetRecord.count({ where }),
  ]);
  return { records: rows.map(toRecordDto), total, version };
}

/** Replaces one record's expectations; like every change, this writes a new version. */
export async function updateDatasetRecord(
  actor: Actor,
  datasetId: string,
  recordId: string,
  body: TUpdateDatasetRecordBody,
): Promise<MergeResponse> {
  requireRole(actor, "DEVELOPER");
  const r = await db().evaluationDatasetRecord.findUnique({
    where: { id: recordId },
    include: { version: { select: { datasetId: true } } },
  });
  if (!r || r.version.datasetId !== datasetId)
    throw new NotFoundError(`Record '${recordId}' not found in dataset '${datasetId}'`);
  const rec = toRecordDto(r);
  const result = await mergeRecordsIntoNewVersion(
    datasetId,
    [{ inputs: rec.inputs, expectations: body.expectations, tags: {}, replaceExpectations: true }],
    `edited record ${r.position + 1}`,
  );
  return { ...result, skipped: 0, dataset: await toDto(await loadDataset(datasetId)) };
}

/** One version as JSONL (MLflow's record shape), read a chunk at a time. */
export async function exportDatasetJsonl(
  actor: Actor,
  datasetId: string,
  version?: number,
): Promise<{ filename: string; body: string }> {
  requireRole(actor, "DEVELOPER");
  const d = await loadDataset(datasetId);
  const v = version ?? d.currentVersion;
  const vid = await versionId(datasetId, v);
  const lines: string[] = [];
  for (let skip = 0; ; skip += 1000) {
    const rows = await db().evaluationDatasetRecord.findMany({
      where: { versionId: vid },
      orderBy: { position: "asc" },
      skip,
      take: 1000,
    });
    for (const r of rows.map(toRecordDto)) {
      lines.push(
        JSON.stringify({
          inputs: r.inputs,
          expectations: r.expectations,
          ...(r.outputs !== null ? { outputs: r.outputs } : {}),
          tags: r.tags,
          ...(r.sourceTraceId ? { sourceTraceId: r.sourceTraceId } : {}),
        }),
      );
    }
    if (rows.length < 1000) break;
  }
  const safe = d.name.replace(/[^A-Za-z0-9_-]+/g, "_");
  return { filename: `${safe}-v${v}.jsonl`, body: lines.length ? `${lines.join("\n")}\n` : "" };
}

/** Labeling sessions a dataset can be made from (name and id only), newest first. */
export async function listSessionChoices(actor: Actor, experimentId: string): Promise<{ id: string; name: string }[]> {
  requireRole(actor, "DEVELOPER");
  return db().labelingSession.findMany({
    where: { experimentId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true },
  });
}
