import "server-only";
/**
 * OTLP/HTTP trace export (`POST /v1/traces`): checks the content type before reading, reads the
 * body within the size limit (413 without buffering it whole), decodes protobuf or JSON (gzip or
 * deflate) with the OpenTelemetry protos, and stores the spans. Every bad input is a 4xx with a
 * message saying what was wrong: 5xx would make MLflow's Python client retry for minutes.
 */
import type { Actor } from "@/lib/auth/actor";
import { readBodyLimited } from "@/lib/http/body";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/experiments/service";
import {
  encodeExportTraceServiceResponse,
  exportTraceServiceResponseJson,
  otlpFormatFromContentType,
} from "@/lib/ingestion/otlp";
import { decodeOtlpSpansOffThread } from "./decode-thread";
import { ingestSpans, resolveIngestExperiment, type IngestResult } from "./writer";

export const EXPERIMENT_HEADER = "x-mlflow-experiment-id";

/** Decodes and stores one OTLP export request; answers an empty ExportTraceServiceResponse in the request's encoding. */
export async function ingestOtlpExport(actor: Actor, req: Request): Promise<Response> {
  await ingestOtlpRequest(actor, req);
  const format = otlpFormatFromContentType(req.headers.get("content-type"));
  if (format === "json") return Response.json(exportTraceServiceResponseJson());
  return new Response(Buffer.from(encodeExportTraceServiceResponse()), {
    headers: { "content-type": "application/x-protobuf" },
  });
}

/** The work of ingestOtlpExport, returning what was stored (for tests and the benchmark). */
export async function ingestOtlpRequest(actor: Actor, req: Request): Promise<IngestResult> {
  const contentType = req.headers.get("content-type");
  otlpFormatFromContentType(contentType); // 415 before reading a body we cannot use
  const experimentId = req.headers.get(EXPERIMENT_HEADER)?.trim() || DEFAULT_EXPERIMENT_ID;
  const expId = await resolveIngestExperiment(experimentId); // 404 before reading, too
  const body = await readBodyLimited(req);
  const spans = await decodeOtlpSpansOffThread({
    body,
    contentType,
    contentEncoding: req.headers.get("content-encoding"),
  });
  return ingestSpans(actor, expId, spans, { experimentResolved: true });
}
