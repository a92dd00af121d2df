/**
 * One-dimensional PostgreSQL arrays in the binary wire format, for the ingestion writer's
 * `unnest($n::text[], …)` parameters (postgres.ts). `pg` sends a JS array as an array literal:
 * every element quoted and its quotes and backslashes escaped (two regex passes over every span's
 * inputs, outputs and attributes), the literal built as one string, then encoded again; the
 * server parses it back character by character. In the binary format each element is its length
 * and its bytes: the text is encoded once, straight into the buffer, and neither side escapes or
 * scans anything. `pg` sends a Buffer parameter as binary (format code 1).
 *
 * Layout (array_recv): ndim, has-nulls flag, element type OID, then per dimension its length and
 * lower bound, then per element a 4-byte length (-1 for NULL) and that many bytes.
 */
import type { PgType, SqlValue } from "./sql";

const OID: Record<PgType, number> = { text: 25, bigint: 20, int: 23, float8: 701, bool: 16, timestamp: 1114 };
const FIXED: Partial<Record<PgType, number>> = { bigint: 8, int: 4, float8: 8, bool: 1, timestamp: 8 };
/** PostgreSQL timestamps count microseconds from 2000-01-01 00:00 UTC. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const HEADER = 20;

export function binaryArray(type: PgType, values: readonly SqlValue[]): Buffer {
  const fixed = FIXED[type];
  let size = HEADER;
  let nulls = 0;
  // Text lengths are measured once and kept for the write.
  const lengths = fixed === undefined ? new Int32Array(values.length) : null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    size += 4;
    if (v === null || v === undefined) {
      nulls = 1;
      continue;
    }
    if (lengths) size += lengths[i] = Buffer.byteLength(String(v), "utf8");
    else size += fixed!;
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(nulls, 4);
  buf.writeInt32BE(OID[type], 8);
  buf.writeInt32BE(values.length, 12);
  buf.writeInt32BE(1, 16);
  let at = HEADER;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      at = buf.writeInt32BE(-1, at);
      continue;
    }
    if (lengths) {
      at = buf.writeInt32BE(lengths[i]!, at);
      at += buf.write(String(v), at, "utf8");
      continue;
    }
    at = buf.writeInt32BE(fixed!, at);
    at = writeFixed(buf, at, type, v);
  }
  return buf;
}

function writeFixed(buf: Buffer, at: number, type: PgType, v: Exclude<SqlValue, null>): number {
  switch (type) {
    case "bigint":
      return buf.writeBigInt64BE(typeof v === "bigint" ? v : BigInt(v), at);
    case "int":
      return buf.writeInt32BE(Number(v), at);
    case "float8":
      return buf.writeDoubleBE(Number(v), at);
    case "bool":
      return buf.writeUInt8(v === true || v === 1 || v === "true" ? 1 : 0, at);
    case "timestamp": {
      const ms = Date.parse(String(v));
      if (!Number.isFinite(ms)) throw new Error(`not a timestamp: ${String(v)}`);
      return buf.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, at);
    }
    default:
      throw new Error(`no fixed-size encoding for ${type}`);
  }
}
