import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { createDataset, mergeDatasetRecords } from "@/lib/evaluation/datasets/service";
import type { TSyncSessionBody } from "../schemas";
import { loadSession } from "../sessions/access";
import type { SyncSessionResult } from "../types";

export { ZSyncSessionBody, type TSyncSessionBody } from "../schemas";

/**
 * MLflow's `LabelingSession.sync(to_dataset)`: copies the session's expectation labels into an
 * evaluation dataset, creating it on first sync and merging into a new version afterwards
 * (records are upserted by their inputs, so a re-sync updates rather than duplicates).
 */
export async function syncSessionToDataset(
  actor: Actor,
  sessionId: string,
  body: TSyncSessionBody,
): Promise<SyncSessionResult> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const existing = await db().evaluationDataset.findUnique({
    where: { experimentId_name: { experimentId: session.experimentId, name: body.datasetName } },
    select: { id: true },
  });
  if (existing) {
    return {
      ...(await mergeDatasetRecords(actor, existing.id, {
        sessionId,
        note: `synced labeling session ${session.name}`,
      })),
      created: false,
    };
  }
  return {
    ...(await createDataset(actor, session.experimentId, { name: body.datasetName, sessionId })),
    created: true,
  };
}
