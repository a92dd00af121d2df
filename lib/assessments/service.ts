/**
 * Assessments (feedback and expectations) with MLflow's semantics: overrides mark the old one
 * invalid, updates merge metadata and keep source/span/override, deletes restore what they
 * overrode. Role-checked: reviewers may read, developers and admins may write. Labeling and
 * evaluation write through ./internal instead.
 */
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db, Prisma } from "@/lib/db/client";
import { isForeignKeyViolation } from "@/lib/db/errors";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { insertAssessment, toAssessmentDto, writeAssessment } from "./internal";
import { assertTraceReadable, assessmentVisibility, traceScopeWhere } from "@/lib/auth/reviewer-scope";
import {
  ZCreateAssessmentBody,
  ZUpdateAssessmentBody,
  type AssessmentDto,
  type AssessmentNameDto,
  type AssessmentRunRef,
  type TAssessmentKind,
  type TCreateAssessmentInput,
  type TUpdateAssessmentPatch,
} from "./schemas";

async function requireTrace(traceId: string): Promise<void> {
  const trace = await db().trace.findUnique({ where: { id: traceId }, select: { id: true } });
  if (!trace) throw new NotFoundError(`Trace with ID '${traceId}' not found`);
}

/** The signed-in user's id, unless the app acts on its own (no user row to point at). */
const authorId = (actor: Actor) => (actor.via === "system" ? null : actor.userId);

/** Creates an assessment on a trace (or one of its spans); developers and admins. */
export async function createAssessment(
  actor: Actor,
  traceId: string,
  input: TCreateAssessmentInput,
): Promise<AssessmentDto> {
  requireRole(actor, "DEVELOPER");
  const parsed = ZCreateAssessmentBody.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
      parsed.error.issues,
    );
  const body = parsed.data;
  const data = {
    traceId,
    name: body.name,
    kind: body.kind,
    value: body.value,
    error: body.error,
    rationale: body.rationale,
    // Without a source it is the signed-in person, as the MLflow UI sends.
    source: body.source ?? { sourceType: "HUMAN", sourceId: actor.name },
    spanId: body.spanId,
    metadata: body.metadata,
    runId: body.runId,
    createdById: authorId(actor),
  };
  // Overriding another assessment is two writes, in one transaction.
  if (body.overrides) {
    const overrides = body.overrides;
    await requireTraceAndSpan(traceId, body.spanId);
    return db().$transaction((tx) => writeAssessment(tx, { ...data, overrides }));
  }
  // A plain create is one statement. The trace and span are not looked up first: their foreign
  // keys refuse a missing one, and only then is it worth a query to say which.
  try {
    return await insertAssessment(data);
  } catch (err) {
    if (isForeignKeyViolation(err)) await requireTraceAndSpan(traceId, body.spanId);
    throw err;
  }
}

async function requireTraceAndSpan(traceId: string, spanId: string | null | undefined): Promise<void> {
  await requireTrace(traceId);
  if (!spanId) return;
  const span = await db().span.findUnique({ where: { traceId_spanId: { traceId, spanId } }, select: { spanId: true } });
  if (!span) throw new NotFoundError(`Span '${spanId}' not found in trace '${traceId}'`);
}

export async function getAssessment(actor: Actor, traceId: string, assessmentId: string): Promise<AssessmentDto> {
  requireRole(actor, "REVIEWER");
  const row = await db().assessment.findFirst({ where: { id: assessmentId, traceId } });
  const missing = () => new NotFoundError(`Assessment with ID '${assessmentId}' not found on trace '${traceId}'`);
  if (!row) throw missing();
  await assertTraceReadable(actor, traceId);
  // Another reviewer's label answers as if it did not exist.
  if (!(await assessmentVisibility(actor, [row]))(row)) throw missing();
  return toAssessmentDto(row);
}

/** Every assessment on a trace, invalid (overridden) ones included, oldest first (a Reviewer's view: see reviewer-scope). */
export async function listTraceAssessments(actor: Actor, traceId: string): Promise<AssessmentDto[]> {
  requireRole(actor, "REVIEWER");
  await requireTrace(traceId);
  await assertTraceReadable(actor, traceId);
  const rows = await db().assessment.findMany({ where: { traceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const visible = await assessmentVisibility(actor, rows);
  return rows.filter(visible).map(toAssessmentDto);
}

type MaskField = "name" | "value" | "error" | "rationale" | "metadata" | "valid";

/** Our field names and MLflow's (lowerCamel or snake_case) to the fields they set. */
function normalizeMask(mask: readonly string[], kind: TAssessmentKind): Set<MaskField> {
  const out = new Set<MaskField>();
  for (const raw of mask.flatMap((m) => m.split(","))) {
    const m = raw.trim();
    if (!m) continue;
    if (m === "name" || m === "assessmentName" || m === "assessment_name") out.add("name");
    else if (m === "feedback" || m === "expectation") {
      const wanted = m === "feedback" ? "FEEDBACK" : "EXPECTATION";
      if (wanted !== kind) throw new ValidationError(`Cannot change an assessment from ${kind.toLowerCase()} to ${m}`);
      out.add("value");
      if (m === "feedback") out.add("error");
    } else if (m === "value" || m === "error" || m === "rationale" || m === "metadata" || m === "valid") out.add(m);
    else throw new ValidationError(`Unknown update_mask field '${m}'`);
  }
  return out;
}

/**
 * Updates the fields named in `mask`. The kind cannot change; metadata is merged; source, span,
 * create time and overrides are kept, and so is `valid` unless the mask names it.
 */
export async function updateAssessment(
  actor: Actor,
  traceId: string,
  assessmentId: string,
  patch: TUpdateAssessmentPatch,
  mask: string[],
): Promise<AssessmentDto> {
  requireRole(actor, "DEVELOPER");
  const parsed = ZUpdateAssessmentBody.safeParse({ ...patch, mask });
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      parsed.error.issues,
    );
  const p = parsed.data;
  const existing = await db().assessment.findFirst({ where: { id: assessmentId, traceId } });
  if (!existing) throw new NotFoundError(`Assessment with ID '${assessmentId}' not found on trace '${traceId}'`);
  const kind = existing.kind as TAssessmentKind;
  if (p.kind && p.kind !== kind)
    throw new ValidationError(`Cannot change an assessment from ${kind.toLowerCase()} to ${p.kind.toLowerCase()}`);
  const fields = p.mask.length
    ? normalizeMask(p.mask, kind)
    : new Set(
        (Object.keys(patch) as MaskField[]).filter(
          (k) => k !== ("kind" as string) && (patch as Record<string, unknown>)[k] !== undefined,
        ),
      );
  if (kind === "EXPECTATION" && fields.has("error") && p.error)
    throw new ValidationError("Expectations cannot carry an error");
  const data: Prisma.AssessmentUpdateInput = { updatedAt: new Date() };
  if (fields.has("name")) {
    if (!p.name) throw new ValidationError("name: Name is required");
    data.name = p.name;
  }
  if (fields.has("value")) data.value = p.value === undefined ? null : JSON.stringify(p.value);
  if (fields.has("error")) {
    data.errorCode = p.error?.errorCode ?? null;
    data.errorMessage = p.error?.errorMessage ?? null;
    data.errorStackTrace = p.error?.stackTrace ?? null;
  }
  if (fields.has("rationale")) data.rationale = p.rationale ?? null;
  if (fields.has("metadata"))
    data.metadata = JSON.stringify({ ...JSON.parse(existing.metadata || "{}"), ...p.metadata });
  if (fields.has("valid") && p.valid !== undefined) data.valid = p.valid;
  const row = await db().assessment.update({ where: { id: existing.id }, data });
  return toAssessmentDto(row);
}

/** Hard delete; if it overrode another assessment, that one becomes valid again. */
export async function deleteAssessment(actor: Actor, traceId: string, assessmentId: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  await db().$transaction(async (tx) => {
    const row = await tx.assessment.findFirst({
      where: { id: assessmentId, traceId },
      select: { id: true, overridesId: true },
    });
    if (!row) throw new NotFoundError(`Assessment with ID '${assessmentId}' not found on trace '${traceId}'`);
    await tx.assessment.delete({ where: { id: row.id } });
    if (row.overridesId) await tx.assessment.updateMany({ where: { id: row.overridesId }, data: { valid: true } });
  });
}

/**
 * Distinct (name, kind, run) of the assessments in an experiment, by name: table columns and
 * name suggestions. Each run is named after its evaluation run or labeling session. Reviewers
 * get no evaluation names (scores of models under test are not theirs to see).
 */
export async function listAssessmentNames(actor: Actor, experimentId: string): Promise<AssessmentNameDto[]> {
  requireRole(actor, "REVIEWER");
  const scope = traceScopeWhere(actor);
  const groups = await db().assessment.groupBy({
    by: ["name", "kind", "runId"],
    where: { trace: { experimentId, ...(scope ?? {}) } },
    orderBy: [{ name: "asc" }, { kind: "asc" }, { runId: "asc" }],
  });
  const runIds = [...new Set(groups.flatMap((g) => (g.runId ? [g.runId] : [])))];
  const [evaluations, sessions, runs] = runIds.length
    ? await Promise.all([
        db().evaluationRun.findMany({ where: { runId: { in: runIds } }, select: { runId: true, name: true } }),
        db().labelingSession.findMany({ where: { runId: { in: runIds } }, select: { runId: true, name: true } }),
        db().run.findMany({ where: { id: { in: runIds } }, select: { id: true, name: true } }),
      ])
    : [[], [], []];
  const refs = new Map<string, AssessmentRunRef>();
  for (const r of runs) refs.set(r.id, { runId: r.id, name: r.name || r.id, kind: "RUN" });
  for (const s of sessions) refs.set(s.runId, { runId: s.runId, name: s.name, kind: "LABELING" });
  for (const e of evaluations) refs.set(e.runId, { runId: e.runId, name: e.name, kind: "EVALUATION" });
  const names = groups.map((g) => ({
    name: g.name,
    kind: g.kind as TAssessmentKind,
    run: g.runId ? (refs.get(g.runId) ?? { runId: g.runId, name: g.runId, kind: "RUN" as const }) : null,
  }));
  // Production (no run) first within a name: the databases disagree on where NULL sorts.
  const order = (a: AssessmentNameDto, b: AssessmentNameDto) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  names.sort((a, b) => order(a, b) || Number(a.run !== null) - Number(b.run !== null));
  // A reviewer's view is a production view: runs other than labeling sessions stay out.
  return actor.role === "REVIEWER" ? names.filter((n) => !n.run || n.run.kind === "LABELING") : names;
}
