/**
 * Job handlers by name. Features register theirs (lib/bootstrap/worker.ts does it for the
 * server); kept on globalThis so Next.js bundles that load this module twice share one table.
 */
import type { JobHandler } from "@/lib/jobs/types";

const g = globalThis as unknown as { __tracelightJobHandlers?: Map<string, JobHandler> };
const handlers = () => (g.__tracelightJobHandlers ??= new Map());

export function registerHandler<P>(name: string, handler: JobHandler<P>): void {
  handlers().set(name, handler as JobHandler);
}

export function handlerFor(name: string): JobHandler {
  const h = handlers().get(name);
  if (!h) throw new Error(`no handler registered for job '${name}'`);
  return h;
}

export function registeredNames(): string[] {
  return [...handlers().keys()];
}
