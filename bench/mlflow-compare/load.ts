/**
 * The load both servers get: request bodies made once (so each server receives byte-identical
 * bytes, in the same order) and a timed phase of K concurrent clients over them.
 */
import { makeOtlpBodies } from "../ingest/workload";
import { timedPhase, type TimedPhase } from "../timed-phase";

/** `requests` bodies of `tracesPer` whole traces of `spans` spans (an OpenTelemetry batch exporter's shape). */
export function batchBodies(requests: number, tracesPer: number, spans: number): Uint8Array<ArrayBuffer>[] {
  return makeOtlpBodies(requests * tracesPer, spans, tracesPer).map((b) => new Uint8Array(b));
}

export interface PhaseResult extends TimedPhase {
  /** The body pool ran out before the time did (the phase is then shorter). */
  exhausted: boolean;
}

/**
 * K clients post bodies in order (each body once: a resent span would be an upsert on one server
 * and maybe an error on the other) for a second of warm-up, then `seconds` timed (timed-phase.ts).
 */
export async function phase(
  label: string,
  serverPid: number,
  clients: number,
  seconds: number,
  bodies: Uint8Array<ArrayBuffer>[],
  post: (body: Uint8Array<ArrayBuffer>) => Promise<Response>,
): Promise<PhaseResult> {
  const send = (i: number) => (i < bodies.length ? post(bodies[i]!) : null);
  const result = await timedPhase({ label, serverPid, clients, seconds, send });
  return { ...result, exhausted: result.sent >= bodies.length };
}

/** Polls `count` until it reaches `expected` (a store may commit just after answering) or `ms` pass. */
export async function storedAtLeast(count: () => Promise<number>, expected: number, ms = 15_000): Promise<number> {
  const until = Date.now() + ms;
  let n = await count();
  while (n < expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    n = await count();
  }
  return n;
}
