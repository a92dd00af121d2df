/**
 * Ids: new ones for our rows, and the one trace-id format. OTel trace ids are 16 bytes, span ids
 * 8; OTLP protobuf carries raw bytes, OTLP JSON hex (but some senders use base64), traces.json
 * base64 (v3), hex or `0x` hex (v2 / 3.5). We store lowercase hex, and MLflow trace ids as
 * "tr-" + 32 lowercase hex (canonicalTraceId reads every form clients send).
 */
import { randomBytes, randomUUID } from "node:crypto";

/** Random lowercase hex of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** Opaque id for our own rows. */
export function newId(): string {
  return randomUUID().replace(/-/g, "");
}

export const newTraceId = () => mlflowTraceIdFromHex(randomHex(16));
export const newSpanId = () => randomHex(8);
export const newAssessmentId = () => `a-${randomHex(16)}`;
export const newRunId = () => randomHex(16);

/** MLflow-style experiment id: a numeric string (MLflow uses 18 random digits). */
export function newExperimentId(): string {
  const n = BigInt(`0x${randomHex(8)}`) % 900000000000000000n;
  return (n + 100000000000000000n).toString();
}

const HEX_RE = /^[0-9a-f]*$/i;
const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}

export function base64ToHex(b64: string): string {
  return Buffer.from(b64, "base64").toString("hex");
}

/**
 * Reads an id written as hex (optionally `0x`-prefixed) or base64 and returns lowercase hex of
 * exactly `bytes` bytes, or null when it is neither. Lengths tell the encodings apart: 8 bytes are
 * 16 hex chars but 12 base64 chars, 16 bytes are 32 hex chars but 24 base64 chars.
 */
export function parseIdFlexible(value: string, bytes: 8 | 16): string | null {
  const s = value.trim();
  const hex = s.replace(/^0x/i, "");
  if (hex.length === bytes * 2 && HEX_RE.test(hex)) return hex.toLowerCase();
  // Base64 as written: an id whose base64 happens to begin with "0x" is not hex.
  if (BASE64_RE.test(s) && s.length > 0) {
    const buf = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (buf.length === bytes) return buf.toString("hex");
  }
  return null;
}

/** True for all-zero ids, which the OTLP spec declares invalid. */
export function isZeroHex(hex: string): boolean {
  return /^0+$/.test(hex);
}

/** "tr-" + 32 lowercase hex, the MLflow trace id for an OTel trace id. */
export function mlflowTraceIdFromHex(hex: string): string {
  return `tr-${hex.toLowerCase()}`;
}

/**
 * Accepts an MLflow trace id as clients send it ("tr-<32 hex>", or MLflow 2's bare 32 hex request
 * id) and returns the canonical "tr-<32 hex>", or null when it is not one.
 */
export function canonicalTraceId(value: string): string | null {
  const m = /^(?:tr-)?([0-9a-f]{32})$/i.exec(value.trim());
  return m ? mlflowTraceIdFromHex(m[1]) : null;
}

/** The 32 hex chars of a canonical MLflow trace id. */
export function hexFromMlflowTraceId(traceId: string): string {
  return traceId.replace(/^tr-/, "");
}
