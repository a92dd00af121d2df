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

export interface TreeSpanRow {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: string;
}

/** Rows (in start order) -> columns. */
export function encodeSpanTree(rows: readonly TreeSpanRow[]): SpanTreeWire {
  const base = rows.reduce<bigint | null>((m, r) => (m === null || r.startTimeNs < m ? r.startTimeNs : m), null) ?? 0n;
  const index = new Map(rows.map((r, i) => [r.spanId, i]));
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
  let orphans = false;
  const parentIds = rows.map((r) => {
    const outside = r.parentSpanId !== null && !index.has(r.parentSpanId);
    orphans ||= outside;
    return outside ? r.parentSpanId : null;
  });
  return {
    baseNs: base.toString(),
    spanIds: rows.map((r) => r.spanId),
    ...(orphans ? { parentIds } : {}),
    parents: rows.map((r) => (r.parentSpanId === null ? -1 : (index.get(r.parentSpanId) ?? -1))),
    names: names.values,
    nameIndex: rows.map((r) => names.of(r.name)),
    types: types.values,
    typeIndex: rows.map((r) => types.of(r.spanType)),
    statuses: statuses.values,
    statusIndex: rows.map((r) => statuses.of(r.statusCode)),
    starts: rows.map((r) => Number(r.startTimeNs - base)),
    durations: rows.map((r) => (r.endTimeNs === null ? null : Number(r.endTimeNs - r.startTimeNs))),
  };
}

/** Columns -> the spans the components use. */
export function decodeSpanTree(w: SpanTreeWire): SpanSummaryDto[] {
  const base = BigInt(w.baseNs);
  return w.spanIds.map((spanId, i) => {
    const start = base + BigInt(w.starts[i]!);
    const d = w.durations[i];
    const p = w.parents[i]!;
    return {
      spanId,
      parentSpanId: p >= 0 ? w.spanIds[p]! : (w.parentIds?.[i] ?? null),
      name: w.names[w.nameIndex[i]!]!,
      spanType: w.types[w.typeIndex[i]!]!,
      startTimeNs: start.toString(),
      endTimeNs: d === null || d === undefined ? null : (start + BigInt(d)).toString(),
      statusCode: w.statuses[w.statusIndex[i]!]!,
    };
  });
}
