import { randomBytes, randomUUID } from "node:crypto";

/** Random lowercase hex of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** Opaque id for our own rows. */
export function newId(): string {
  return randomUUID().replace(/-/g, "");
}

export const newTraceId = () => `tr-${randomHex(16)}`;
export const newSpanId = () => randomHex(8);
export const newAssessmentId = () => `a-${randomHex(16)}`;
export const newRunId = () => randomHex(16);

/** MLflow-style experiment id: a numeric string (MLflow uses 18 random digits). */
export function newExperimentId(): string {
  const n = BigInt(`0x${randomHex(8)}`) % 900000000000000000n;
  return (n + 100000000000000000n).toString();
}
