import "server-only";
/**
 * Copy-on-write dataset versions. A merge copies the current version's records into a new
 * version and upserts the incoming ones by inputs hash (MLflow's `merge_records`: expectations
 * and tags are merged key by key, outputs replaced when given); older versions are never touched,
 * so runs keep pointing at exactly what they scored.
 */
import { db, type Prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError } from "@/lib/errors";
import { inputsHash } from "@/lib/evaluation/datasets/inputs-hash";
import type { TDatasetRecordInput } from "@/lib/evaluation/schemas";
import { newId } from "@/lib/ids";
import type { MergeResult } from "./types";
export type { MergeResult } from "./types";

type Tx = Prisma.TransactionClient;

export interface MergeRecord extends TDatasetRecordInput {
  /** Replace the expectations instead of merging them (editing a record). */
  replaceExpectations?: boolean;
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const parse = (t: string) => JSON.parse(t) as Record<string, unknown>;
const CHUNK = 500;

async function copyRecords(tx: Tx, fromVersionId: string, toVersionId: string): Promise<void> {
  for (let skip = 0; ; skip += CHUNK) {
    const rows = await tx.evaluationDatasetRecord.findMany({
      where: { versionId: fromVersionId },
      orderBy: { position: "asc" },
      skip,
      take: CHUNK,
    });
    if (!rows.length) return;
    await tx.evaluationDatasetRecord.createMany({
      data: rows.map((r) => ({ ...r, id: newId(), versionId: toVersionId })),
    });
    if (rows.length < CHUNK) return;
  }
}

/** Incoming records deduplicated by hash; a later duplicate merges into the earlier one. */
function dedupe(records: MergeRecord[]): Map<string, MergeRecord> {
  const out = new Map<string, MergeRecord>();
  for (const r of records) {
    const h = inputsHash(r.inputs);
    const prev = out.get(h);
    out.set(
      h,
      prev
        ? {
            ...prev,
            ...r,
            expectations: { ...prev.expectations, ...r.expectations },
            tags: { ...prev.tags, ...r.tags },
          }
        : r,
    );
  }
  return out;
}

async function mergeInTx(
  tx: Tx,
  datasetId: string,
  records: MergeRecord[],
  note: string | undefined,
  initial: boolean,
): Promise<MergeResult> {
  const ds = await tx.evaluationDataset.findUniqueOrThrow({ where: { id: datasetId } });
  const prev = initial
    ? null
    : await tx.evaluationDatasetVersion.findUnique({
        where: { datasetId_version: { datasetId, version: ds.currentVersion } },
      });
  const version = prev ? ds.currentVersion + 1 : 1;
  const v = await tx.evaluationDatasetVersion.create({ data: { id: newId(), datasetId, version, note: note ?? null } });
  if (prev) await copyRecords(tx, prev.id, v.id);

  const incoming = dedupe(records);
  const existing = await tx.evaluationDatasetRecord.findMany({
    where: { versionId: v.id, inputsHash: { in: [...incoming.keys()] } },
  });
  const byHash = new Map(existing.map((r) => [r.inputsHash, r]));
  const last = await tx.evaluationDatasetRecord.findFirst({
    where: { versionId: v.id },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  let position = (last?.position ?? -1) + 1;
  const inserts: Prisma.EvaluationDatasetRecordCreateManyInput[] = [];
  let updated = 0;
  for (const [hash, r] of incoming) {
    const old = byHash.get(hash);
    if (!old) {
      inserts.push({
        id: newId(),
        versionId: v.id,
        inputsHash: hash,
        inputs: json(r.inputs),
        expectations: json(r.expectations),
        outputs: r.outputs === undefined ? null : json(r.outputs),
        tags: json(r.tags),
        sourceTraceId: r.sourceTraceId ?? null,
        position: position++,
      });
      continue;
    }
    updated++;
    await tx.evaluationDatasetRecord.update({
      where: { id: old.id },
      data: {
        expectations: json(r.replaceExpectations ? r.expectations : { ...parse(old.expectations), ...r.expectations }),
        tags: json({ ...parse(old.tags), ...r.tags }),
        ...(r.outputs !== undefined ? { outputs: json(r.outputs) } : {}),
        ...(r.sourceTraceId ? { sourceTraceId: r.sourceTraceId } : {}),
      },
    });
  }
  for (let i = 0; i < inserts.length; i += CHUNK)
    await tx.evaluationDatasetRecord.createMany({ data: inserts.slice(i, i + CHUNK) });
  await tx.evaluationDataset.update({ where: { id: datasetId }, data: { currentVersion: version } });
  return { version, versionId: v.id, inserted: inserts.length, updated };
}

/** Writes a new version of the dataset; `initial` writes version 1 of a dataset just created. */
export async function mergeRecordsIntoNewVersion(
  datasetId: string,
  records: MergeRecord[],
  note?: string,
  initial = false,
  tx?: Tx,
): Promise<MergeResult> {
  if (tx) return mergeInTx(tx, datasetId, records, note, initial);
  try {
    return await db().$transaction((t) => mergeInTx(t, datasetId, records, note, initial), {
      maxWait: 30_000,
      timeout: 120_000,
    });
  } catch (e) {
    // Two merges at once both pick currentVersion + 1; the unique (datasetId, version) stops the second.
    if (isUniqueViolation(e)) throw new ConflictError("The dataset was changed at the same time; try again");
    throw e;
  }
}
