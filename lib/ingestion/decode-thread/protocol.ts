/** The messages between the server and its decode thread (index.ts, worker.ts). */
import type { OtlpTraceRequestInput } from "@/lib/ingestion/otlp";
import type { NormalizedSpan } from "@/lib/ingestion/types";

export interface DecodeRequest {
  id: number;
  input: OtlpTraceRequestInput;
}

/** Posted once by the thread when its code has loaded: requests go to it from then on. */
export interface DecodeReady {
  ready: true;
}

export type DecodeReply =
  | { id: number; spans: NormalizedSpan[]; error?: undefined }
  | { id: number; spans?: undefined; error: { message: string; status?: number } };
