import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import type { TAnswerValue } from "@/lib/labeling/label-input";
import { forEachSubmittedLabel } from "@/lib/labeling/results/service";
import { loadSession } from "@/lib/labeling/sessions/access";

const CSV_COLUMNS = [
  "session_id",
  "item_id",
  "trace_id",
  "position",
  "reviewer",
  "schema",
  "type",
  "value",
  "comment",
  "completed_at",
] as const;

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading quote. */
function csvCell(v: unknown): string {
  let s = v == null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A session's submitted labels as a file (developers and admins). CSV: one row per item,
 * reviewer and question; list values are JSON. JSONL: one object per item and reviewer with
 * all their answers.
 */
export async function exportSessionLabels(actor: Actor, sessionId: string, format: "csv" | "jsonl"): Promise<Response> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const types = new Map(session.schemaDtos.map((s) => [s.name, s.type]));
  const lines: string[] = format === "csv" ? [CSV_COLUMNS.join(",")] : [];
  await forEachSubmittedLabel(sessionId, (r) => {
    const completedAt = r.completedAt?.toISOString() ?? null;
    if (format === "jsonl") {
      lines.push(
        JSON.stringify({
          session_id: sessionId,
          item_id: r.itemId,
          trace_id: r.traceId,
          position: r.position,
          reviewer: r.email,
          completed_at: completedAt,
          answers: r.answers,
        }),
      );
      return;
    }
    for (const [name, a] of Object.entries(r.answers)) {
      lines.push(
        [
          sessionId,
          r.itemId,
          r.traceId,
          r.position,
          r.email,
          name,
          types.get(name) ?? "",
          a.value,
          a.comment ?? "",
          completedAt,
        ]
          .map(csvCell)
          .join(","),
      );
    }
  });
  const safeName = session.name.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60) || "session";
  return new Response(lines.join("\n") + (lines.length ? "\n" : ""), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="labels-${safeName}.${format}"`,
    },
  });
}

export interface SessionExpectationDto {
  traceId: string;
  /** The root span's inputs (what an evaluation dataset record takes as `inputs`). */
  inputs: unknown;
  /** Expectation-type answers by schema name; with several reviewers the latest submission wins. */
  expectations: Record<string, TAnswerValue>;
  /** Who gave each expectation (reviewer email by schema name). */
  sources: Record<string, string>;
}

/**
 * The expectations a session collected, one entry per labeled trace, for syncing into an
 * evaluation dataset. NOT role-checked: the caller (dataset sync) authorises.
 */
export async function listSessionExpectations(sessionId: string): Promise<SessionExpectationDto[]> {
  const session = await loadSession(sessionId);
  const expectationNames = new Set(session.schemaDtos.filter((s) => s.type === "expectation").map((s) => s.name));
  const byTrace = new Map<string, SessionExpectationDto>();
  await forEachSubmittedLabel(sessionId, (r) => {
    for (const [name, a] of Object.entries(r.answers)) {
      if (!expectationNames.has(name)) continue;
      const entry = byTrace.get(r.traceId) ?? { traceId: r.traceId, inputs: null, expectations: {}, sources: {} };
      entry.expectations[name] = a.value;
      entry.sources[name] = r.email;
      byTrace.set(r.traceId, entry);
    }
  });
  const ids = [...byTrace.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const roots = await db().span.findMany({
      where: { traceId: { in: ids.slice(i, i + 500) }, parentSpanId: null },
      select: { traceId: true, inputs: true },
    });
    for (const r of roots) {
      const entry = byTrace.get(r.traceId)!;
      try {
        entry.inputs = r.inputs == null ? null : JSON.parse(r.inputs);
      } catch {
        entry.inputs = r.inputs;
      }
    }
  }
  return [...byTrace.values()];
}
