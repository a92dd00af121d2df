"use client";

import { Gavel } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import type { JudgeDto } from "@/lib/evaluation/custom-judges/types";
import { JudgeForm } from "./judge-form";
import { useApi } from "./use-api";

const OUTPUT_TEXT = { yes_no: "yes/no", categorical: "categorical", numeric: "numeric" } as const;

/** Evaluation → Judges: the experiment's custom judges and the form to define one. */
export function JudgesPanel({ experimentId }: { experimentId: string }) {
  const router = useRouter();
  const { data, error } = useApi<{ judges: JudgeDto[] }>(`/api/evaluation/experiments/${experimentId}/judges`);
  const base = `/experiments/${experimentId}/evaluation/judges`;
  return (
    <div className="space-y-5">
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 className="text-base font-semibold">Custom judges</h2>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-600">
            {error}
          </p>
        ) : null}
        {!data && !error ? <p className="mt-2 text-sm text-slate-500">Loading…</p> : null}
        {data && data.judges.length === 0 ? (
          <EmptyState title="No custom judges yet">
            Define one below: a prompt with {"{{ inputs }}"} and {"{{ outputs }}"}, what it answers, and the expert
            label to check it against. It then appears in the scorer list of a new run.
          </EmptyState>
        ) : null}
        {data && data.judges.length ? (
          <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="judge-list">
            {data.judges.map((j) => (
              <li key={j.id} className="flex flex-wrap items-center gap-3 py-2">
                <Gavel aria-hidden className="size-4 text-slate-400" />
                <Link href={`${base}/${j.id}`} className="font-medium text-indigo-700 hover:underline">
                  {j.name}
                </Link>
                <span className="text-slate-500">
                  v{j.currentVersion} · {OUTPUT_TEXT[j.current.outputType]} · compared with{" "}
                  <span className="font-mono">{j.labelName}</span> ·{" "}
                  {j.current.model ? `model ${j.current.model}` : "judge settings' model"}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 className="mb-3 text-base font-semibold">New judge</h2>
        <JudgeForm experimentId={experimentId} onSaved={(j) => router.push(`${base}/${j.id}`)} />
      </section>
    </div>
  );
}
