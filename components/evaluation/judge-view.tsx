"use client";

import type { JudgeDetailDto } from "@/lib/evaluation/custom-judges/types";
import { JudgeAgreementPanel } from "./judge-agreement-panel";
import { JudgeForm } from "./judge-form";
import { useApi } from "./use-api";

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** One custom judge: agreement with the experts per version, the edit form (a new version) and every version's prompt. */
export function JudgeView({ experimentId, judgeId }: { experimentId: string; judgeId: string }) {
  const { data, error } = useApi<JudgeDetailDto>(`/api/evaluation/judges/${judgeId}`);
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading judge…</p>;
  return (
    <div className="space-y-5">
      <JudgeAgreementPanel
        experimentId={experimentId}
        url={`/api/evaluation/judges/${judgeId}/agreement`}
        title="Agreement with the experts, per version (over every run that used it)"
      />
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 className="mb-3 text-base font-semibold">Edit (saves version {data.currentVersion + 1})</h2>
        <JudgeForm key={data.currentVersion} experimentId={experimentId} judge={data} />
      </section>
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 className="text-base font-semibold">Versions</h2>
        <ol className="mt-2 space-y-3 text-sm" data-testid="judge-versions">
          {data.versions.map((v) => (
            <li key={v.id}>
              <div className="text-slate-600">
                <span className="font-medium text-slate-900">v{v.version}</span> · {when(v.createdAt)} · {v.outputType}
                {v.outputType === "categorical" ? ` (${v.options.join(", ")})` : ""}
                {v.outputType === "numeric" ? ` (${v.min}–${v.max})` : ""} ·{" "}
                {v.model ? `${v.model} at ${v.baseUrl}${v.apiKeySet ? ", key set" : ""}` : "judge settings"}
              </div>
              <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
                {v.prompt}
              </pre>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
