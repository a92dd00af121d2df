import { AppError } from "@/lib/errors";

/**
 * A request body that cannot be read as an OTLP ExportTraceServiceRequest. `status` is 400 for
 * undecodable bodies and invalid spans, 415 for a content type we do not speak. MLflow's OTLP
 * endpoint answers 400 here too, and 4xx (not 5xx) stops the Python client from retrying.
 */
export class OtlpDecodeError extends AppError {
  constructor(message: string, status: 400 | 415 = 400, details?: unknown) {
    super(status, "INVALID_PARAMETER_VALUE", message, details);
  }
}

/** Short, single-line reason from whatever a decoder threw. */
export function describeCause(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0].slice(0, 300);
}
