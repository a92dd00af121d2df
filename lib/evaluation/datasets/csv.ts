/**
 * A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks.
 * Each row carries its 1-based row number (not its line: a quoted cell may span lines).
 */
import { ValidationError } from "@/lib/errors";

export interface CsvRow {
  row: number;
  cells: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's byte-order mark
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStartLine = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ row: rows.length + 1, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
      rowStartLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new ValidationError(`row ${rows.length + 1} (line ${rowStartLine}): a quoted cell is never closed`);
  if (cell !== "" || cells.length) endRow();
  return rows;
}
