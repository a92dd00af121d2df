/**
 * Job handlers by name. Features register theirs (lib/bootstrap/worker.ts does it for the
 * server); kept on globalThis so Next.js bundles that load this module twice share one table.
 */
import type { JobHandler } from "@/lib/jobs/types";

const g = globalThis as unknown as { __tracelightJobHandlers?: Map<string, JobHandler> };
const handlers = () => (g.__tracelightJobHandlers ??= new Map());

/**
 * JOBS_NAMESPACE (tests) prefixes every queue name, so processes of one namespace never run
 * another's jobs on a shared database; unset in production.
 */
export function queueName(name: string): string {
  const ns = process.env.JOBS_NAMESPACE;
  return ns ? `${ns}-${name}` : name;
}

/** The handler name behind a (possibly namespaced) queue name. */
export function baseName(queue: string): string {
  const ns = process.env.JOBS_NAMESPACE;
  return ns && queue.startsWith(`${ns}-`) ? queue.slice(ns.length + 1) : queue;
}

export function registerHandler<P>(name: string, handler: JobHandler<P>): void {
  handlers().set(name, handler as JobHandler);
}

export function handlerFor(name: string): JobHandler {
  const h = handlers().get(baseName(name));
  if (!h) throw new Error(`no handler registered for job '${name}'`);
  return h;
}

export function registeredNames(): string[] {
  return [...handlers().keys()].map(queueName);
}
