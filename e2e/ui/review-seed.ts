/**
 * Test data for the accessibility and keyboard specs: an experiment of RAG traces and a labeling
 * session over them with one categorical question, assigned to the e2e reviewer (all through the API).
 */
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E } from "../support/env";
import { createExperiment, ragSpec, seedTrace } from "./traces-seed";

export async function seedReviewSession(api: APIRequestContext, prefix: string, items = 3) {
  const experimentId = await createExperiment(api, prefix);
  const traceIds: string[] = [];
  for (let i = 0; i < items; i++)
    traceIds.push(
      await seedTrace(
        ragSpec(experimentId, { question: `Question ${i + 1}?`, answer: `Answer ${i + 1}.`, minutesAgo: i + 1 }),
      ),
    );
  const schemaName = `${prefix.replace(/[^a-z0-9_]/gi, "_")}_quality`;
  const schema = await api.post("/api/labeling/schemas", {
    data: {
      experimentId,
      name: schemaName,
      type: "feedback",
      title: "Is the answer good?",
      input: { type: "categorical", options: ["Good", "Bad"] },
    },
  });
  expect(schema.status(), await schema.text()).toBe(200);
  const session = await api.post("/api/labeling/sessions", {
    data: {
      experimentId,
      name: `${prefix} session`,
      labelSchemas: [schemaName],
      assignedUsers: [E2E.reviewer.email],
    },
  });
  expect(session.status(), await session.text()).toBe(200);
  const { id: sessionId, url } = (await session.json()) as { id: string; url: string };
  const added = await api.post(`/api/labeling/sessions/${sessionId}/items`, { data: { traceIds } });
  expect(added.status(), await added.text()).toBe(200);
  return { experimentId, traceIds, sessionId, reviewPath: url, schemaName };
}
