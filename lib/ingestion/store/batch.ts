/**
 * The SQL of one ingestion transaction, for both dialects, as a generator of statements: the
 * driver (sqlite.ts: better-sqlite3, synchronously; postgres.ts: `pg`; prisma-tx.ts: a caller's
 * Prisma transaction) runs each yielded statement and sends its rows back. One generator, so the
 * rules of what is stored cannot drift between the drivers.
 *
 * Per batch (any number of requests and traces), whatever its size:
 * - one read of the model prices;
 * - one insert-if-absent of every trace, complete with its figures and cost when it is new
 *   (RETURNING tells which were new: their figures come from the batch, nothing is read back);
 * - one upsert of the spans (re-sent spans replace the stored copy);
 * - for traces that existed: a read of their stored previews that locks their rows (PostgreSQL),
 *   four set-based reads (rollup, roots, metadata, token usage) and one update of their figures
 *   and cost — no per-trace read-modify-write;
 * - one upsert each of tags and metadata, the session column, and the token usage per model
 *   (TraceModelUsage, lib/costs).
 * On SQLite a "rows" statement is one prepared statement run once per row (in-process, so a row
 * costs microseconds, and the text never varies); on PostgreSQL it is one statement over `unnest`
 * of column arrays (one round trip, the same text whatever the row count, so it is prepared once).
 * The search index objects (FTS5 triggers on SQLite, the trigram expression index on PostgreSQL)
 * follow the Span table by themselves.
 */
import { priceLookup, totalCost, usageByModel, type ModelUsage, type PriceLookup } from "@/lib/costs/match-price";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import {
  META_FINALIZED,
  META_SESSION,
  META_TOKEN_USAGE,
  META_USER,
  OPTIONAL_TRACE_COLUMNS,
  planFresh,
  planTrace,
  spanRow,
  type KeyValueRow,
  type RootFacts,
  type SpanRow,
  type TracePlan,
} from "./plan";
import {
  KV_COLUMNS,
  OPTIONAL_TYPES,
  SPAN_COLUMNS,
  Sql,
  TRACE_INSERT,
  USAGE_COLUMNS,
  flag,
  q,
  toBig,
  toNum,
  type Dialect,
  type IngestRequest,
  type Row,
  type SqlValue,
  type Stmt,
} from "./sql";

export type { Dialect, IngestRequest, Row, SqlValue, Stmt } from "./sql";

/** Spans by trace then span id (a span sent twice keeps its last copy), and each trace's spans per request. */
function group(requests: IngestRequest[]) {
  const spans = new Map<string, Map<string, NormalizedSpan>>();
  const perRequest = new Map<string, NormalizedSpan[][]>();
  const experimentOf = new Map<string, string>();
  for (const req of requests) {
    const mine = new Map<string, NormalizedSpan[]>();
    for (const s of req.spans) {
      let g = spans.get(s.traceId);
      if (!g) {
        spans.set(s.traceId, (g = new Map()));
        experimentOf.set(s.traceId, req.experimentId);
      }
      g.set(s.spanId, s);
      let m = mine.get(s.traceId);
      if (!m) mine.set(s.traceId, (m = []));
      m.push(s);
    }
    for (const [id, list] of mine) {
      let p = perRequest.get(id);
      if (!p) perRequest.set(id, (p = []));
      p.push(list);
    }
  }
  return { spans, perRequest, experimentOf };
}

/**
 * The statements of one transaction storing `requests`. `now` stamps createdAt/updatedAt (ISO
 * text on SQLite, as Prisma's adapter stores DateTime; a timestamp on PostgreSQL).
 */
export function* writeBatch(dialect: Dialect, requests: IngestRequest[], now: Date): Generator<Stmt, void, Row[]> {
  const sql = new Sql(dialect);
  // As Prisma's SQLite adapter writes DateTime (ISO with +00:00); PostgreSQL ignores the offset of a timestamp(3).
  const stamp = now.toISOString().replace("Z", "+00:00");
  const { spans, perRequest, experimentOf } = group(requests);
  // Sorted so concurrent writers lock trace rows in the same order (no deadlocks on PostgreSQL).
  const traceIds = [...spans.keys()].sort();
  if (!traceIds.length) return;
  const rowsOf = new Map<string, SpanRow[]>(traceIds.map((id) => [id, [...spans.get(id)!.values()].map(spanRow)]));
  const freshPlans = new Map(traceIds.map((id) => [id, planFresh(id, rowsOf.get(id)!, perRequest.get(id)!)]));
  const lookup = yield* readPrices();
  // A new trace's cost is known from the batch: written with the trace, not updated after it
  // (an update would write every new trace row, and its indexes, a second time).
  const batchUsage = new Map(traceIds.map((id) => [id, usageByModel(rowsOf.get(id)!)]));

  // A trace nobody has stored yet has no spans, tags or metadata but this batch's, so it is
  // inserted complete. Existing traces are skipped (their precomputed plan is discarded); on
  // PostgreSQL a concurrent transaction creating the same trace makes this wait, then skip it.
  const inserted = yield sql.insert(
    "Trace",
    TRACE_INSERT,
    traceIds.map((id) => {
      const d = freshPlans.get(id)!.data;
      return [
        id,
        experimentOf.get(id)!,
        d.timestampMs ?? 0n,
        d.state ?? "IN_PROGRESS",
        d.executionTimeMs ?? null,
        d.name ?? null,
        d.requestPreview ?? null,
        d.responsePreview ?? null,
        d.spanCount,
        d.inputTokens,
        d.outputTokens,
        d.totalTokens,
        totalCost(batchUsage.get(id)!, lookup),
        stamp,
        stamp,
      ];
    }),
    `ON CONFLICT ("id") DO NOTHING`,
    `RETURNING "id"`,
  );
  const fresh = new Set(inserted.map((r) => r.id as string));
  const old = traceIds.filter((id) => !fresh.has(id));
  // Existing traces' stored previews and name (the recompute keeps client-finalised ones). On
  // PostgreSQL the read locks their rows (FOR UPDATE, in id order) before their spans are
  // touched, so a concurrent writer (another server process) for the same trace waits and then
  // recomputes from our committed spans; a lock, not an update, so no row version is written.
  // SQLite has one writer at a time anyway.
  const stored = old.length
    ? yield sql.select(
        `SELECT "id", "requestPreview", "responsePreview", "name" FROM "Trace"`,
        "id",
        old,
        dialect === "postgresql" ? `ORDER BY "id" FOR UPDATE` : "",
      )
    : [];

  const spanRows: SqlValue[][] = [];
  for (const id of traceIds) {
    for (const r of rowsOf.get(id)!) {
      spanRows.push([
        r.traceId,
        r.spanId,
        r.parentSpanId,
        r.name,
        r.spanType,
        r.startTimeNs,
        r.endTimeNs,
        r.statusCode,
        r.statusMessage,
        r.inputs,
        r.outputs,
        r.attributes,
        r.events,
        r.model,
        r.inputTokens,
        r.outputTokens,
      ]);
    }
  }
  const updateSpan = SPAN_COLUMNS.slice(2)
    .map(([c]) => `${q(c)} = excluded.${q(c)}`)
    .join(", ");
  yield sql.insert("Span", SPAN_COLUMNS, spanRows, `ON CONFLICT ("traceId", "spanId") DO UPDATE SET ${updateSpan}`);

  const plans: TracePlan[] = traceIds.filter((id) => fresh.has(id)).map((id) => freshPlans.get(id)!);
  // Token usage per model of every trace: new ones from the batch, existing ones (below) from their stored spans.
  const usage = new Map(traceIds.filter((id) => fresh.has(id)).map((id) => [id, batchUsage.get(id)!]));
  if (old.length) plans.push(...(yield* recompute(sql, old, stored, perRequest, usage, lookup, stamp)));

  yield* upsertKeyValues(
    sql,
    "TraceTag",
    plans.flatMap((p) => p.tags),
  );
  const meta = dedupe(plans.flatMap((p) => p.meta));
  yield* upsertKeyValues(sql, "TraceMetadata", meta);
  // Keep the indexed session column equal to the metadata.
  const sessions = meta.filter((m) => m.key === META_SESSION);
  if (sessions.length) {
    yield sql.updateById(
      "Trace",
      [
        ["sessionId", "text"],
        ["updatedAt", "timestamp"],
      ],
      [],
      sessions.map((m) => [m.traceId, m.value, stamp]),
    );
  }

  yield* writeUsage(sql, old, usage);
}

/**
 * Existing traces: their figures, token usage (into `usage`) and cost recomputed from what is
 * stored now (four reads, one update).
 */
function* recompute(
  sql: Sql,
  old: string[],
  stored: Row[],
  perRequest: Map<string, NormalizedSpan[][]>,
  usage: Map<string, ModelUsage[]>,
  lookup: PriceLookup,
  stamp: string,
): Generator<Stmt, TracePlan[], Row[]> {
  const sums = yield sql.select(
    `SELECT "traceId", count(*) AS "n", sum("inputTokens") AS "inputTokens", sum("outputTokens") AS "outputTokens", min("startTimeNs") AS "minStart" FROM "Span"`,
    "traceId",
    old,
    `GROUP BY "traceId"`,
  );
  const roots = yield sql.select(
    `SELECT "traceId", "name", "startTimeNs", "endTimeNs", "statusCode", "inputs", "outputs" FROM "Span"`,
    "traceId",
    old,
    `AND "parentSpanId" IS NULL ORDER BY "startTimeNs" ASC`,
  );
  const keys = [META_FINALIZED, META_SESSION, META_USER, META_TOKEN_USAGE].map((k) => `'${k}'`).join(", ");
  const meta = yield sql.select(
    `SELECT "traceId", "key", "value" FROM "TraceMetadata"`,
    "traceId",
    old,
    `AND "key" IN (${keys})`,
  );
  const models = yield sql.select(
    `SELECT "traceId", "model", sum("inputTokens") AS "inputTokens", sum("outputTokens") AS "outputTokens" FROM "Span"`,
    "traceId",
    old,
    `AND "model" IS NOT NULL AND ("inputTokens" IS NOT NULL OR "outputTokens" IS NOT NULL) GROUP BY "traceId", "model"`,
  );

  const sumOf = new Map(sums.map((s) => [s.traceId as string, s]));
  const rootOf = new Map<string, RootFacts>();
  for (const r of roots) {
    const id = r.traceId as string;
    if (rootOf.has(id)) continue;
    rootOf.set(id, {
      name: r.name as string,
      startTimeNs: toBig(r.startTimeNs)!,
      endTimeNs: toBig(r.endTimeNs),
      statusCode: r.statusCode as string,
      inputs: (r.inputs as string | null) ?? null,
      outputs: (r.outputs as string | null) ?? null,
    });
  }
  const metaOf = new Map<string, Map<string, string>>();
  for (const m of meta) {
    const id = m.traceId as string;
    if (!metaOf.has(id)) metaOf.set(id, new Map());
    metaOf.get(id)!.set(m.key as string, m.value as string);
  }
  const storedOf = new Map(stored.map((t) => [t.id as string, t]));
  const modelRows = new Map<string, { model: string; inputTokens: number; outputTokens: number }[]>();
  for (const m of models) {
    const id = m.traceId as string;
    if (!modelRows.has(id)) modelRows.set(id, []);
    modelRows.get(id)!.push({
      model: m.model as string,
      inputTokens: toNum(m.inputTokens) ?? 0,
      outputTokens: toNum(m.outputTokens) ?? 0,
    });
  }
  for (const id of old) usage.set(id, usageByModel(modelRows.get(id) ?? []));

  const plans = old.map((id) => {
    const s = sumOf.get(id);
    const t = storedOf.get(id);
    return planTrace(
      id,
      {
        count: toNum(s?.n) ?? 0,
        inputTokens: toNum(s?.inputTokens),
        outputTokens: toNum(s?.outputTokens),
        minStartNs: toBig(s?.minStart),
      },
      rootOf.get(id),
      metaOf.get(id) ?? new Map(),
      t
        ? {
            requestPreview: (t.requestPreview as string | null) ?? null,
            responsePreview: (t.responsePreview as string | null) ?? null,
            name: (t.name as string | null) ?? null,
          }
        : undefined,
      false,
      perRequest.get(id)!,
    );
  });
  yield sql.updateById(
    "Trace",
    [
      ["spanCount", "int"],
      ["inputTokens", "int"],
      ["outputTokens", "int"],
      ["totalTokens", "int"],
      ["costUsd", "float8"],
      ["updatedAt", "timestamp"],
    ],
    OPTIONAL_TRACE_COLUMNS.map((c) => [c, OPTIONAL_TYPES[c]] as const),
    plans.map(({ id, data: d }) => [
      id,
      d.spanCount,
      d.inputTokens,
      d.outputTokens,
      d.totalTokens,
      totalCost(usage.get(id)!, lookup),
      stamp,
      ...OPTIONAL_TRACE_COLUMNS.flatMap((c) => [flag(c in d), (d[c] ?? null) as SqlValue]),
    ]),
  );
  return plans;
}

/** One row per (trace, key), the last one winning: a statement may not update a row twice (PostgreSQL). */
function dedupe(rows: KeyValueRow[]): KeyValueRow[] {
  const latest = new Map<string, KeyValueRow>();
  for (const r of rows) latest.set(`${r.traceId}\u0000${r.key}`, r);
  return [...latest.values()];
}

function* upsertKeyValues(
  sql: Sql,
  table: "TraceTag" | "TraceMetadata",
  rows: KeyValueRow[],
): Generator<Stmt, void, Row[]> {
  if (!rows.length) return;
  yield sql.insert(
    table,
    KV_COLUMNS,
    dedupe(rows).map((r) => [r.traceId, r.key, r.value]),
    `ON CONFLICT ("traceId", "key") DO UPDATE SET "value" = excluded."value"`,
  );
}

function* readPrices(): Generator<Stmt, PriceLookup, Row[]> {
  const prices = yield {
    sql: `SELECT "model", "inputUsdPerMillion", "outputUsdPerMillion" FROM "ModelPrice"`,
    params: [],
  };
  return priceLookup(
    prices.map((p) => ({
      model: p.model as string,
      inputUsdPerMillion: Number(p.inputUsdPerMillion),
      outputUsdPerMillion: Number(p.outputUsdPerMillion),
    })),
  );
}

/** TraceModelUsage: existing traces' rows replaced, new traces' inserted (lib/costs/trace-costs.ts reads them). */
function* writeUsage(sql: Sql, old: string[], usage: Map<string, ModelUsage[]>): Generator<Stmt, void, Row[]> {
  if (old.length) {
    const del = sql.inIds("traceId", old);
    yield { sql: `DELETE FROM "TraceModelUsage" WHERE ${del.sql}`, params: [del.param] };
  }
  const rows = [...usage].flatMap(([id, list]) => list.map((u) => [id, u.model, u.inputTokens, u.outputTokens]));
  if (rows.length) yield sql.insert("TraceModelUsage", USAGE_COLUMNS, rows, "");
}
