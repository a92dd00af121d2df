/**
 * Factories for labeling data-layer tests: users of a role, traces, and a session with a
 * categorical, a numeric and an expectation question.
 */
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { createLabelSchema } from "@/lib/labeling/label-schemas/service";
import { createLabelingSession } from "@/lib/labeling/sessions/service";
import { addSessionItems } from "@/lib/labeling/items/service";
import { db, makeExperiment, uniqueName } from "@/test/db";

export async function makeUser(role: Role): Promise<Actor> {
  const email = `${uniqueName(role.toLowerCase())}@test.local`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-enough-password" } as never);
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

export async function makeTrace(
  experimentId: string,
  i: number,
  extra: { metadata?: Record<string, string>; expectation?: { name: string; value: unknown } } = {},
): Promise<string> {
  return insertTrace(db(), {
    experimentId,
    timestampMs: 1_700_000_000_000 + i * 1000,
    root: {
      name: "chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 10,
      inputs: { question: `q${i}` },
      outputs: { answer: `a${i}` },
    },
    metadata: extra.metadata,
    assessments: extra.expectation
      ? [
          {
            name: extra.expectation.name,
            kind: "EXPECTATION",
            value: extra.expectation.value as never,
            sourceType: "HUMAN",
            sourceId: "domain-expert",
          },
        ]
      : [],
  });
}

/** A session over `traces` new traces asking `verdict` (categorical), `score` (numeric 0–10) and `ideal` (expectation text). */
export async function makeSession(admin: Actor, opts: { traces: number; labelsPerItem: number; reviewers: Actor[] }) {
  const exp = await makeExperiment();
  const traceIds: string[] = [];
  for (let i = 0; i < opts.traces; i++) traceIds.push(await makeTrace(exp.id, i));
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: "verdict",
    type: "expectation",
    title: "Verdict",
    enableComment: true,
    overwrite: false,
    input: { type: "categorical", options: ["good", "bad"] },
  });
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: "score",
    type: "feedback",
    title: "Score",
    enableComment: false,
    overwrite: false,
    input: { type: "numeric", minValue: 0, maxValue: 10 },
  });
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: "ideal",
    type: "expectation",
    title: "Ideal response",
    enableComment: false,
    overwrite: false,
    input: { type: "text" },
  });
  const session = await createLabelingSession(admin, {
    experimentId: exp.id,
    name: uniqueName("session"),
    labelSchemas: ["verdict", "score", "ideal"],
    assignedUsers: opts.reviewers.map((r) => r.email),
    labelsPerItem: opts.labelsPerItem,
    openToAllReviewers: false,
  });
  if (traceIds.length) await addSessionItems(admin, session.id, { traceIds: traceIds });
  const items = await db().labelingItem.findMany({ where: { sessionId: session.id }, orderBy: { position: "asc" } });
  return { exp, traceIds, session, items };
}
