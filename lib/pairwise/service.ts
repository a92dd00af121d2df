import "server-only";
/**
 * Pairwise comparison sessions (issue 13, item 3). A compare session is a labeling session (its
 * reviewers, its MLflow run, its label schemas, the Review App list) with a PairwiseSession row
 * and its pairs: the rows of two evaluation runs of one dataset matched by dataset record (else by
 * identical inputs), or the answers of two agents to the same inputs (called by the job in
 * ./generate.ts; pairs appear as both answers are recorded). Each pair's left/right order is drawn
 * at random once and stored, so what the reviewer picked ("left") is turned into the right version
 * on the server. A choice is an assessment on each of the two traces (that trace's win, loss or
 * tie) sharing a comparison id and naming the other trace; answers to the session's schemas are
 * assessments on the side's trace; results read them back (one source of truth).
 */
import { randomInt } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { cohenKappa } from "@/lib/assessments/agreement/cohen";
import { upsertUserAssessment } from "@/lib/assessments/internal";
import { db, type Prisma } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs/service";
import { validateAnswers } from "@/lib/labeling/label-input";
import { LABELING_SESSION_METADATA_KEY } from "@/lib/labeling/review/service";
import { loadSessionForReviewer, type LoadedSession } from "@/lib/labeling/sessions/access";
import { createLabelingSession } from "@/lib/labeling/sessions/service";
import { resolveAgent } from "@/lib/agents/service";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import {
  answer,
  PAIRWISE_GENERATE_ATTEMPTS,
  PAIRWISE_GENERATE_JOB,
  recordAnswer,
  type TGeneratePayload,
} from "./generate";
import {
  COMPARISON_ID_KEY,
  OTHER_TRACE_KEY,
  PAIRWISE_ASSESSMENT,
  VERSION_KEY,
  type CompareNextDto,
  type ComparePairDto,
  type PairwiseGenerationDto,
  type PairwiseResultsDto,
  type PairwiseSessionDto,
  type SideAnswers,
  type TCreateAgentComparisonBody,
  type TCreatePairwiseSessionBody,
  type TSubmitComparisonBody,
  type TAskBothAgentsBody,
  MAX_AGENT_COMPARISON_INPUTS,
} from "./schemas";
import { winRates, type PairwiseChoice } from "./win-rates";

/** Most pairs one session holds. */
export const MAX_PAIRS = 2000;

/** Pairs with both answers recorded: the ones reviewers compare. */
const READY = { traceIdA: { not: null }, traceIdB: { not: null } } as const;

const parse = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A stable text for a JSON value (keys sorted), to match rows by identical inputs. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

async function loadRun(experimentId: string, id: string, field: string) {
  const run = await db().evaluationRun.findUnique({
    where: { id },
    include: { datasetVersion: { select: { datasetId: true } } },
  });
  if (!run || run.experimentId !== experimentId)
    throw new ValidationError(`Evaluation run '${id}' is not a run of this experiment`, {
      issues: [{ path: `body.${field}`, message: "must be an evaluation run of the experiment" }],
    });
  return run;
}

type CompareSessionBody = Pick<
  TCreatePairwiseSessionBody,
  "experimentId" | "name" | "labelSchemas" | "assignedUsers" | "openToAllReviewers"
>;

/**
 * The labeling session of a compare session with its PairwiseSession row and pairs, all in the
 * session's own transaction: a compare session never exists without its pairs. Each pair's
 * left/right order is drawn here once and stored, so the reviewer's "left" always means the same
 * version; the pairs' traces (when already known) join the session's run, as every item's trace does.
 */
async function createCompareSession(
  actor: Actor,
  body: CompareSessionBody,
  pairwise: Omit<Prisma.PairwiseSessionUncheckedCreateInput, "sessionId">,
  pairs: { inputs: string; traceIdA?: string; traceIdB?: string }[],
) {
  return createLabelingSession(
    actor,
    {
      experimentId: body.experimentId,
      name: body.name,
      labelSchemas: body.labelSchemas,
      assignedUsers: body.assignedUsers,
      labelsPerItem: 1,
      openToAllReviewers: body.openToAllReviewers,
    },
    {
      runTags: [{ key: "tracelight.labelingMode", value: "compare" }],
      alsoWrite: async (tx, created) => {
        await tx.pairwiseSession.create({ data: { ...pairwise, sessionId: created.id } });
        await tx.pairwisePair.createMany({
          data: pairs.map((p, position) => ({
            id: newId(),
            sessionId: created.id,
            position,
            ...p,
            leftIsA: randomInt(2) === 0,
          })),
        });
        const traceIds = [...new Set(pairs.flatMap((p) => [p.traceIdA, p.traceIdB]).filter((t) => t != null))];
        if (traceIds.length)
          await tx.traceRunLink.createMany({ data: traceIds.map((traceId) => ({ traceId, runId: created.runId })) });
      },
    },
  );
}

/** Creates a compare session from two evaluation runs of the same dataset (Developer/Admin). */
export async function createPairwiseSession(
  actor: Actor,
  body: TCreatePairwiseSessionBody,
): Promise<PairwiseSessionDto> {
  requireRole(actor, "DEVELOPER");
  if (body.evaluationRunIdA === body.evaluationRunIdB)
    throw new ValidationError("Compare two different evaluation runs", {
      issues: [{ path: "body.evaluationRunIdB", message: "must differ from evaluationRunIdA" }],
    });
  const a = await loadRun(body.experimentId, body.evaluationRunIdA, "evaluationRunIdA");
  const b = await loadRun(body.experimentId, body.evaluationRunIdB, "evaluationRunIdB");
  const dsA = a.datasetVersion?.datasetId;
  if (!dsA || dsA !== b.datasetVersion?.datasetId)
    throw new ValidationError("The two evaluation runs must be runs of the same dataset", {
      issues: [{ path: "body.evaluationRunIdB", message: "must be a run of the same dataset as evaluationRunIdA" }],
    });
  const rows = (runId: string) =>
    db().evaluationRunRow.findMany({
      where: { evaluationRunId: runId, traceId: { not: null } },
      orderBy: { position: "asc" },
      select: { datasetRecordId: true, traceId: true, inputs: true },
    });
  const [rowsA, rowsB] = await Promise.all([rows(a.id), rows(b.id)]);
  // Match by dataset record, else by identical inputs; each row of B is used once.
  const keyOf = (r: { datasetRecordId: string | null; inputs: string }) =>
    r.datasetRecordId ? `record:${r.datasetRecordId}` : `inputs:${canonicalJson(parse(r.inputs))}`;
  const freeB = new Map<string, (typeof rowsB)[number][]>();
  for (const r of rowsB) freeB.set(keyOf(r), [...(freeB.get(keyOf(r)) ?? []), r]);
  const pairs: { a: (typeof rowsA)[number]; b: (typeof rowsB)[number] }[] = [];
  for (const r of rowsA) {
    const match = freeB.get(keyOf(r))?.shift();
    if (match && pairs.length < MAX_PAIRS) pairs.push({ a: r, b: match });
  }
  if (!pairs.length)
    throw new ValidationError("The two runs have no rows answering the same input, so there is nothing to compare", {
      issues: [{ path: "body.evaluationRunIdB", message: "has no row matching a row of evaluationRunIdA" }],
    });
  const session = await createCompareSession(
    actor,
    body,
    { evaluationRunIdA: a.id, evaluationRunIdB: b.id, labelA: a.name, labelB: b.name },
    pairs.map((p) => ({ inputs: p.a.inputs, traceIdA: p.a.traceId!, traceIdB: p.b.traceId! })),
  );
  return {
    sessionId: session.id,
    name: session.name,
    experimentId: body.experimentId,
    labelA: a.name,
    labelB: b.name,
    pairCount: pairs.length,
    unpaired: rowsA.length + rowsB.length - 2 * pairs.length,
    generation: { source: "runs", status: "READY", ready: pairs.length, total: pairs.length, error: null },
  };
}

async function loadAgentOf(experimentId: string, id: string, field: string) {
  const agent = await db().agent.findUnique({ where: { id }, select: { id: true, name: true, experimentId: true } });
  if (!agent || agent.experimentId !== experimentId)
    throw new ValidationError(`Agent '${id}' is not an agent of this experiment`, {
      issues: [{ path: `body.${field}`, message: "must be an agent of the experiment" }],
    });
  return agent;
}

/** The inputs of an agents comparison: the typed questions, or the records of a dataset's current version. */
async function comparisonInputs(body: TCreateAgentComparisonBody): Promise<string[]> {
  if (!body.datasetId) return (body.inputs ?? []).map((q) => JSON.stringify(q));
  const ds = await db().evaluationDataset.findUnique({ where: { id: body.datasetId } });
  if (!ds || ds.experimentId !== body.experimentId)
    throw new ValidationError(`Dataset '${body.datasetId}' is not a dataset of this experiment`, {
      issues: [{ path: "body.datasetId", message: "must be a dataset of the experiment" }],
    });
  const records = await db().evaluationDatasetRecord.findMany({
    where: { version: { datasetId: ds.id, version: ds.currentVersion } },
    orderBy: { position: "asc" },
    take: MAX_AGENT_COMPARISON_INPUTS + 1,
    select: { inputs: true },
  });
  if (records.length > MAX_AGENT_COMPARISON_INPUTS)
    throw new ValidationError(`An agents comparison calls at most ${MAX_AGENT_COMPARISON_INPUTS} inputs`, {
      issues: [{ path: "body.datasetId", message: `has more than ${MAX_AGENT_COMPARISON_INPUTS} records` }],
    });
  if (!records.length)
    throw new ValidationError("The dataset has no records to ask the agents", {
      issues: [{ path: "body.datasetId", message: "has no records" }],
    });
  return records.map((r) => r.inputs);
}

/**
 * Creates a compare session from two agents of the experiment and a list of inputs (Developer/
 * Admin): one pair per input, empty until the job `pairwise.generate` has called both agents and
 * recorded their answers as traces. Answers at once; the session reports the job's progress.
 */
export async function createAgentComparison(
  actor: Actor,
  body: TCreateAgentComparisonBody,
): Promise<PairwiseSessionDto> {
  requireRole(actor, "DEVELOPER");
  const a = await loadAgentOf(body.experimentId, body.agentIdA, "agentIdA");
  const b = await loadAgentOf(body.experimentId, body.agentIdB, "agentIdB");
  const inputs = await comparisonInputs(body);
  const session = await createCompareSession(
    actor,
    body,
    { agentIdA: a.id, agentIdB: b.id, labelA: a.name, labelB: b.name, status: "GENERATING" },
    inputs.map((text) => ({ inputs: text })),
  );
  const payload: TGeneratePayload = { sessionId: session.id, inputKey: body.inputKey ?? null };
  await enqueueJob(PAIRWISE_GENERATE_JOB, payload, {
    singletonKey: session.id,
    maxAttempts: PAIRWISE_GENERATE_ATTEMPTS,
  });
  return {
    sessionId: session.id,
    name: session.name,
    experimentId: body.experimentId,
    labelA: a.name,
    labelB: b.name,
    pairCount: inputs.length,
    unpaired: 0,
    generation: { source: "agents", status: "GENERATING", ready: 0, total: inputs.length, error: null },
  };
}

type PwRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["pairwiseSession"]["findUnique"]>>>;

async function generationOf(pw: PwRow): Promise<PairwiseGenerationDto> {
  const [total, ready] = await Promise.all([
    db().pairwisePair.count({ where: { sessionId: pw.sessionId } }),
    db().pairwisePair.count({ where: { sessionId: pw.sessionId, ...READY } }),
  ]);
  return {
    source: pw.agentIdA ? "agents" : "runs",
    status: pw.status === "GENERATING" ? "GENERATING" : pw.status === "FAILED" ? "FAILED" : "READY",
    ready,
    total,
    error: pw.error,
  };
}

/** The compare side of a labeling session, or null when the session is an ordinary one. */
export async function pairwiseModeOf(
  sessionId: string,
): Promise<{ labelA: string; labelB: string; pairCount: number } | null> {
  const pw = await db().pairwiseSession.findUnique({ where: { sessionId }, select: { labelA: true, labelB: true } });
  return pw ? { ...pw, pairCount: await db().pairwisePair.count({ where: { sessionId } }) } : null;
}

async function loadCompare(actor: Actor, sessionId: string) {
  const session = await loadSessionForReviewer(actor, sessionId);
  const pw = await db().pairwiseSession.findUnique({ where: { sessionId } });
  if (!pw) throw new NotFoundError(`Labeling session '${sessionId}' is not a comparison session`);
  return { session, pw };
}

type PairRow = Awaited<ReturnType<ReturnType<typeof db>["pairwisePair"]["findMany"]>>[number];
/** A pair with both answers recorded. */
type ReadyPair = PairRow & { traceIdA: string; traceIdB: string };

const choiceOf = (value: unknown): PairwiseChoice => (value === "win" ? "A" : value === "loss" ? "B" : "tie");

/** The reviewer's own choice on each pair, read from their assessments on the A traces. */
async function myChoices(runId: string, userId: string, pairs: ReadyPair[]) {
  const rows = pairs.length
    ? await db().assessment.findMany({
        where: {
          traceId: { in: pairs.map((p) => p.traceIdA) },
          name: PAIRWISE_ASSESSMENT,
          createdById: userId,
          runId,
          valid: true,
        },
        select: { metadata: true, value: true, rationale: true },
      })
    : [];
  const out = new Map<string, { choice: PairwiseChoice; rationale: string | null }>();
  for (const r of rows) {
    const id = (parse(r.metadata) as Record<string, string>)[COMPARISON_ID_KEY];
    if (id) out.set(id, { choice: choiceOf(parse(r.value)), rationale: r.rationale });
  }
  return out;
}

const toSide = (choice: PairwiseChoice, leftIsA: boolean): "left" | "right" | "tie" =>
  choice === "tie" ? "tie" : (choice === "A") === leftIsA ? "left" : "right";

/** What a trace answered: an agent's text (or its error), an evaluation row's output. */
function answerText(o: unknown): unknown {
  if (!o || typeof o !== "object") return o;
  const r = o as Record<string, unknown>;
  if ("output" in r) return r.output;
  if (typeof r.content === "string") return r.content;
  if (typeof r.error === "string") return `The agent failed: ${r.error}`;
  return o;
}

async function toPairDto(
  session: LoadedSession,
  userId: string,
  pair: ReadyPair,
  mine: { choice: PairwiseChoice; rationale: string | null } | undefined,
) {
  const traceIds = [pair.traceIdA, pair.traceIdB];
  const names = session.schemaDtos.map((d) => d.name);
  const [rows, labels] = await Promise.all([
    db().span.findMany({
      where: { traceId: { in: traceIds }, parentSpanId: null },
      select: { traceId: true, outputs: true },
    }),
    names.length
      ? db().assessment.findMany({
          where: {
            traceId: { in: traceIds },
            name: { in: names },
            createdById: userId,
            runId: session.runId,
            valid: true,
          },
          select: { traceId: true, name: true, value: true, rationale: true },
        })
      : [],
  ]);
  const side = (traceId: string) => ({
    traceId,
    output: answerText(parse(rows.find((r) => r.traceId === traceId)?.outputs ?? null)),
  });
  const answersOn = (traceId: string): SideAnswers =>
    Object.fromEntries(
      labels.filter((l) => l.traceId === traceId).map((l) => [l.name, { value: parse(l.value), comment: l.rationale }]),
    );
  const [left, right] = pair.leftIsA ? [pair.traceIdA, pair.traceIdB] : [pair.traceIdB, pair.traceIdA];
  const dto: ComparePairDto = {
    pairId: pair.id,
    position: pair.position,
    inputs: parse(pair.inputs),
    left: side(left),
    right: side(right),
    mine: mine ? { choice: toSide(mine.choice, pair.leftIsA), rationale: mine.rationale } : null,
    answers: { left: answersOn(left), right: answersOn(right) },
  };
  return dto;
}

const readyPairs = (sessionId: string) =>
  db().pairwisePair.findMany({
    where: { sessionId, ...READY },
    orderBy: { position: "asc" },
    take: MAX_PAIRS,
  }) as Promise<ReadyPair[]>;

/**
 * The reviewer's next pair without a choice of theirs (or a given pair), their progress over the
 * pairs ready so far, the questions per side, and how far the agents' answering has come.
 */
export async function getNextComparison(actor: Actor, sessionId: string, pairId?: string): Promise<CompareNextDto> {
  const { session, pw } = await loadCompare(actor, sessionId);
  const pairs = await readyPairs(sessionId);
  const mine = await myChoices(session.runId, actor.userId, pairs);
  const pick = pairId ? pairs.find((p) => p.id === pairId) : pairs.find((p) => !mine.has(p.id));
  if (pairId && !pick) throw new NotFoundError(`Pair '${pairId}' is not in this session (or not answered yet)`);
  return {
    sessionId,
    sessionName: session.name,
    pair: pick ? await toPairDto(session, actor.userId, pick, mine.get(pick.id)) : null,
    progress: { done: mine.size, total: pairs.length },
    schemas: session.schemaDtos,
    generation: await generationOf(pw),
  };
}

/** The answers for one side, checked against the session's schemas (paths name the side). */
function checkSide(session: LoadedSession, side: "left" | "right", answers: Record<string, unknown> | undefined) {
  if (!answers || !Object.keys(answers).length) return {};
  const result = validateAnswers(session.definitions, answers);
  if (!result.ok)
    throw new ValidationError(
      `Invalid answers for ${side === "left" ? "response A" : "response B"}: ${result.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      {
        issues: result.issues.map((i) => ({
          path: `body.answers.${side}.${i.path.replace(/^answers\./, "")}`,
          message: i.message,
        })),
      },
    );
  return result.answers;
}

/**
 * Stores the reviewer's choice on a pair: on each trace an assessment `pairwise_preference`
 * ("win" | "loss" | "tie" for that trace), with the rationale, the comparison id, the other trace
 * and the version; the answers to the session's schemas for each side as assessments on that
 * side's trace (same metadata). Choosing again changes the reviewer's own assessments only.
 */
export async function submitComparison(
  actor: Actor,
  sessionId: string,
  pairId: string,
  body: TSubmitComparisonBody,
): Promise<CompareNextDto> {
  const { session } = await loadCompare(actor, sessionId);
  const found = await db().pairwisePair.findFirst({ where: { id: pairId, sessionId, ...READY } });
  if (!found) throw new NotFoundError(`Pair '${pairId}' is not in this session (or not answered yet)`);
  const pair = found as ReadyPair;
  const left = checkSide(session, "left", body.answers?.left);
  const right = checkSide(session, "right", body.answers?.right);
  const answersFor = (side: "A" | "B") => ((side === "A") === pair.leftIsA ? left : right);
  const kindOf = new Map(session.schemaDtos.map((d) => [d.name, d.type === "feedback" ? "FEEDBACK" : "EXPECTATION"]));
  const choice: PairwiseChoice = body.choice === "tie" ? "tie" : (body.choice === "left") === pair.leftIsA ? "A" : "B";
  const outcome = (side: "A" | "B") => (choice === "tie" ? "tie" : choice === side ? "win" : "loss");
  await db().$transaction(async (tx) => {
    for (const side of ["A", "B"] as const) {
      const traceId = side === "A" ? pair.traceIdA : pair.traceIdB;
      const common = {
        traceId,
        source: { sourceType: "HUMAN", sourceId: actor.email },
        runId: session.runId,
        createdById: actor.userId,
        metadata: {
          [LABELING_SESSION_METADATA_KEY]: session.id,
          [COMPARISON_ID_KEY]: pair.id,
          [OTHER_TRACE_KEY]: side === "A" ? pair.traceIdB : pair.traceIdA,
          [VERSION_KEY]: side,
        },
      };
      await upsertUserAssessment(tx, {
        ...common,
        name: PAIRWISE_ASSESSMENT,
        kind: "FEEDBACK",
        value: outcome(side),
        rationale: body.rationale?.trim() || null,
      });
      for (const [name, answer] of Object.entries(answersFor(side)))
        await upsertUserAssessment(tx, {
          ...common,
          name,
          kind: kindOf.get(name) === "FEEDBACK" ? "FEEDBACK" : "EXPECTATION",
          value: answer.value,
          rationale: answer.comment ?? null,
        });
    }
  });
  return getNextComparison(actor, sessionId);
}

/**
 * Win rates per version (95% Wilson intervals, ties half a win) over every reviewer's choices,
 * and Cohen's κ between the first two reviewers on the pairs both compared (Developer/Admin).
 */
export async function getPairwiseResults(actor: Actor, sessionId: string): Promise<PairwiseResultsDto> {
  requireRole(actor, "DEVELOPER");
  const { session, pw } = await loadCompare(actor, sessionId);
  const pairs = await readyPairs(sessionId);
  const rows = pairs.length
    ? await db().assessment.findMany({
        where: {
          traceId: { in: pairs.map((p) => p.traceIdA) },
          name: PAIRWISE_ASSESSMENT,
          runId: session.runId,
          valid: true,
        },
        select: { metadata: true, value: true, sourceId: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const byPair = new Map<string, Map<string, PairwiseChoice>>();
  for (const r of rows) {
    const id = (parse(r.metadata) as Record<string, string>)[COMPARISON_ID_KEY];
    if (!id) continue;
    const c = choiceOf(parse(r.value));
    if (!byPair.has(id)) byPair.set(id, new Map());
    byPair.get(id)!.set(r.sourceId, c);
  }
  const choices = [...byPair.values()].flatMap((m) => [...m.values()]);
  const counts = new Map<string, number>();
  for (const m of byPair.values()) for (const who of m.keys()) counts.set(who, (counts.get(who) ?? 0) + 1);
  const reviewers = [...counts].map(([email, compared]) => ({ email, compared }));
  let agreement: PairwiseResultsDto["agreement"] = null;
  if (reviewers.length >= 2) {
    const raters: [string, string] = [reviewers[0].email, reviewers[1].email];
    const items = [...byPair].map(([itemId, m]) => ({
      itemId,
      ratings: raters.map((raterId) => ({ raterId, value: m.get(raterId) })),
    }));
    const k = cohenKappa(items, raters);
    if (k.itemCount > 0)
      agreement = {
        raters,
        pairs: k.itemCount,
        observedAgreement: k.observedAgreement,
        kappa: Number.isFinite(k.kappa) ? k.kappa : null,
      };
  }
  return {
    sessionId,
    labelA: pw.labelA,
    labelB: pw.labelB,
    pairCount: pairs.length,
    generation: await generationOf(pw),
    winRates: winRates(choices, { A: pw.labelA, B: pw.labelB }),
    agreement,
    reviewers,
    schemaAnswers: await schemaAnswersByVersion(session, pairs),
  };
}

/** Every reviewer's answers to the session's schemas, counted per version and value. */
async function schemaAnswersByVersion(
  session: LoadedSession,
  pairs: ReadyPair[],
): Promise<PairwiseResultsDto["schemaAnswers"]> {
  if (!session.schemaDtos.length || !pairs.length) return [];
  const version = new Map<string, "A" | "B">();
  for (const p of pairs) version.set(p.traceIdA, "A").set(p.traceIdB, "B");
  const rows = await db().assessment.findMany({
    where: {
      traceId: { in: [...version.keys()] },
      name: { in: session.schemaDtos.map((d) => d.name) },
      runId: session.runId,
      valid: true,
    },
    select: { traceId: true, name: true, value: true },
  });
  return session.schemaDtos.map((d) => {
    const counts = { A: {} as Record<string, number>, B: {} as Record<string, number> };
    for (const r of rows) {
      if (r.name !== d.name) continue;
      const v = parse(r.value);
      for (const key of Array.isArray(v) ? v.map(String) : [typeof v === "string" ? v : JSON.stringify(v)]) {
        const bucket = counts[version.get(r.traceId)!];
        bucket[key] = (bucket[key] ?? 0) + 1;
      }
    }
    return { name: d.name, title: d.title, ...counts };
  });
}

/**
 * A live question to both agents of an agents comparison: the reviewer's message goes to the two
 * agents at once, each answer is recorded as a trace (the reviewer as its user; an ERROR trace when
 * an agent fails), and the two become a new pair of the session in a random left/right order,
 * returned as the pair to compare now. Other reviewers of the session get it in their queue too.
 */
export async function askBothAgents(
  actor: Actor,
  sessionId: string,
  body: TAskBothAgentsBody,
): Promise<CompareNextDto> {
  const { session, pw } = await loadCompare(actor, sessionId);
  if (!pw.agentIdA || !pw.agentIdB)
    throw new ValidationError("Only a comparison of two agents can be asked live", {
      issues: [{ path: "sessionId", message: "compares two evaluation runs, not two agents" }],
    });
  const [agentA, agentB] = await Promise.all([resolveAgent(pw.agentIdA), resolveAgent(pw.agentIdB)]);
  if (!agentA || !agentB)
    throw new ConflictError(`Agent '${!agentA ? pw.labelA : pw.labelB}' was deleted; this comparison cannot ask it.`);
  if ((await db().pairwisePair.count({ where: { sessionId } })) >= MAX_PAIRS)
    throw new ConflictError(`A comparison holds at most ${MAX_PAIRS} pairs.`);
  const network = await loadNetworkPolicy();
  const [a, b] = await Promise.all([
    answer(agentA, body.message, network).then((r) => ({ ...r, agent: agentA })),
    answer(agentB, body.message, network).then((r) => ({ ...r, agent: agentB })),
  ]);
  const pairId = newId();
  await db().$transaction(
    async (tx) => {
      await recordAnswer(tx, session, a, actor.email);
      await recordAnswer(tx, session, b, actor.email);
      const last = await tx.pairwisePair.findFirst({
        where: { sessionId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      await tx.pairwisePair.create({
        data: {
          id: pairId,
          sessionId,
          position: (last?.position ?? -1) + 1,
          inputs: JSON.stringify(body.message),
          traceIdA: a.traceId,
          traceIdB: b.traceId,
          leftIsA: randomInt(2) === 0,
        },
      });
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return getNextComparison(actor, sessionId, pairId);
}
