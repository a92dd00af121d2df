/** fetch for our own JSON API from the browser: throws an Error carrying the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  const body = text ? safeJson(text) : {};
  if (!res.ok) {
    const message = (body as { message?: string })?.message ?? `Request failed with status ${res.status}`;
    throw new ApiError(res.status, message, body);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** The per-field issues of a 400 from our API (`details.issues`), if the error carries them. */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  return (err.body as { details?: { issues?: FieldIssue[] } } | undefined)?.details?.issues ?? [];
}

/** A one-line message for a failed request: every field issue ("name: too long; …"), else the server's message. */
export function errorMessage(err: unknown): string {
  const issues = fieldIssues(err);
  return issues.length
    ? issues.map((i) => `${i.path.replace(/^body\./, "")}: ${i.message}`).join("; ")
    : (err as Error).message;
}
