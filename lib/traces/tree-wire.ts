/**
 * The compact span tree a trace view loads first (client-safe, pure): for every span only what
 * the tree and the waterfall draw (id, parent, name, type, times, status), no inputs, outputs,
 * attributes or events, which load per span on demand. Sent as columns so a 50,000-span trace
 * stays around 2-3 MB of JSON (well under a megabyte compressed): parents as indexes into the
 * same columns, names, types and statuses through small dictionaries, times as nanosecond
 * offsets from the earliest start (exact as JS numbers for traces shorter than 104 days).
 */

/** One span of the tree, as the components use it. */
export interface SpanSummaryDto {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  /** Nanoseconds since the epoch as decimal strings (they exceed 2^53). */
  startTimeNs: string;
  endTimeNs: string | null;
  statusCode: string;
}

/** The wire form: same index, same span; spans in start order. */
export interface SpanTreeWire {
  /** The earliest start, ns since the epoch (decimal string); "0" without spans. */
  baseNs: string;
  spanIds: string[];
  /** The span id of each span's parent when it is not in the trace (an orphan), else null. */
  parentIds?: (string | null)[];
  /** Index of the parent span in these columns, -1 for none (or a parent outside the trace, see parentIds). */
  parents: number[];
  names: string[];
  nameIndex: number[];
  types: string[];
  typeIndex: number[];
  statuses: string[];
  statusIndex: number[];
  /** Start minus baseNs, in ns. */
  starts: number[];
  /** End minus start in ns; null while the span has not ended. */
  durations: (number | null)[];
}

/** A span as the database gives it, times as nanoseconds since the epoch. */
export interface TreeSpanRow {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: string;
}

/**
 * A span with its times already relative (the SQL computes them, so encoding does no BigInt
 * arithmetic): start minus the trace's earliest start, and duration, in ns.
 */
export interface TreeOffsetRow {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  startOffsetNs: number;
  durationNs: number | null;
  statusCode: string;
}

/** Rows with absolute times -> relative ones (for callers holding whole span rows). */
export function toOffsetRows(rows: readonly TreeSpanRow[]): { baseNs: string; rows: TreeOffsetRow[] } {
  const base = rows.reduce<bigint | null>((m, r) => (m === null || r.startTimeNs < m ? r.startTimeNs : m), null) ?? 0n;
  return {
    baseNs: base.toString(),
    rows: rows.map((r) => ({
      spanId: r.spanId,
      parentSpanId: r.parentSpanId,
      name: r.name,
      spanType: r.spanType,
      startOffsetNs: Number(r.startTimeNs - base),
      durationNs: r.endTimeNs === null ? null : Number(r.endTimeNs - r.startTimeNs),
      statusCode: r.statusCode,
    })),
  };
}

/** Rows (in start order) -> columns. */
export function encodeSpanTree(baseNs: string, rows: readonly TreeOffsetRow[]): SpanTreeWire {
  const index = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) index.set(rows[i]!.spanId, i);
  const dict = () => {
    const values: string[] = [];
    const at = new Map<string, number>();
    return {
      values,
      of(v: string) {
        let i = at.get(v);
        if (i === undefined) at.set(v, (i = values.push(v) - 1));
        return i;
      },
    };
  };
  const [names, types, statuses] = [dict(), dict(), dict()];
  const n = rows.length;
  const w: SpanTreeWire = {
    baseNs,
    spanIds: new Array<string>(n),
    parents: new Array<number>(n),
    names: names.values,
    nameIndex: new Array<number>(n),
    types: types.values,
    typeIndex: new Array<number>(n),
    statuses: statuses.values,
    statusIndex: new Array<number>(n),
    starts: new Array<number>(n),
    durations: new Array<number | null>(n),
  };
  let parentIds: (string | null)[] | undefined;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    w.spanIds[i] = r.spanId;
    const p = r.parentSpanId === null ? undefined : index.get(r.parentSpanId);
    w.parents[i] = p ?? -1;
    if (r.parentSpanId !== null && p === undefined)
      (parentIds ??= new Array<string | null>(n).fill(null))[i] = r.parentSpanId;
    w.nameIndex[i] = names.of(r.name);
    w.typeIndex[i] = types.of(r.spanType);
    w.statusIndex[i] = statuses.of(r.statusCode);
    w.starts[i] = r.startOffsetNs;
    w.durations[i] = r.durationNs;
  }
  if (parentIds) w.parentIds = parentIds;
  return w;
}

/**
 * `base + offset` as a decimal string, for a base of up to 19 digits and an offset below 2^53,
 * without BigInt (50,000 spans, two times each): the base split at 10^9 keeps every part exact.
 */
function addNs(hi: number, lo: number, offset: number): string {
  const low = lo + offset;
  const carry = Math.floor(low / 1e9);
  const rest = low - carry * 1e9;
  const high = hi + carry;
  return high === 0 ? String(rest) : `${high}${String(rest).padStart(9, "0")}`;
}

/** Span `i` of the columns as the components use it; `hi`/`lo`: baseNs split at 10^9. */
export function spanAt(w: SpanTreeWire, i: number, hi: number, lo: number): SpanSummaryDto {
  const start = w.starts[i]!;
  const d = w.durations[i];
  const p = w.parents[i]!;
  return {
    spanId: w.spanIds[i]!,
    parentSpanId: p >= 0 ? w.spanIds[p]! : (w.parentIds?.[i] ?? null),
    name: w.names[w.nameIndex[i]!]!,
    spanType: w.types[w.typeIndex[i]!]!,
    startTimeNs: addNs(hi, lo, start),
    endTimeNs: d === null || d === undefined ? null : addNs(hi, lo, start + d),
    statusCode: w.statuses[w.statusIndex[i]!]!,
  };
}

/** Columns -> the spans the components use. */
export function decodeSpanTree(w: SpanTreeWire): SpanSummaryDto[] {
  const hi = w.baseNs.length > 9 ? Number(w.baseNs.slice(0, -9)) : 0;
  const lo = Number(w.baseNs.slice(-9));
  return w.spanIds.map((_, i) => spanAt(w, i, hi, lo));
}
