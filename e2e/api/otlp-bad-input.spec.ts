/**
 * POST /v1/traces under bad input of every kind: each gets a 4xx with a message saying what was
 * wrong (never a 5xx, which would make MLflow's Python client retry for minutes), and the
 * traces stored before are untouched. Compressed bodies of both kinds are accepted.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { ExportTraceServiceRequest } from "@/lib/ingestion/otlp/proto";
import { E2E } from "../support/env";
import { createExperiment, mlflowApi } from "./mlflow-client";

const hex = (n: number) => randomBytes(n).toString("hex");

/** OTLP JSON for one finished root span (hex ids, as OTLP JSON has them). */
function otlpJson(traceHex: string, name = "root", extra: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "bad-input-test" } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: traceHex,
                spanId: hex(8),
                name,
                kind: 1,
                startTimeUnixNano: "1700000000000000000",
                endTimeUnixNano: "1700000001000000000",
                attributes: [{ key: "input.value", value: { stringValue: "hello" } }],
                status: { code: 1 },
                ...extra,
              },
            ],
          },
        ],
      },
    ],
  };
}

function otlpProtobuf(traceHex: string): Buffer {
  const msg = ExportTraceServiceRequest.fromObject({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: Buffer.from(traceHex, "hex").toString("base64"),
                spanId: Buffer.from(hex(8), "hex").toString("base64"),
                name: "proto-root",
                startTimeUnixNano: "1700000000000000000",
                endTimeUnixNano: "1700000000500000000",
                status: { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  });
  return Buffer.from(ExportTraceServiceRequest.encode(msg).finish());
}

async function post(
  api: APIRequestContext,
  experimentId: string,
  data: Buffer | string,
  headers: Record<string, string>,
) {
  // A Buffer is sent as is (Playwright would JSON-encode a string sent as application/json).
  return api.post("/v1/traces", {
    data: Buffer.isBuffer(data) ? data : Buffer.from(data),
    headers: { "x-mlflow-experiment-id": experimentId, ...headers },
    failOnStatusCode: false,
  });
}

test("bad OTLP requests get clear 4xx answers and never disturb stored traces", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "otlp-bad");
  const keep = hex(16);
  const ok = await post(api, experimentId, JSON.stringify(otlpJson(keep, "kept")), {
    "content-type": "application/json",
  });
  expect(ok.status(), await ok.text()).toBe(200);

  const valid = otlpProtobuf(hex(16));
  const cases: [string, Buffer | string, Record<string, string>, number, RegExp, string?][] = [
    [
      "truncated protobuf",
      valid.subarray(0, valid.length - 7),
      { "content-type": "application/x-protobuf" },
      400,
      /not a valid OTLP protobuf/,
    ],
    [
      "wrong content type",
      JSON.stringify(otlpJson(hex(16))),
      { "content-type": "text/plain" },
      415,
      /unsupported Content-Type 'text\/plain'/,
    ],
    ["invalid JSON", '{"resourceSpans": [', { "content-type": "application/json" }, 400, /not valid JSON/],
    [
      "JSON that is not an export request",
      "[1,2,3]",
      { "content-type": "application/json" },
      400,
      /expected an object with resourceSpans/,
    ],
    [
      "no spans at all",
      JSON.stringify({ resourceSpans: [] }),
      { "content-type": "application/json" },
      400,
      /contains no spans/,
    ],
    [
      "span without a trace id",
      JSON.stringify(otlpJson("", "orphan")),
      { "content-type": "application/json" },
      400,
      /traceId is empty/,
    ],
    [
      "span with a malformed trace id",
      JSON.stringify(otlpJson("xyz")),
      { "content-type": "application/json" },
      400,
      /traceId must be a 16-byte id/,
    ],
    [
      "corrupt gzip",
      "definitely not gzip",
      { "content-type": "application/json", "content-encoding": "gzip" },
      400,
      /not valid gzip data/,
    ],
    [
      "unknown content encoding",
      JSON.stringify(otlpJson(hex(16))),
      { "content-type": "application/json", "content-encoding": "br" },
      415,
      /unsupported Content-Encoding 'br'/,
    ],
    [
      "unknown experiment",
      JSON.stringify(otlpJson(hex(16))),
      { "content-type": "application/json" },
      404,
      /Experiment '424242424242' does not exist/,
      "424242424242",
    ],
  ];
  for (const [label, data, headers, status, message, exp] of cases) {
    const res = await post(api, exp ?? experimentId, data, headers);
    expect(res.status(), label).toBe(status);
    expect((await res.json()).message, label).toMatch(message);
  }

  // 50 MB: refused with 413 from its declared length, before the body is read.
  const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
  const tooBig = await post(api, experimentId, big, { "content-type": "application/x-protobuf" });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error_code).toBe("REQUEST_LIMIT_EXCEEDED");

  // No credentials: 401, not a 5xx.
  const anon = await request.newContext({ baseURL: E2E.baseURL });
  expect(
    (await anon.post("/v1/traces", { data: valid, headers: { "content-type": "application/x-protobuf" } })).status(),
  ).toBe(401);
  await anon.dispose();

  // The trace stored before all this is intact.
  const got = await api.get(`/api/3.0/mlflow/traces/get?trace_id=tr-${keep}`);
  expect(got.status()).toBe(200);
  const trace = (await got.json()).trace;
  expect(trace.spans.map((s: { name: string }) => s.name)).toEqual(["kept"]);
  expect(trace.trace_info.state).toBe("OK");
  await api.dispose();
});

test("gzip and deflate bodies (zlib and raw) are accepted; the response is an empty ExportTraceServiceResponse", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "otlp-compressed");
  const ids = [hex(16), hex(16), hex(16)];
  const bodies: [Buffer, Record<string, string>][] = [
    [gzipSync(otlpProtobuf(ids[0]!)), { "content-type": "application/x-protobuf", "content-encoding": "gzip" }],
    [
      deflateSync(JSON.stringify(otlpJson(ids[1]!))),
      { "content-type": "application/json", "content-encoding": "deflate" },
    ],
    [
      deflateRawSync(JSON.stringify(otlpJson(ids[2]!))),
      { "content-type": "application/json", "content-encoding": "deflate" },
    ],
  ];
  for (const [data, headers] of bodies) {
    const res = await post(api, experimentId, data, headers);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()["content-type"]).toContain(
      headers["content-type"]!.includes("json") ? "application/json" : "application/x-protobuf",
    );
  }
  for (const id of ids) expect((await api.get(`/api/3.0/mlflow/traces/tr-${id}`)).status()).toBe(200);
  await api.dispose();
});
