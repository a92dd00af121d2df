/**
 * OTLP decoding off the server's main thread (issue 14: ingestion uses both cores). Decoding and
 * normalising a 500-span request costs ~12 ms of CPU; on the main thread that time is taken
 * from everything else the server does (on SQLite, from the writer itself). A worker thread does
 * it instead and hands the spans back (taking them in costs the main thread ~2 ms).
 *
 * Small bodies (MLflow's Python client sends each span on its own) decode inline: the trip to
 * the thread would cost more than it saves. The thread starts on first use, stops after a
 * minute without work (an idle server keeps no second heap), and if it cannot start or dies,
 * its requests decode inline: the thread is an optimisation, never a failure of ingestion.
 * While it boots (loading its code takes a few hundred milliseconds) requests decode inline
 * too, rather than wait for it.
 * Same inputs, same spans, same errors (a 400/415 OtlpDecodeError) either way.
 *
 * The thread runs lib/ingestion/decode-thread/worker.ts through tsx (as `npm start` runs
 * scripts), found from the working directory, which is the project's root for the server,
 * the tests and the benchmarks. INGEST_DECODE_THREAD=0 decodes everything inline.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import { OtlpDecodeError, type OtlpTraceRequestInput } from "@/lib/ingestion/otlp";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import type { DecodeReady, DecodeReply, DecodeRequest } from "./protocol";

/** Bodies under this many bytes decode inline (a 10-span request is ~6 KB; 500 spans ~250 KB). */
export const INLINE_BELOW_BYTES = 32 * 1024;
const IDLE_MS = 60_000;
const WORKER_FILE = path.join(process.cwd(), "lib", "ingestion", "decode-thread", "worker.ts");

interface Pending {
  input: OtlpTraceRequestInput;
  resolve: (spans: NormalizedSpan[]) => void;
  reject: (err: unknown) => void;
}

function decodeInline(p: Pending) {
  try {
    p.resolve(decodeOtlpSpans(p.input));
  } catch (err) {
    p.reject(err);
  }
}

class DecodeThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  /** The thread never became ready: decode inline from now on (no tsx, no worker file, …). */
  private unusable = !fs.existsSync(WORKER_FILE);
  /** The running thread has loaded its code (DecodeReady). */
  ready = false;
  /** Requests the thread has answered (tests). */
  answered = 0;

  decode(input: OtlpTraceRequestInput): Promise<NormalizedSpan[]> {
    return new Promise((resolve, reject) => {
      const p = { input, resolve, reject };
      const worker = this.unusable ? null : this.start();
      if (!worker || !this.ready) return decodeInline(p);
      if (this.idle) clearTimeout(this.idle);
      const id = this.nextId++;
      this.pending.set(id, p);
      worker.postMessage({ id, input } satisfies DecodeRequest);
    });
  }

  /** Whether the thread is running now (tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    // An eval'd bootstrap: tsx's loader, then the worker's TypeScript source.
    const boot = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(
      pathToFileURL(WORKER_FILE).href,
    )}, ${JSON.stringify(pathToFileURL(process.cwd() + path.sep).href)}))`;
    let worker: Worker;
    try {
      worker = new Worker(boot, { eval: true, env: process.env });
    } catch {
      this.unusable = true;
      return null;
    }
    worker.unref();
    worker.on("message", (msg: DecodeReply | DecodeReady) => ("ready" in msg ? this.onReady() : this.onReply(msg)));
    worker.on("error", () => this.onExit(worker));
    worker.on("exit", () => this.onExit(worker));
    this.worker = worker;
    return worker;
  }

  private onReady() {
    this.ready = true;
    this.stopWhenIdle();
  }

  private onReply(reply: DecodeReply) {
    this.answered++;
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (!reply.error) p.resolve(reply.spans);
    else if (reply.error.status === 400 || reply.error.status === 415)
      p.reject(new OtlpDecodeError(reply.error.message, reply.error.status));
    else p.reject(new Error(reply.error.message));
    this.stopWhenIdle();
  }

  /** With nothing pending, the thread stops after IDLE_MS unless work arrives (decode clears it). */
  private stopWhenIdle() {
    if (this.pending.size) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.worker?.terminate(), IDLE_MS);
    this.idle.unref();
  }

  /** The thread stopped (idle, or a failure): whatever it still had decodes inline. */
  private onExit(worker: Worker) {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.ready) this.unusable = true;
    this.ready = false;
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) decodeInline(p);
  }
}

const globalForThread = globalThis as unknown as { __tracelightDecodeThread?: DecodeThread };

function thread(): DecodeThread {
  return (globalForThread.__tracelightDecodeThread ??= new DecodeThread());
}

/** decodeOtlpSpans, on the decode thread for bodies worth it. */
export function decodeOtlpSpansOffThread(input: OtlpTraceRequestInput): Promise<NormalizedSpan[]> {
  if (process.env.INGEST_DECODE_THREAD === "0" || input.body.byteLength < INLINE_BELOW_BYTES)
    return Promise.resolve().then(() => decodeOtlpSpans(input));
  return thread().decode(input);
}

/** Whether the decode thread is running and ready, and how many requests it has answered (tests). */
export function decodeThreadState(): { running: boolean; ready: boolean; answered: number } {
  return { running: thread().running, ready: thread().ready, answered: thread().answered };
}
