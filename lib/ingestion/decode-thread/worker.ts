/**
 * The decode thread's side (see index.ts): decodes and normalises one OTLP body per message and
 * posts the spans back, or the error's message and HTTP status. Runs in a worker thread, so it
 * imports nothing that needs the server's module conditions.
 */
import { parentPort } from "node:worker_threads";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import type { DecodeReady, DecodeReply, DecodeRequest } from "./protocol";

parentPort!.on("message", (msg: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    reply = { id: msg.id, spans: decodeOtlpSpans(msg.input) };
  } catch (err) {
    const e = err as { message?: string; status?: number };
    reply = { id: msg.id, error: { message: e?.message ?? String(err), status: e?.status } };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true } satisfies DecodeReady);
