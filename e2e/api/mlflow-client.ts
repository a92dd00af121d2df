/**
 * Helpers for the MLflow/OTLP API specs: a developer API key, a request context that sends it
 * the way MLflow clients do (Bearer), and readers for MLflow's wire shapes.
 */
import { request, type APIRequestContext } from "@playwright/test";
import { E2E, storageState } from "../support/env";

let cachedKey: string | null = null;

/** A developer's API key (created once per worker through the app's own API). */
export async function developerKey(): Promise<string> {
  if (cachedKey) return cachedKey;
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const res = await dev.post("/api/api-keys", { data: { name: `mlflow-e2e-${Date.now()}` } });
  if (!res.ok()) throw new Error(`creating an API key failed: ${res.status()} ${await res.text()}`);
  cachedKey = (await res.json()).key as string;
  await dev.dispose();
  return cachedKey;
}

/** A request context authenticated with the developer's key as `Authorization: Bearer`. */
export async function mlflowApi(): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: E2E.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${await developerKey()}` },
  });
}

/** Creates an experiment through MLflow's REST and returns its id. */
export async function createExperiment(api: APIRequestContext, prefix: string): Promise<string> {
  const res = await api.post("/api/2.0/mlflow/experiments/create", {
    data: { name: `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` },
  });
  if (!res.ok()) throw new Error(`experiment create failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).experiment_id as string;
}

type AnyValue = {
  string_value?: string;
  int_value?: string | number;
  double_value?: number;
  bool_value?: boolean;
  array_value?: { values?: AnyValue[] };
  kvlist_value?: { values?: { key: string; value: AnyValue }[] };
};

/** OTel proto JSON AnyValue -> plain JSON. */
export function anyValue(v: AnyValue): unknown {
  if (v.string_value !== undefined) return v.string_value;
  if (v.int_value !== undefined) return Number(v.int_value);
  if (v.double_value !== undefined) return v.double_value;
  if (v.bool_value !== undefined) return v.bool_value;
  if (v.array_value) return (v.array_value.values ?? []).map(anyValue);
  if (v.kvlist_value)
    return Object.fromEntries((v.kvlist_value.values ?? []).map((kv) => [kv.key, anyValue(kv.value)]));
  return null;
}

export interface WireSpan {
  name: string;
  span_id: string;
  parent_span_id?: string;
  attributes: { key: string; value: AnyValue }[];
  status: { code: string; message?: string };
}

/** A GetTrace span's attributes as a plain object. */
export function spanAttributes(span: WireSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map((a) => [a.key, anyValue(a.value)]));
}
