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
      experiment_id: opts.experimentId,
      name: schema,
      type: "feedback",
      title: "Correct?",
      enable_comment: true,
      input: { type: "categorical", options: ["yes", "no"] },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const session = await admin.post("/api/labeling/sessions", {
    data: {
      experiment_id: opts.experimentId,
      name: `scope ${schema}`,
      label_schemas: [schema],
      assigned_users: opts.reviewers,
      labels_per_item: opts.labelsPerItem ?? 1,
      reveal_labels_after_submit: opts.reveal ?? false,
    },
  });
  expect(session.status(), await session.text()).toBe(200);
  const { id } = await session.json();
  const items = await admin.post(`/api/labeling/sessions/${id}/items`, { data: { trace_ids: opts.traceIds } });
  expect(items.status(), await items.text()).toBe(200);
  return { id, schema };
}
