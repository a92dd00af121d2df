/**
 * MLflow 3.14–3.17's label-schema and review-queue REST (mlflow-api.md §4.4) against our
 * labeling sessions: every RPC with the 3.17 request bodies kept in fixtures/, MLflow's shapes
 * and id prefixes, idempotency, and bad input (unknown or *_UNSPECIFIED enums, missing fields,
 * a type change, 11 users) answered 400 `{error_code, message}` naming the field, with nothing
 * written. The same queue is visible as a labeling session in our own API.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { E2E } from "../support/env";
import { createExperiment, mlflowApi } from "./mlflow-client";

const hex = (n: number) => randomBytes(n).toString("hex");
const FIXTURES = JSON.parse(
  fs.readFileSync(new URL("./fixtures/mlflow-labeling-3.17.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** A fixture body with its `$NAME` placeholders filled in. */
function body(name: string, vars: Record<string, string>): Record<string, unknown> {
  const text = JSON.stringify(FIXTURES[name]).replace(/"\$([A-Z_0-9]+)"/g, (_m, k: string) =>
    JSON.stringify(vars[k] ?? `$${k}`),
  );
  return JSON.parse(text) as Record<string, unknown>;
}

async function sendTrace(api: APIRequestContext, experimentId: string): Promise<string> {
  const traceHex = hex(16);
  const span = {
    traceId: traceHex,
    spanId: hex(8),
    name: "chat",
    startTimeUnixNano: "1700000000000000000",
    endTimeUnixNano: "1700000000250000000",
    status: { code: 1 },
  };
  const res = await api.post("/v1/traces", {
    data: { resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] },
    headers: { "x-mlflow-experiment-id": experimentId },
  });
  expect(res.status(), await res.text()).toBe(200);
  return `tr-${traceHex}`;
}

type Wire = Record<string, any>;
const P = "/api/3.0/mlflow";

async function ok(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<Wire> {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Wire;
}

async function bad(res: Awaited<ReturnType<APIRequestContext["get"]>>, field: string, status = 400) {
  expect(res.status(), await res.text()).toBe(status);
  const b = (await res.json()) as { error_code: string; message: string };
  expect(b.error_code).toBe(status === 404 ? "RESOURCE_DOES_NOT_EXIST" : "INVALID_PARAMETER_VALUE");
  expect(b.message).toContain(field);
  return b;
}

test("label schemas: create, get, get-by-name, list, update, upsert, delete with MLflow's shapes", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "ls");
  const vars = { EXP: exp };
  const created = (
    await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_feedback_schema", vars) }))
  ).label_schema;
  expect(created).toMatchObject({
    experiment_id: exp,
    name: "response_accuracy",
    type: "FEEDBACK",
    title: "Is the response factually accurate?",
    instruction: "Check every claim against the sources.",
    enable_comment: true,
    input: {
      categorical: {
        options: ["Accurate", "Partially Accurate", "Inaccurate"],
        semantic_polarity: "ASCENDING",
        multi_select: false,
      },
    },
    created_by: E2E.developer.email,
  });
  expect(created.schema_id).toMatch(/^ls-/);
  expect(typeof created.created_at).toBe("number");
  expect(typeof created.updated_at).toBe("number");

  const passFail = (
    await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_pass_fail_schema", vars) }))
  ).label_schema;
  expect(passFail.input).toEqual({ pass_fail: { positive_label: "Helpful", negative_label: "Not helpful" } });
  const numeric = (await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_numeric_schema", vars) })))
    .label_schema;
  expect(numeric.input).toEqual({ numeric: { min_value: 1, max_value: 5 } });
  const expectation = (
    await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_expectation_schema", vars) }))
  ).label_schema;
  expect(expectation).toMatchObject({ type: "EXPECTATION", input: { text: { max_length: 2000 } } });

  // A second create of the same name is RESOURCE_ALREADY_EXISTS.
  const dup = await api.post(`${P}/label-schemas/create`, { data: body("create_feedback_schema", vars) });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error_code).toBe("RESOURCE_ALREADY_EXISTS");

  const got = (await ok(await api.get(`${P}/label-schemas/get?schema_id=${created.schema_id}`))).label_schema;
  expect(got).toEqual(created);
  // /ajax-api serves the same table.
  const byName = (
    await ok(await api.get(`/ajax-api/3.0/mlflow/label-schemas/get-by-name?experiment_id=${exp}&name=helpful`))
  ).label_schema;
  expect(byName.schema_id).toBe(passFail.schema_id);

  const page1 = await ok(await api.get(`${P}/label-schemas/list?experiment_id=${exp}&max_results=3`));
  expect(page1.label_schemas).toHaveLength(3);
  expect(page1.next_page_token).toBeTruthy();
  const page2 = await ok(
    await api.get(`${P}/label-schemas/list?experiment_id=${exp}&max_results=3&page_token=${page1.next_page_token}`),
  );
  expect(page2.label_schemas).toHaveLength(1);
  expect(page2.next_page_token).toBeUndefined();

  // Sparse update: "" is a real value; untouched fields stay.
  const updated = (
    await ok(
      await api.patch(`${P}/label-schemas/update`, { data: body("update_schema", { SCHEMA: created.schema_id }) }),
    )
  ).label_schema;
  expect(updated).toMatchObject({ title: "Is it accurate?", instruction: "", enable_comment: true });
  expect(updated.input).toEqual(created.input);

  const upserted = (await ok(await api.post(`${P}/label-schemas/upsert`, { data: body("upsert_schema", vars) })))
    .label_schema;
  expect(upserted).toMatchObject({ schema_id: numeric.schema_id, title: "Quality (1-10)" });
  expect(upserted.input).toEqual({ numeric: { min_value: 1, max_value: 10 } });
  // Upsert of a new name creates.
  const fresh = (
    await ok(await api.post(`${P}/label-schemas/upsert`, { data: { ...body("upsert_schema", vars), name: "fresh" } }))
  ).label_schema;
  expect(fresh.schema_id).not.toBe(numeric.schema_id);

  // Delete is idempotent.
  expect(
    await ok(
      await api.delete(`${P}/label-schemas/delete`, { data: body("delete_schema", { SCHEMA: fresh.schema_id }) }),
    ),
  ).toEqual({});
  expect(
    await ok(
      await api.delete(`${P}/label-schemas/delete`, { data: body("delete_schema", { SCHEMA: fresh.schema_id }) }),
    ),
  ).toEqual({});
  await bad(await api.get(`${P}/label-schemas/get?schema_id=${fresh.schema_id}`), fresh.schema_id.slice(3), 404);
  await api.dispose();
});

test("label schemas: bad input is a 400 naming the field, and nothing is written", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "ls-bad");
  const good = body("create_feedback_schema", { EXP: exp });
  const post = (data: Record<string, unknown>) => api.post(`${P}/label-schemas/create`, { data });

  await bad(await post({ ...good, type: "LABEL_SCHEMA_TYPE_UNSPECIFIED" }), "body.type");
  await bad(await post({ ...good, type: "OPINION" }), "body.type");
  await bad(await post({ ...good, type: 0 }), "body.type");
  const { title: _t, ...noTitle } = good;
  await bad(await post(noTitle), "body.title");
  const { input: _i, ...noInput } = good;
  await bad(await post(noInput), "body.input");
  await bad(await post({ ...good, input: {} }), "body.input");
  await bad(await post({ ...good, input: { categorical: { options: ["a"] }, numeric: {} } }), "body.input");
  await bad(
    await post({
      ...good,
      input: { categorical: { options: ["a"], semantic_polarity: "CATEGORICAL_SEMANTIC_POLARITY_UNSPECIFIED" } },
    }),
    "body.input.categorical.semantic_polarity",
  );
  await bad(await post({ ...good, input: { categorical: { options: [] } } }), "body.input.categorical.options");
  await bad(
    await post({ ...good, input: { numeric: { min_value: 5, max_value: 1 } } }),
    "body.input.numeric.min_value",
  );
  await bad(await post({ ...good, name: "has space" }), "body.name");
  const { experiment_id: _e, ...noExp } = good;
  await bad(await post(noExp), "body.experiment_id");
  // Nothing above was written.
  expect((await ok(await api.get(`${P}/label-schemas/list?experiment_id=${exp}`))).label_schemas).toEqual([]);

  // A type change through upsert or update is refused and leaves the schema as it was.
  const schema = (await ok(await post(good))).label_schema;
  const typeChange = await api.post(`${P}/label-schemas/upsert`, {
    data: { ...good, type: "EXPECTATION", title: "changed" },
  });
  await bad(typeChange, "type");
  await bad(
    await api.patch(`${P}/label-schemas/update`, { data: { schema_id: schema.schema_id, type: "EXPECTATION" } }),
    "type",
  );
  await bad(
    await api.patch(`${P}/label-schemas/update`, { data: { schema_id: schema.schema_id, title: "" } }),
    "body.title",
  );
  await bad(await api.patch(`${P}/label-schemas/update`, { data: { title: "x" } }), "body.schema_id");
  const after = (await ok(await api.get(`${P}/label-schemas/get?schema_id=${schema.schema_id}`))).label_schema;
  expect(after).toEqual(schema);
  await api.dispose();
});

test("review queues: every RPC over labeling sessions, items and status, idempotent where MLflow is", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "rq");
  const traces = [await sendTrace(api, exp), await sendTrace(api, exp)];
  const schema = (
    await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_feedback_schema", { EXP: exp }) }))
  ).label_schema;
  const vars = {
    EXP: exp,
    SCHEMA: schema.schema_id,
    USER: E2E.reviewer.email,
    TRACE_0: traces[0]!,
    TRACE_1: traces[1]!,
  };

  const queue = (await ok(await api.post(`${P}/review-queues/create`, { data: body("create_custom_queue", vars) })))
    .review_queue;
  expect(queue).toMatchObject({
    experiment_id: exp,
    name: "quickstart_review",
    queue_type: "CUSTOM",
    created_by: E2E.developer.email,
    users: [E2E.reviewer.email],
    schema_ids: [schema.schema_id],
  });
  expect(queue.queue_id).toMatch(/^rq-/);
  expect(typeof queue.creation_time_ms).toBe("number");
  const q = { ...vars, QUEUE: queue.queue_id };
  const dupName = await api.post(`${P}/review-queues/create`, { data: body("create_custom_queue", vars) });
  expect(dupName.status()).toBe(409);
  expect((await dupName.json()).error_code).toBe("RESOURCE_ALREADY_EXISTS");

  // The queue IS a labeling session: our API lists it with its run, items and reviewer.
  const sessionId = queue.queue_id.slice(3);
  const session = await ok(await api.get(`/api/labeling/sessions/${sessionId}`));
  expect(session).toMatchObject({ name: "quickstart_review", assignedUsers: [{ email: E2E.reviewer.email }] });

  expect((await ok(await api.get(`${P}/review-queues/get?queue_id=${queue.queue_id}`))).review_queue).toEqual(queue);
  expect(
    (await ok(await api.get(`${P}/review-queues/get-by-name?experiment_id=${exp}&name=quickstart_review`))).review_queue
      .queue_id,
  ).toBe(queue.queue_id);

  // Items: answered in request order; adding again keeps status.
  const added = (await ok(await api.post(`${P}/review-queues/items/add`, { data: body("add_items", q) }))).items;
  expect(added.map((i: { item_id: string }) => i.item_id)).toEqual([traces[1], traces[0]]);
  expect(added[0]).toMatchObject({ queue_id: queue.queue_id, item_type: "TRACE", status: "PENDING" });
  expect(added[0].completed_by).toBeUndefined();
  const linked = await ok(
    await api.post(`${P}/traces/search`, {
      data: {
        locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: exp } }],
        filter: `run_id = '${session.runId}'`,
      },
    }),
  );
  expect(linked.traces.map((t: { trace_id: string }) => t.trace_id).sort()).toEqual([...traces].sort());

  const done = (
    await ok(await api.post(`${P}/review-queues/items/set-status`, { data: body("set_status_complete", q) }))
  ).item;
  expect(done).toMatchObject({ item_id: traces[0], status: "COMPLETE", completed_by: E2E.reviewer.email });
  expect(typeof done.completed_time_ms).toBe("number");
  const again = (await ok(await api.post(`${P}/review-queues/items/add`, { data: body("add_items", q) }))).items;
  expect(again.map((i: { status: string }) => i.status)).toEqual(["PENDING", "COMPLETE"]);

  const completeOnly = await ok(
    await api.get(`${P}/review-queues/items/list?queue_id=${queue.queue_id}&status=COMPLETE`),
  );
  expect(completeOnly.items.map((i: { item_id: string }) => i.item_id)).toEqual([traces[0]]);
  const all = await ok(
    await api.get(`${P}/review-queues/items/list?queue_id=${queue.queue_id}&status=REVIEW_STATUS_UNSPECIFIED`),
  );
  // Newest-attached first (traces[0] was attached after traces[1]).
  expect(all.items.map((i: { item_id: string }) => i.item_id)).toEqual([traces[0], traces[1]]);

  const reopened = (
    await ok(await api.post(`${P}/review-queues/items/set-status`, { data: body("set_status_pending", q) }))
  ).item;
  expect(reopened.status).toBe("PENDING");
  expect(reopened.completed_by).toBeUndefined();
  const declined = (
    await ok(
      await api.post(`${P}/review-queues/items/set-status`, {
        data: { ...body("set_status_complete", q), status: "DECLINED" },
      }),
    )
  ).item;
  expect(declined).toMatchObject({ status: "DECLINED", completed_by: E2E.reviewer.email });

  // Schemas freeze once items are attached; users can still change.
  await bad(
    await api.post(`${P}/review-queues/update`, {
      data: { queue_id: queue.queue_id, update_schema_ids: true, schema_ids: [] },
    }),
    "schema_ids",
  );
  const updated = (await ok(await api.post(`${P}/review-queues/update`, { data: body("update_queue", q) })))
    .review_queue;
  expect(updated).toMatchObject({ users: [], schema_ids: [schema.schema_id] });

  // User queues: get-or-create is idempotent; list filters by user and item.
  const userQueue = (
    await ok(await api.post(`${P}/review-queues/get-or-create-user`, { data: body("get_or_create_user_queue", vars) }))
  ).review_queue;
  expect(userQueue).toMatchObject({
    queue_type: "USER",
    name: E2E.reviewer.email,
    users: [E2E.reviewer.email],
    schema_ids: [],
  });
  const [a, b] = await Promise.all([
    api.post(`${P}/review-queues/get-or-create-user`, { data: body("get_or_create_user_queue", vars) }),
    api.post(`${P}/review-queues/get-or-create-user`, { data: body("get_or_create_user_queue", vars) }),
  ]);
  expect((await ok(a)).review_queue.queue_id).toBe(userQueue.queue_id);
  expect((await ok(b)).review_queue.queue_id).toBe(userQueue.queue_id);
  const listed = await ok(await api.get(`${P}/review-queues/list?experiment_id=${exp}`));
  expect(listed.review_queues.map((x: { queue_id: string }) => x.queue_id)).toEqual([
    userQueue.queue_id,
    queue.queue_id,
  ]);
  const mine = await ok(
    await api.get(`${P}/review-queues/list?experiment_id=${exp}&user=${encodeURIComponent(E2E.reviewer.email)}`),
  );
  expect(mine.review_queues.map((x: { queue_id: string }) => x.queue_id)).toEqual([userQueue.queue_id]);
  const holding = await ok(await api.get(`${P}/review-queues/list?experiment_id=${exp}&item_id=${traces[1]}`));
  expect(holding.review_queues.map((x: { queue_id: string }) => x.queue_id)).toEqual([queue.queue_id]);

  // Remove ignores ids that are not attached; delete is idempotent.
  expect(await ok(await api.post(`${P}/review-queues/items/remove`, { data: body("remove_items", q) }))).toEqual({});
  const left = await ok(await api.get(`${P}/review-queues/items/list?queue_id=${queue.queue_id}`));
  expect(left.items.map((i: { item_id: string }) => i.item_id)).toEqual([traces[0]]);
  for (const id of [queue.queue_id, queue.queue_id, userQueue.queue_id])
    expect(await ok(await api.post(`${P}/review-queues/delete`, { data: { queue_id: id } }))).toEqual({});
  await bad(await api.get(`${P}/review-queues/get?queue_id=${queue.queue_id}`), sessionId, 404);
  await api.dispose();
});

test("review queues: bad input is a 400 naming the field, and nothing is written", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "rq-bad");
  const trace = await sendTrace(api, exp);
  const schema = (
    await ok(await api.post(`${P}/label-schemas/create`, { data: body("create_feedback_schema", { EXP: exp }) }))
  ).label_schema;
  const good = body("create_custom_queue", { EXP: exp, SCHEMA: schema.schema_id, USER: E2E.reviewer.email });
  const create = (data: Record<string, unknown>) => api.post(`${P}/review-queues/create`, { data });

  await bad(await create({ ...good, queue_type: "REVIEW_QUEUE_TYPE_UNSPECIFIED" }), "body.queue_type");
  await bad(await create({ ...good, queue_type: "TEAM" }), "body.queue_type");
  const { queue_type: _q, ...noType } = good;
  await bad(await create(noType), "body.queue_type");
  const { name: _n, ...noName } = good;
  await bad(await create(noName), "body.name");
  const eleven = Array.from({ length: 11 }, (_, i) => `user${i}@e2e.test`);
  await bad(await create({ ...good, users: eleven }), "users");
  await bad(await create({ ...good, users: ["nobody@nowhere.test"] }), "users");
  await bad(await create({ ...good, schema_ids: ["ls-missing"] }), "schema_ids");
  await bad(await create({ ...good, name: "default" }), "name");
  await bad(await create({ ...good, queue_type: "USER" }), "users");
  expect((await ok(await api.get(`${P}/review-queues/list?experiment_id=${exp}`))).review_queues).toEqual([]);

  const queue = (await ok(await create(good))).review_queue;
  const add = (data: Record<string, unknown>) => api.post(`${P}/review-queues/items/add`, { data });
  await bad(
    await add({ queue_id: queue.queue_id, item_type: "REVIEW_ITEM_TYPE_UNSPECIFIED", item_ids: [trace] }),
    "body.item_type",
  );
  await bad(await add({ queue_id: queue.queue_id, item_type: "SESSION", item_ids: [trace] }), "body.item_type");
  await bad(await add({ queue_id: queue.queue_id, item_type: "TRACE", item_ids: [trace, "tr-nope"] }), "item_ids");
  expect((await ok(await api.get(`${P}/review-queues/items/list?queue_id=${queue.queue_id}`))).items).toEqual([]);

  await ok(await add({ queue_id: queue.queue_id, item_type: "TRACE", item_ids: [trace] }));
  const set = (data: Record<string, unknown>) => api.post(`${P}/review-queues/items/set-status`, { data });
  await bad(await set({ queue_id: queue.queue_id, item_id: trace, status: "COMPLETE" }), "completed_by");
  await bad(
    await set({ queue_id: queue.queue_id, item_id: trace, status: "PENDING", completed_by: E2E.reviewer.email }),
    "completed_by",
  );
  await bad(
    await set({ queue_id: queue.queue_id, item_id: trace, status: "REVIEW_STATUS_UNSPECIFIED" }),
    "body.status",
  );
  await bad(await set({ queue_id: queue.queue_id, item_id: trace, status: "DONE" }), "body.status");
  await bad(await set({ queue_id: queue.queue_id, status: "PENDING" }), "body.item_id");
  await bad(
    await api.post(`${P}/review-queues/update`, {
      data: { queue_id: queue.queue_id, update_users: true, users: eleven },
    }),
    "users",
  );
  const after = (await ok(await api.get(`${P}/review-queues/get?queue_id=${queue.queue_id}`))).review_queue;
  expect(after).toEqual(queue);
  const items = (await ok(await api.get(`${P}/review-queues/items/list?queue_id=${queue.queue_id}`))).items;
  expect(items.map((i: { status: string }) => i.status)).toEqual(["PENDING"]);
  await api.dispose();
});
