import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { getExperiment } from "@/lib/experiments/service";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { isEditCompatible } from "@/lib/labeling/label-input";
import {
  fromStoredInput,
  toStoredInput,
  type TCreateLabelSchemaRequest,
  type TExperimentListQuery,
  type TLabelSchemaDefinition,
  type TLabelSchemaType,
  type TUpdateLabelSchemaBody,
} from "@/lib/labeling/schemas";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import { forgetRecentSessions } from "@/lib/labeling/session-cache/recent";
export type { LabelSchemaDto } from "@/lib/labeling/types";

type Row = {
  id: string;
  experimentId: string;
  name: string;
  type: string;
  title: string;
  instruction: string | null;
  enableComment: boolean;
  inputType: string;
  inputConfig: string;
  createdAt: Date;
  updatedAt: Date;
  _count?: { sessions: number };
  createdBy?: { email: string } | null;
};

export function toLabelSchemaDto(r: Row): LabelSchemaDto {
  return {
    id: r.id,
    experimentId: r.experimentId,
    name: r.name,
    type: r.type.toLowerCase() as TLabelSchemaType,
    title: r.title,
    instruction: r.instruction,
    enableComment: r.enableComment,
    input: fromStoredInput(r.inputType, r.inputConfig),
    sessionCount: r._count?.sessions ?? 0,
    createdBy: r.createdBy?.email ?? null,
    createdAt: r.createdAt.getTime(),
    updatedAt: r.updatedAt.getTime(),
  };
}

/** The definition the validators need (`validateAnswers`, `isEditCompatible`). */
export function toDefinition(
  s: Pick<LabelSchemaDto, "name" | "type" | "title" | "instruction" | "enableComment" | "input">,
): TLabelSchemaDefinition {
  return {
    name: s.name,
    type: s.type,
    title: s.title,
    instruction: s.instruction ?? undefined,
    enableComment: s.enableComment,
    input: s.input,
  };
}

const withCount = { _count: { select: { sessions: true } }, createdBy: { select: { email: true } } } as const;

/**
 * Creates a label schema (developers and admins). The name is unique in the experiment: a
 * second create fails with 409 unless `overwrite` is set, in which case the existing schema is
 * replaced, but only in ways that keep labels already recorded valid (same rule as an edit).
 */
export async function createLabelSchema(actor: Actor, body: TCreateLabelSchemaRequest): Promise<LabelSchemaDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, body.experimentId);
  const existing = await db().labelSchema.findUnique({
    where: { experimentId_name: { experimentId: body.experimentId, name: body.name } },
    include: withCount,
  });
  const fields = {
    type: body.type.toUpperCase(),
    title: body.title,
    instruction: body.instruction ?? null,
    enableComment: body.enableComment,
    ...toStoredInput(body.input),
  };
  if (existing) {
    if (!body.overwrite) {
      // The issue names the field, so a form shows it under Name and can offer "Replace".
      throw new ConflictError(
        `A label schema named '${body.name}' already exists in this experiment. Choose another name, or replace the existing schema (API: "overwrite": true).`,
        {
          issues: [
            { path: "body.name", message: `'${body.name}' is taken: choose another name or replace that schema` },
          ],
        },
      );
    }
    const before = toLabelSchemaDto(existing);
    await assertEditAllowed(before, {
      ...toDefinition(before),
      ...toDefinition({ ...body, instruction: body.instruction ?? null }),
    });
    const row = await db().labelSchema.update({ where: { id: existing.id }, data: fields, include: withCount });
    forgetRecentSessions();
    return toLabelSchemaDto(row);
  }
  try {
    const row = await db().labelSchema.create({
      data: {
        id: newId(),
        experimentId: body.experimentId,
        name: body.name,
        createdById: realUserId(actor),
        ...fields,
      },
      include: withCount,
    });
    return toLabelSchemaDto(row);
  } catch (err) {
    // Two creates racing for the same name: the unique index decides, we report it as a conflict.
    if (isUniqueViolation(err))
      throw new ConflictError(`A label schema named '${body.name}' already exists in this experiment.`);
    throw err;
  }
}

/** Label schemas of an experiment by name, a page at a time (any signed-in role: the assessment form and the review app read them). */
export async function listLabelSchemas(
  actor: Actor,
  query: TExperimentListQuery,
): Promise<{ schemas: LabelSchemaDto[]; nextPageToken?: string }> {
  await getExperiment(actor, query.experimentId);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 200;
  const rows = await db().labelSchema.findMany({
    where: { experimentId: query.experimentId },
    orderBy: [{ name: "asc" }],
    skip,
    take,
    include: withCount,
  });
  return { schemas: rows.map(toLabelSchemaDto), nextPageToken: nextPageToken(skip, take, rows.length) };
}

export async function getLabelSchema(_actor: Actor, schemaId: string): Promise<LabelSchemaDto> {
  const row = await db().labelSchema.findUnique({ where: { id: schemaId }, include: withCount });
  if (!row) throw new NotFoundError(`Label schema '${schemaId}' does not exist`);
  return toLabelSchemaDto(row);
}

/** A label schema by its name in an experiment (MLflow's GetLabelSchemaByName). */
export async function getLabelSchemaByName(actor: Actor, experimentId: string, name: string): Promise<LabelSchemaDto> {
  await getExperiment(actor, experimentId);
  const row = await db().labelSchema.findUnique({
    where: { experimentId_name: { experimentId, name } },
    include: withCount,
  });
  if (!row) throw new NotFoundError(`Label schema '${name}' does not exist in experiment '${experimentId}'`);
  return toLabelSchemaDto(row);
}

/**
 * Edits a label schema. Title, instruction and enableComment are free; a new `input` of a
 * schema that sessions use must keep every recorded label valid (`isEditCompatible` against
 * the values stored so far), otherwise it is refused with 409 and the reasons.
 */
export async function updateLabelSchema(
  actor: Actor,
  schemaId: string,
  body: TUpdateLabelSchemaBody,
): Promise<LabelSchemaDto> {
  requireRole(actor, "DEVELOPER");
  const before = await getLabelSchema(actor, schemaId);
  const after: TLabelSchemaDefinition = {
    ...toDefinition(before),
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.instruction !== undefined ? { instruction: body.instruction ?? undefined } : {}),
    ...(body.enableComment !== undefined ? { enableComment: body.enableComment } : {}),
    ...(body.input !== undefined ? { input: body.input } : {}),
  };
  await assertEditAllowed(before, after);
  const row = await db().labelSchema.update({
    where: { id: schemaId },
    data: {
      title: after.title,
      instruction: after.instruction ?? null,
      enableComment: after.enableComment,
      ...toStoredInput(after.input),
    },
    include: withCount,
  });
  forgetRecentSessions();
  return toLabelSchemaDto(row);
}

/** Deletes a label schema that no session uses (its labels stay on the traces as assessments). */
export async function deleteLabelSchema(
  actor: Actor,
  schemaId: string,
  /** MLflow's DeleteLabelSchema is a no-op for a missing schema. */
  opts: { missingOk?: boolean } = {},
): Promise<{ deleted: boolean }> {
  requireRole(actor, "DEVELOPER");
  if (opts.missingOk && !(await db().labelSchema.findUnique({ where: { id: schemaId }, select: { id: true } })))
    return { deleted: false };
  const schema = await getLabelSchema(actor, schemaId);
  if (schema.sessionCount > 0) {
    throw new ConflictError(
      `Label schema '${schema.name}' is used by ${schema.sessionCount} labeling session(s); remove it from them first.`,
    );
  }
  await db().labelSchema.delete({ where: { id: schemaId } });
  return { deleted: true };
}

/**
 * Refuses edits that would make recorded labels invalid. A schema no session uses has no
 * labels from us, so anything but the name/type goes; one in use is checked against the values
 * its sessions actually recorded, so e.g. removing an option nobody chose is allowed.
 */
async function assertEditAllowed(before: LabelSchemaDto, after: TLabelSchemaDefinition): Promise<void> {
  if (before.type !== after.type) {
    throw new ValidationError(
      `The schema type can't change from ${before.type} to ${after.type}; create a new schema instead.`,
    );
  }
  if (before.sessionCount === 0) return;
  const values = await recordedValues(before.id, before.name);
  const verdict = isEditCompatible(toDefinition(before), after, { existingValues: values });
  if (!verdict.ok) {
    throw new ConflictError(
      `Label schema '${before.name}' is used by ${before.sessionCount} labeling session(s), so this edit is refused: ${verdict.reasons.join(" ")}`,
      {
        reasons: verdict.reasons,
      },
    );
  }
}

/**
 * Every value submitted for this schema in the sessions that use it: the reviewers' current
 * assessments of that name carrying a session's run id (submitted answers are assessments,
 * lib/labeling/results/answers.ts).
 */
async function recordedValues(schemaId: string, name: string): Promise<unknown[]> {
  const sessions = await db().labelingSession.findMany({
    where: { schemas: { some: { schemaId } } },
    select: { runId: true },
  });
  if (!sessions.length) return [];
  const rows = await db().assessment.findMany({
    where: { runId: { in: sessions.map((s) => s.runId) }, name, valid: true, createdById: { not: null } },
    select: { value: true },
  });
  return rows.flatMap((r) => {
    if (r.value == null) return [];
    try {
      return [JSON.parse(r.value) as unknown];
    } catch {
      return [r.value];
    }
  });
}

/** The system actor is not a user row; foreign keys to User must stay null for it. */
export function realUserId(actor: Actor): string | null {
  return actor.via === "system" ? null : actor.userId;
}
