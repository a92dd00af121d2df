/**
 * The one browser fetcher for our own JSON API. Every failed request becomes an `ApiError` carrying the
 * server's `{error_code, message, details.issues}` body, so queries, mutations and forms read errors one way.
 */

export interface FieldIssue {
  /** "body.name", "query.pageToken", "answers.accuracy.value" … as the server's zod contract reported it. */
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly errorCode: string;
  readonly issues: FieldIssue[];
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    const b = (body ?? {}) as { error_code?: string; details?: { issues?: FieldIssue[] } };
    this.errorCode = b.error_code ?? `HTTP_${status}`;
    this.issues = Array.isArray(b.details?.issues) ? b.details.issues : [];
  }
}

type Init = Omit<RequestInit, "body"> & { json?: unknown; body?: BodyInit | null };

export async function apiFetch<T>(url: string, init: Init = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await responseText(res);
  const body = text ? safeJson(text) : {};
  if (!res.ok) {
    const message = (body as { message?: string })?.message ?? `Request failed with status ${res.status}`;
    throw new ApiError(res.status, message, body);
  }
  return body as T;
}

/** Shorthands for the verbs the app uses; `signal` lets TanStack Query cancel a superseded read. */
export const api = {
  get: <T>(url: string, signal?: AbortSignal) => apiFetch<T>(url, { signal }),
  post: <T>(url: string, json?: unknown, signal?: AbortSignal) => apiFetch<T>(url, { method: "POST", json, signal }),
  patch: <T>(url: string, json: unknown) => apiFetch<T>(url, { method: "PATCH", json }),
  put: <T>(url: string, json: unknown) => apiFetch<T>(url, { method: "PUT", json }),
  delete: <T>(url: string, json?: unknown) => apiFetch<T>(url, { method: "DELETE", json }),
};

/** The body as text; a gzip file (what a route sends pre-compressed, e.g. the trace tree) is decompressed first. */
async function responseText(res: Response): Promise<string> {
  if (res.headers.get("content-type") !== "application/gzip" || !res.body) return res.text();
  return new Response(res.body.pipeThrough(new DecompressionStream("gzip"))).text();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** The per-field issues of a 400 from our API (`details.issues`), if the error carries them. */
export function fieldIssues(err: unknown): FieldIssue[] {
  return err instanceof ApiError ? err.issues : [];
}

/** A one-line message for a failed request: every field issue ("name: too long; …"), else the server's message. */
export function errorMessage(err: unknown): string {
  const issues = fieldIssues(err);
  return issues.length
    ? issues.map((i) => `${i.path.replace(/^body\./, "")}: ${i.message}`).join("; ")
    : err instanceof Error
      ? err.message
      : String(err);
}

/** A query string from defined, non-empty values (arrays repeat the key). */
export function qs(params: Record<string, string | number | boolean | null | undefined | string[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
