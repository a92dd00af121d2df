/**
 * Replays captured MLflow client requests (test/fixtures/mlflow-captures) against the running app as raw
 * HTTP. Ids the server generates or the run must keep unique (experiment, trace, assessment
 * ids) are rewritten on the fly: a map from captured id to ours, applied to paths, headers
 * and bodies (protobuf bodies are decoded with the OTLP protos, rewritten and re-encoded).
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ExportTraceServiceRequest } from "@/lib/ingestion/otlp/proto";

/** Captures live in the repository, so a clone anywhere runs the tests. */
const FIXTURES = new URL("../../test/fixtures/mlflow-captures/", import.meta.url);

export interface CapturedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | null>;
  /** Exact body text (JSON keeps its 64-bit integers), or base64-decoded protobuf bytes. */
  bodyText: string | null;
  bodyBytes: Uint8Array | null;
  /** The answer the client accepted (Python capture only). */
  response?: { status: number; body_json?: unknown };
}

/** Requests of a capture file, one JSON object a line. */
export function loadCapture(client: "mlflow-python-client" | "mlflow-ts-client", file: string): CapturedRequest[] {
  return readFileSync(new URL(`${client}/${file}`, FIXTURES), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((line) => {
      const o = JSON.parse(line) as Record<string, unknown>;
      const query =
        typeof o.query === "string" ? o.query : new URLSearchParams(o.query as Record<string, string>).toString();
      return {
        method: String(o.method),
        path: String(o.path),
        query,
        headers: (o.headers ?? {}) as Record<string, string | null>,
        bodyText: rawBody(line),
        bodyBytes: typeof o.body_b64 === "string" ? new Uint8Array(Buffer.from(o.body_b64, "base64")) : null,
        response: o.response as CapturedRequest["response"],
      };
    });
}

/** The body's exact text: the TS capture ends with `,"body":<json>}`, the Python one has `"body_json": <json>, "response"`. */
function rawBody(line: string): string | null {
  const ts = line.indexOf(',"body":');
  if (ts >= 0) return line.slice(ts + ',"body":'.length, line.trimEnd().length - 1);
  const start = line.indexOf('"body_json": ');
  const end = line.lastIndexOf(', "response": ');
  if (start >= 0 && end > start) return line.slice(start + '"body_json": '.length, end);
  return null;
}

export class IdMap {
  private readonly map = new Map<string, string>();
  set(from: string, to: string) {
    if (from && from !== to) this.map.set(from, to);
  }
  get(from: string): string {
    return this.map.get(from) ?? from;
  }
  text(s: string): string {
    let out = s;
    for (const [from, to] of this.map) out = out.split(from).join(to);
    return out;
  }
}

type PlainSpan = { traceId: Uint8Array; attributes?: { key: string; value: { stringValue?: string } }[] };
type PlainRequest = { resourceSpans?: { scopeSpans?: { spans?: PlainSpan[] }[] }[] };

/** A captured OTLP protobuf body with trace ids (bytes and `mlflow.*` string attributes) rewritten. */
export function rewriteOtlpProtobuf(body: Uint8Array, ids: IdMap): Uint8Array {
  const msg = ExportTraceServiceRequest.decode(body) as PlainRequest;
  for (const rs of msg.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        const hex = Buffer.from(span.traceId).toString("hex");
        span.traceId = new Uint8Array(Buffer.from(ids.get(`tr-${hex}`).slice(3), "hex"));
        for (const a of span.attributes ?? [])
          if (a.value.stringValue) a.value.stringValue = ids.text(a.value.stringValue);
      }
    }
  }
  return ExportTraceServiceRequest.encode(msg).finish();
}

/** Sends one captured request with ids rewritten; returns the response. */
export async function replay(
  api: APIRequestContext,
  req: CapturedRequest,
  ids: IdMap,
  overrides: { path?: string; headers?: Record<string, string> } = {},
): Promise<APIResponse> {
  const path = overrides.path ?? ids.text(req.path);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v == null || /^(host|content-length|connection|accept-encoding|authorization|user-agent)$/i.test(k)) continue;
    headers[k.toLowerCase()] = ids.text(v);
  }
  Object.assign(headers, overrides.headers);
  const isProto = (headers["content-type"] ?? "").includes("protobuf");
  let data: string | Buffer | undefined;
  if (req.method !== "GET") {
    if (isProto && req.bodyBytes) data = Buffer.from(rewriteOtlpProtobuf(req.bodyBytes, ids));
    else if (req.bodyText && req.bodyText !== "null") data = ids.text(req.bodyText);
  }
  const query = ids.text(req.query);
  const url = query ? `${path}?${query}` : path;
  return api.fetch(url, { method: req.method, headers, data });
}
