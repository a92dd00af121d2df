/**
 * Parsing uploaded dataset files (JSONL or CSV) into validated records. Every problem is reported
 * with its line (JSONL) or row (CSV, counting the header as row 1), so a user can fix the file.
 *
 * CSV columns: `inputs` / `expectations` / `outputs` / `tags` hold JSON; `inputs.<key>` and
 * `expectations.<key>` set one key; `expected_response`, `expected_facts` and `guidelines` are
 * expectations; `sourceTraceId` links a trace; any other column is an input key. Files written before
 * the API moved to camelCase say `source_trace_id`: it is read as `sourceTraceId`.
 */
import { ValidationError } from "@/lib/errors";
import { ZDatasetRecordInput, type TDatasetRecordInput } from "@/lib/evaluation/schemas";
import { parseCsv } from "@/lib/evaluation/datasets/csv";
import { depthMessage, jsonDepthExceededAt } from "@/lib/security/json-depth";

export const MAX_UPLOAD_RECORDS = 10_000;
const MAX_REPORTED = 20;
const EXPECTATION_COLUMNS = new Set(["expected_response", "expected_facts", "guidelines"]);

export interface UploadProblem {
  line: number;
  message: string;
}

function issuesText(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "record"}: ${i.message}`).join("; ");
}

function fail(problems: UploadProblem[], unit: "line" | "row"): never {
  const shown = problems.slice(0, MAX_REPORTED);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : "";
  throw new ValidationError(
    `The file has ${problems.length} invalid ${unit}${problems.length === 1 ? "" : "s"}: ${shown.map((p) => `${unit} ${p.line}: ${p.message}`).join(" | ")}${more}`,
    {
      problems: shown,
    },
  );
}

/** JSON.parse within the request nesting limit (deeper documents overflow the steps after parsing). */
function parseLimited(text: string): unknown {
  const at = jsonDepthExceededAt(text);
  if (at >= 0) throw new Error(depthMessage("the value", at));
  return JSON.parse(text);
}

/** Older exports (and MLflow-style files) name the trace link `source_trace_id`. */
function withLegacyTraceKey(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value) || !("source_trace_id" in value)) return value;
  const { source_trace_id: legacy, ...rest } = value as Record<string, unknown>;
  return "sourceTraceId" in rest ? rest : { ...rest, sourceTraceId: legacy };
}

export function parseJsonl(text: string): TDatasetRecordInput[] {
  const records: TDatasetRecordInput[] = [];
  const problems: UploadProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = parseLimited(raw);
    } catch (e) {
      problems.push({ line: i + 1, message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const parsed = ZDatasetRecordInput.safeParse(withLegacyTraceKey(value));
    if (parsed.success) records.push(parsed.data);
    else problems.push({ line: i + 1, message: issuesText(parsed.error) });
  });
  if (problems.length) fail(problems, "line");
  if (records.length > MAX_UPLOAD_RECORDS)
    throw new ValidationError(`The file has ${records.length} records; the limit is ${MAX_UPLOAD_RECORDS}`);
  if (!records.length) throw new ValidationError("The file has no records");
  return records;
}

/** A cell's JSON, or the text itself when it is not JSON (so `42` is a number, `Paris` a string). */
function cellValue(cell: string): unknown {
  const t = cell.trim();
  if (/^[[{"]/.test(t) || /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t) || t === "true" || t === "false") {
    try {
      return parseLimited(t);
    } catch {
      return cell;
    }
  }
  return cell;
}

function jsonCell(cell: string, column: string): unknown {
  try {
    return parseLimited(cell);
  } catch {
    throw new Error(`column '${column}' must hold JSON`);
  }
}

function csvRecord(header: string[], cells: string[]): unknown {
  const rec: Record<string, unknown> = { inputs: {}, expectations: {} };
  const inputs = rec.inputs as Record<string, unknown>;
  const expectations = rec.expectations as Record<string, unknown>;
  header.forEach((column, i) => {
    const cell = cells[i] ?? "";
    if (cell === "") return;
    if (column === "inputs" || column === "expectations") Object.assign(rec[column] as object, jsonCell(cell, column));
    else if (column === "outputs") rec.outputs = cellValue(cell);
    else if (column === "tags") rec.tags = jsonCell(cell, column);
    else if (column === "sourceTraceId" || column === "source_trace_id") rec.sourceTraceId = cell.trim();
    else if (column.startsWith("inputs.")) inputs[column.slice(7)] = cellValue(cell);
    else if (column.startsWith("expectations.")) expectations[column.slice(13)] = cellValue(cell);
    else if (EXPECTATION_COLUMNS.has(column)) expectations[column] = cellValue(cell);
    else inputs[column] = cellValue(cell);
  });
  return rec;
}

export function parseCsvRecords(text: string): TDatasetRecordInput[] {
  const rows = parseCsv(text);
  if (rows.length < 2) throw new ValidationError("The CSV needs a header row and at least one record");
  const header = rows[0]!.cells.map((h) => h.trim());
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new ValidationError(`row 1: column '${dup}' appears twice`);
  const records: TDatasetRecordInput[] = [];
  const problems: UploadProblem[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    if (row.cells.length !== header.length) {
      problems.push({ line: row.row, message: `has ${row.cells.length} cells, the header has ${header.length}` });
      continue;
    }
    try {
      const parsed = ZDatasetRecordInput.safeParse(csvRecord(header, row.cells));
      if (parsed.success) records.push(parsed.data);
      else problems.push({ line: row.row, message: issuesText(parsed.error) });
    } catch (e) {
      problems.push({ line: row.row, message: (e as Error).message });
    }
  }
  if (problems.length) fail(problems, "row");
  if (records.length > MAX_UPLOAD_RECORDS)
    throw new ValidationError(`The file has ${records.length} records; the limit is ${MAX_UPLOAD_RECORDS}`);
  return records;
}

export function parseUpload(format: "jsonl" | "csv", text: string): TDatasetRecordInput[] {
  return format === "jsonl" ? parseJsonl(text) : parseCsvRecords(text);
}
