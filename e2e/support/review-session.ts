import { expect, type APIRequestContext } from "@playwright/test";

/** The demo experiment's id (created by `npm start` on a fresh data folder). */
export async function demoExperimentId(api: APIRequestContext): Promise<string> {
  const { experiments } = await (await api.get("/api/experiments?take=1000")).json();
  return (experiments as { id: string; name: string }[]).find((e) => e.name === "Demo: Acme support assistant")!.id;
}

/**
 * Builds a labeling session (one categorical schema) over `traceIds`, assigned to `reviewers`,
 * through the admin API; reviewers may read exactly those traces.
 */
export async function reviewSessionFor(
  admin: APIRequestContext,
  opts: { experimentId: string; traceIds: string[]; reviewers: string[]; labelsPerItem?: number; reveal?: boolean },
): Promise<{ id: string; schema: string }> {
  const schema = `scope_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const created = await admin.post("/api/labeling/schemas", {
    data: {
      experimentId: opts.experimentId,
      name: schema,
      type: "feedback",
      title: "Correct?",
      enableComment: true,
      input: { type: "categorical", options: ["yes", "no"] },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const session = await admin.post("/api/labeling/sessions", {
    data: {
      experimentId: opts.experimentId,
      name: `scope ${schema}`,
      labelSchemas: [schema],
      assignedUsers: opts.reviewers,
      labelsPerItem: opts.labelsPerItem ?? 1,
      revealLabelsAfterSubmit: opts.reveal ?? false,
    },
  });
  expect(session.status(), await session.text()).toBe(200);
  const { id } = await session.json();
  const items = await admin.post(`/api/labeling/sessions/${id}/items`, { data: { traceIds: opts.traceIds } });
  expect(items.status(), await items.text()).toBe(200);
  return { id, schema };
}
