import "server-only";
/**
 * traces.json through the mlflow-artifacts API: the TS SDK (always) and older Python clients
 * upload a trace's spans as `<exp>/traces/<trace id>/artifacts/traces.json`. We never keep the
 * file: an upload is parsed and stored as spans, and a download is rendered from the stored
 * spans, so spans arriving over OTLP and over artifacts end in the same place.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { parseTracesJson, renderTracesJsonV3 } from "@/lib/ingestion/traces-json";
import { ingestSpans, type IngestResult } from "@/lib/ingestion/writer";
import { spanDtoToRenderable } from "@/lib/traces/renderable-span";
import { getTraceWithSpans } from "@/lib/traces/service";

/** `<exp>/traces/<trace id>/artifacts/traces.json` -> its parts, else null. */
export function matchTracesJsonPath(relPath: string): { experimentId: string; traceId: string } | null {
  const m = /^([^/]+)\/traces\/(tr-[0-9a-f]{32})\/artifacts\/traces\.json$/i.exec(relPath);
  return m ? { experimentId: m[1]!, traceId: m[2]!.toLowerCase() } : null;
}

/**
 * Stores the spans of an uploaded traces.json. The trace id comes from the path: the TS SDK
 * writes a wrong span `trace_id` (docs/mlflow-compatibility.md §6).
 */
export async function putTracesJson(
  actor: Actor,
  experimentId: string,
  traceId: string,
  body: Uint8Array,
): Promise<IngestResult> {
  requireRole(actor, "DEVELOPER");
  const spans = parseTracesJson(body, { traceId });
  return ingestSpans(actor, experimentId, spans);
}

/** The stored spans of a trace as traces.json v3 text (throws NotFoundError for an unknown trace). */
export async function renderStoredTracesJson(actor: Actor, traceId: string): Promise<string> {
  requireRole(actor, "DEVELOPER");
  const t = await getTraceWithSpans(actor, traceId);
  return renderTracesJsonV3(t.spans.map((s) => spanDtoToRenderable(t.info.traceId, s)));
}
