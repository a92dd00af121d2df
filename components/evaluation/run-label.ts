/**
 * How a run is named everywhere (lists, the compare picker, breadcrumbs): its name, when it
 * started and a short id, so three runs called "nightly" can be told apart. The time is UTC so
 * the server-rendered and browser-rendered text agree.
 */
export const shortRunId = (id: string) => id.slice(0, 8);

export function runTime(createdAt: number): string {
  return `${new Date(createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function runLabel(r: { name: string; createdAt: number; id: string }): string {
  return `${r.name} · ${runTime(r.createdAt)} · ${shortRunId(r.id)}`;
}
