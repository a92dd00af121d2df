import { ZodError, type core } from "zod";
import { AppError } from "@/lib/errors";

export interface ErrorBody {
  error_code: string;
  message: string;
  details?: unknown;
}

/** "body.records[0].request_id" style paths for zod issues. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`), prefix);
}

export function zodErrorBody(err: ZodError, where: string): ErrorBody {
  const issues = err.issues.map((i: core.$ZodIssue) => ({ path: issuePath(where, i.path), message: i.message }));
  const first = issues[0];
  return {
    error_code: "INVALID_PARAMETER_VALUE",
    message: first ? `Invalid ${first.path}: ${first.message}` : `Invalid ${where}`,
    details: { issues },
  };
}

/** Maps anything thrown by a handler to a status and a JSON error body. */
export function toErrorResponse(err: unknown, where = "request"): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: {
        error_code: err.code,
        message: err.message,
        ...(err.details === undefined ? {} : { details: err.details }),
      },
    };
  }
  if (err instanceof ZodError) return { status: 400, body: zodErrorBody(err, where) };
  console.error("Unhandled error:", err);
  return {
    status: 500,
    body: { error_code: "INTERNAL_ERROR", message: "Internal error; the server log has the details" },
  };
}
