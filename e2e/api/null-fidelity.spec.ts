/**
 * A null inside span inputs, outputs or attributes comes back as null through the MLflow API
 * (GetTrace's OTel proto JSON and the traces.json artifact the Python client downloads), not as
 * "" — e.g. a chat completion's `tool_calls`, `refusal` and `logprobs`.
 */
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createExperiment, mlflowApi, spanAttributes, type WireSpan } from "./mlflow-client";

const hex = (n: number) => randomBytes(n).toString("hex");

/** An attribute holding JSON, whether sent back as a JSON text or as a structured AnyValue. */
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

const message = { role: "assistant", content: "hi", tool_calls: null, refusal: null, logprobs: null };

test("nulls in structured attributes and in JSON inputs/outputs round-trip as null", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "null-fidelity");
  const traceHex = hex(16);
  const otlp = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: traceHex,
                spanId: hex(8),
                name: "chat",
                startTimeUnixNano: "1700000000000000000",
                endTimeUnixNano: "1700000001000000000",
                status: { code: 1 },
                attributes: [
                  { key: "mlflow.spanType", value: { stringValue: '"CHAT_MODEL"' } },
                  { key: "mlflow.spanInputs", value: { stringValue: JSON.stringify({ messages: [message] }) } },
                  { key: "mlflow.spanOutputs", value: { stringValue: JSON.stringify({ choices: [{ message }] }) } },
                  // A structured attribute: a kvlist with an unset value and an array with one.
                  {
                    key: "app.message",
                    value: {
                      kvlistValue: {
                        values: [
                          { key: "refusal", value: {} },
                          { key: "content", value: { stringValue: "hi" } },
                          { key: "list", value: { arrayValue: { values: [{ intValue: "1" }, {}] } } },
                        ],
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const res = await api.post("/v1/traces", {
    data: Buffer.from(JSON.stringify(otlp)),
    headers: { "content-type": "application/json", "x-mlflow-experiment-id": experimentId },
  });
  expect(res.status(), await res.text()).toBe(200);

  const traceId = `tr-${traceHex}`;
  const got = await api.get(`/api/3.0/mlflow/traces/get?trace_id=${traceId}`);
  expect(got.status(), await got.text()).toBe(200);
  const [span] = (await got.json()).trace.spans as WireSpan[];
  const attrs = spanAttributes(span!);
  expect(attrs["app.message"]).toEqual({ refusal: null, content: "hi", list: [1, null] });
  expect(json(attrs["mlflow.spanOutputs"])).toEqual({ choices: [{ message }] });
  expect(json(attrs["mlflow.spanInputs"])).toEqual({ messages: [message] });

  // The traces.json artifact (what the Python client's get_trace reads) keeps them too.
  const artifact = await api.get(
    `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/traces/${traceId}/artifacts/traces.json`,
  );
  expect(artifact.status()).toBe(200);
  const text = await artifact.text();
  const spans = (JSON.parse(text) as { spans: { attributes: Record<string, string> }[] }).spans;
  const exported = spans[0]!.attributes;
  expect(json(json(exported["app.message"]))).toEqual({ refusal: null, content: "hi", list: [1, null] });
  expect(json(json(exported["mlflow.spanOutputs"]))).toEqual({ choices: [{ message }] });
  await api.dispose();
});
