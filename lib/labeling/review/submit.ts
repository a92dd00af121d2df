import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { newAssessmentId, newId } from "@/lib/ids";
import { SOURCE_RUN_ID_METADATA_KEY } from "@/lib/assessments/schemas";
import { stamp, type Dialect, type Row, type Statement } from "@/lib/db/driver";

/** One answer as it becomes an assessment (see submitLabels in service.ts). */
export interface AnswerWrite {
  name: string;
  kind: "FEEDBACK" | "EXPECTATION";
  value: unknown;
  rationale: string | null;
}

export interface Submission {
  sessionId: string;
  itemId: string;
  labelsPerItem: number;
  runId: string;
  user: { id: string; email: string };
  answers: AnswerWrite[];
  /** Metadata of the assessments besides the run id (the session's id, a conversation's id). */
  metadata: (conversationId: string | null) => Record<string, string>;
}

export interface Submitted {
  assessmentIds: string[];
  /** Whether the session sends disagreements to adjudication (checked after commit). */
  adjudicationEnabled: boolean;
}

function parseMetadata(text: unknown): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(String(text ?? "{}"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const conflict = () =>
  new ConflictError(
    "Enough reviewers have already labeled this item; your answers were not saved. Move on to the next item.",
  );

/**
 * Submit as one unit of work for lib/db/driver.ts, with the rules of claims.ts:
 *
 * - the item's row is locked until commit (PostgreSQL), so two submissions of one
 *   item (two tabs of one reviewer) and a concurrent claimer take turns (SQLite: the IMMEDIATE
 *   transaction already serialises writers);
 * - the reviewer's claim completes; a SKIPPED one is dropped first, and without a claim (it
 *   expired and was released, or the reviewer came by link) a slot is taken only if the item
 *   still has one (the count and the insert are one statement under the lock), else 409 and
 *   nothing is written;
 * - each answer IS its assessment (one source of truth): the reviewer's own valid assessment of
 *   that name in the session's run is updated (metadata merged), or one is created: the row
 *   upsertUserAssessment (lib/assessments/internal.ts) writes.
 *
 * On SQLite statement by statement (synchronous, no round trips); on PostgreSQL in two or three
 * statements (submissionPostgres), each a round trip.
 */
export function* submission(d: Dialect, s: Submission): Generator<Statement, Submitted, Row[]> {
  if (d.postgres) return yield* submissionPostgres(s);
  const { p, ts } = d;
  const now = stamp(new Date());
  // The item with its conversation, my claim on it and the session's review options, in one
  // statement (each round trip counts on PostgreSQL).
  const [item] = yield {
    name: "submit_item",
    text: `SELECT i."traceId", ci."conversationId", c."id" AS "claimId", c."status" AS "claimStatus",
        o."adjudicationEnabled"
      FROM "LabelingItem" i
      LEFT JOIN "LabelingConversationItem" ci ON ci."itemId" = i."id"
      LEFT JOIN "LabelingClaim" c ON c."itemId" = i."id" AND c."userId" = ${p(1)}
      LEFT JOIN "LabelingReviewOptions" o ON o."sessionId" = i."sessionId"
      WHERE i."id" = ${p(2)} AND i."sessionId" = ${p(3)}`,
    values: [s.user.id, s.itemId, s.sessionId],
  };
  if (!item) throw new NotFoundError(`Item '${s.itemId}' is not in labeling session '${s.sessionId}'`);
  const traceId = String(item.traceId);
  const conversationId = item.conversationId == null ? null : String(item.conversationId);
  const claim = item.claimId == null ? null : { id: String(item.claimId), status: String(item.claimStatus) };

  let claimId = claim && claim.status !== "SKIPPED" ? claim.id : null;
  if (claim?.status === "SKIPPED")
    yield { name: "submit_drop_skip", text: `DELETE FROM "LabelingClaim" WHERE "id" = ${p(1)}`, values: [claim.id] };
  if (!claimId) {
    const [taken] = yield {
      name: "submit_take_slot",
      text: `INSERT INTO "LabelingClaim" ("id", "itemId", "userId", "status", "claimedAt", "completedAt")
        SELECT ${p(1)}, ${p(2)}, ${p(3)}, 'COMPLETED', ${ts(4)}, ${ts(5)}
        WHERE (SELECT COUNT(*) FROM "LabelingClaim" c
          WHERE c."itemId" = ${p(6)} AND c."status" IN ('COMPLETED', 'IN_PROGRESS')) < ${p(7)}
        RETURNING "id"`,
      values: [newId(), s.itemId, s.user.id, now, now, s.itemId, s.labelsPerItem],
    };
    if (!taken) throw conflict();
    claimId = String(taken.id);
  }

  // Both places MLflow keeps the run id: the column and the metadata key its clients read.
  const metadata = { ...s.metadata(conversationId), [SOURCE_RUN_ID_METADATA_KEY]: s.runId };
  const assessmentIds: string[] = [];
  for (const answer of s.answers) {
    const value = answer.value === undefined ? null : JSON.stringify(answer.value);
    const [existing] = yield {
      name: "submit_find_label",
      text: `SELECT "id", "metadata" FROM "Assessment"
        WHERE "traceId" = ${p(1)} AND "name" = ${p(2)} AND "createdById" = ${p(3)} AND "runId" = ${p(4)}
          AND "valid" = TRUE
        ORDER BY "createdAt" DESC LIMIT 1`,
      values: [traceId, answer.name, s.user.id, s.runId],
    };
    if (existing) {
      yield {
        name: "submit_update_label",
        text: `UPDATE "Assessment" SET "kind" = ${p(1)}, "value" = ${p(2)}, "errorCode" = NULL, "errorMessage" = NULL,
          "errorStackTrace" = NULL, "rationale" = ${p(3)}, "metadata" = ${p(4)}, "updatedAt" = ${ts(5)}
          WHERE "id" = ${p(6)}`,
        values: [
          answer.kind,
          value,
          answer.rationale,
          JSON.stringify({ ...parseMetadata(existing.metadata), ...metadata }),
          now,
          existing.id,
        ],
      };
      assessmentIds.push(String(existing.id));
      continue;
    }
    const id = newAssessmentId();
    yield {
      name: "submit_insert_label",
      text: `INSERT INTO "Assessment" ("id", "traceId", "name", "kind", "value", "rationale", "sourceType", "sourceId",
          "metadata", "runId", "createdById", "createdAt", "updatedAt")
        VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, 'HUMAN', ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${ts(11)}, ${ts(12)})`,
      values: [
        id,
        traceId,
        answer.name,
        answer.kind,
        value,
        answer.rationale,
        s.user.email,
        JSON.stringify(metadata),
        s.runId,
        s.user.id,
        now,
        now,
      ],
    };
    assessmentIds.push(id);
  }

  // The answers live only as the assessments written above; `answers = NULL` also clears the
  // copy that rows written before issue 15 carry.
  yield {
    name: "submit_complete",
    text: `UPDATE "LabelingClaim" SET "status" = 'COMPLETED', "completedAt" = ${ts(1)}, "draft" = NULL, "answers" = NULL
      WHERE "id" = ${p(2)}`,
    values: [now, claimId],
  };
  return { assessmentIds, adjudicationEnabled: Boolean(item.adjudicationEnabled) };
}

/**
 * The same submission on PostgreSQL in as few round trips as the locking rules allow:
 *
 * 1. the item's row locked `FOR UPDATE`, with the item's trace, conversation and review options
 *    (they do not change while reviewers work); a statement of its own, because a statement that
 *    waits for a lock keeps the snapshot it started with for the other rows it reads;
 * 2. one statement, whose snapshot is taken after the lock was granted (so it sees every claim
 *    and label committed before): my claim completed (a SKIPPED one only if the item still has a
 *    slot; the count and the write under the lock), or a slot taken if the item has one; the
 *    answers I have no label for inserted if the claim went through; my existing labels of
 *    those names returned;
 * 3. only on resubmission: those labels updated, their metadata merged here.
 *
 * No claim row in 2's answer means the item was full: 409, and the caller rolls back.
 */
function* submissionPostgres(s: Submission): Generator<Statement, Submitted, Row[]> {
  const now = stamp(new Date());
  const [item] = yield {
    name: "submit_lock_item",
    text: `SELECT i."traceId", ci."conversationId", o."adjudicationEnabled"
      FROM "LabelingItem" i
      LEFT JOIN "LabelingConversationItem" ci ON ci."itemId" = i."id"
      LEFT JOIN "LabelingReviewOptions" o ON o."sessionId" = i."sessionId"
      WHERE i."id" = $1 AND i."sessionId" = $2
      FOR UPDATE OF i`,
    values: [s.itemId, s.sessionId],
  };
  if (!item) throw new NotFoundError(`Item '${s.itemId}' is not in labeling session '${s.sessionId}'`);
  const traceId = String(item.traceId);
  const conversationId = item.conversationId == null ? null : String(item.conversationId);
  // Both places MLflow keeps the run id: the column and the metadata key its clients read.
  const metadata = { ...s.metadata(conversationId), [SOURCE_RUN_ID_METADATA_KEY]: s.runId };

  // $1-$9 the claim and what every new label shares; then 5 per answer.
  const values: unknown[] = [
    s.itemId,
    s.user.id,
    now,
    s.labelsPerItem,
    newId(),
    traceId,
    s.runId,
    s.user.email,
    JSON.stringify(metadata),
  ];
  const rows: string[] = [];
  const names: string[] = [];
  const newIds = new Map<string, string>();
  for (const answer of s.answers) {
    const id = newAssessmentId();
    newIds.set(answer.name, id);
    const at = values.length;
    values.push(
      id,
      answer.name,
      answer.kind,
      answer.value === undefined ? null : JSON.stringify(answer.value),
      answer.rationale,
    );
    rows.push(`($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text)`);
    names.push(`$${at + 2}::text`);
  }
  const written = yield {
    name: `submit_claim_and_labels_${s.answers.length}`,
    text: `WITH mine AS (SELECT "id", "status" FROM "LabelingClaim" WHERE "itemId" = $1 AND "userId" = $2),
      held AS (SELECT COUNT(*) AS "n" FROM "LabelingClaim" WHERE "itemId" = $1 AND "status" IN ('COMPLETED', 'IN_PROGRESS')),
      done AS (
        UPDATE "LabelingClaim" c SET "status" = 'COMPLETED', "completedAt" = $3::timestamp(3), "draft" = NULL,
          "answers" = NULL, "claimedAt" = CASE WHEN m."status" = 'SKIPPED' THEN $3::timestamp(3) ELSE c."claimedAt" END
        FROM mine m WHERE c."id" = m."id" AND (m."status" <> 'SKIPPED' OR (SELECT "n" FROM held) < $4)
        RETURNING c."id"),
      taken AS (
        INSERT INTO "LabelingClaim" ("id", "itemId", "userId", "status", "claimedAt", "completedAt")
        SELECT $5, $1, $2, 'COMPLETED', $3::timestamp(3), $3::timestamp(3)
        WHERE NOT EXISTS (SELECT 1 FROM mine) AND (SELECT "n" FROM held) < $4
        RETURNING "id"),
      claim AS (SELECT "id" FROM done UNION ALL SELECT "id" FROM taken),
      labels AS (
        SELECT DISTINCT ON ("name") "id", "name", "metadata" FROM "Assessment"
        WHERE "traceId" = $6 AND "createdById" = $2 AND "runId" = $7 AND "valid" = TRUE AND "name" IN (${names.join(", ")})
        ORDER BY "name", "createdAt" DESC),
      added AS (
        INSERT INTO "Assessment" ("id", "traceId", "name", "kind", "value", "rationale", "sourceType", "sourceId",
          "metadata", "runId", "createdById", "createdAt", "updatedAt")
        SELECT v."id", $6, v."name", v."kind", v."value", v."rationale", 'HUMAN', $8, $9, $7, $2,
          $3::timestamp(3), $3::timestamp(3)
        FROM (VALUES ${rows.join(", ")}) AS v("id", "name", "kind", "value", "rationale")
        WHERE EXISTS (SELECT 1 FROM claim) AND NOT EXISTS (SELECT 1 FROM labels l WHERE l."name" = v."name")
        RETURNING "id")
      SELECT 'claim' AS "row", "id", NULL AS "name", NULL AS "metadata" FROM claim
      UNION ALL SELECT 'label', "id", "name", "metadata" FROM labels`,
    values,
  };
  if (!written.some((r) => r.row === "claim")) throw conflict();
  const existing = written.filter((r) => r.row === "label");
  const ids = new Map(newIds);
  if (existing.length) {
    const update: unknown[] = [now];
    const set: string[] = [];
    for (const row of existing) {
      const answer = s.answers.find((a) => a.name === row.name)!;
      ids.set(answer.name, String(row.id));
      const at = update.length;
      update.push(
        String(row.id),
        answer.kind,
        answer.value === undefined ? null : JSON.stringify(answer.value),
        answer.rationale,
        JSON.stringify({ ...parseMetadata(row.metadata), ...metadata }),
      );
      set.push(`($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text)`);
    }
    yield {
      name: `submit_update_labels_${existing.length}`,
      text: `UPDATE "Assessment" a SET "kind" = v."kind", "value" = v."value", "errorCode" = NULL, "errorMessage" = NULL,
          "errorStackTrace" = NULL, "rationale" = v."rationale", "metadata" = v."metadata", "updatedAt" = $1::timestamp(3)
        FROM (VALUES ${set.join(", ")}) AS v("id", "kind", "value", "rationale", "metadata")
        WHERE a."id" = v."id"`,
      values: update,
    };
  }
  return {
    assessmentIds: s.answers.map((a) => ids.get(a.name)!),
    adjudicationEnabled: Boolean(item.adjudicationEnabled),
  };
}
