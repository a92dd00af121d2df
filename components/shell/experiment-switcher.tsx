"use client";

import { usePathname, useRouter } from "next/navigation";

/** Switches experiment while staying in the same section (Traces, Labeling, Evaluation). */
export function ExperimentSwitcher({
  experiments,
  currentId,
}: {
  experiments: { id: string; name: string }[];
  currentId: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  if (experiments.length === 0) return null;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-400">Experiment</span>
      <select
        aria-label="Experiment"
        className="max-w-56 rounded-md border border-slate-600 bg-slate-800 px-2 py-1 text-sm text-white"
        value={currentId ?? ""}
        onChange={(e) => {
          const id = e.target.value;
          const section = /^\/experiments\/[^/]+\/([^/]+)/.exec(pathname)?.[1] ?? "traces";
          router.push(`/experiments/${id}/${section}`);
        }}
      >
        {currentId === null ? <option value="">Choose…</option> : null}
        {experiments.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
