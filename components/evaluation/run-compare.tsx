"use client";

import Link from "next/link";
import type { EvaluationRunDto, RunRowDto } from "@/lib/evaluation/runs/types";
import { Pager } from "@/components/ui/pager";
import { ScoreBadge } from "./score-badge";
import { useApi } from "./use-api";
import { ValueText } from "./value-text";

const PAGE_SIZE = 25;
type Compare = {
  a: EvaluationRunDto;
  b: EvaluationRunDto;
  pairs: { key: string; a: RunRowDto; b: RunRowDto | null }[];
  total: number;
};

function Side({ experimentId, row, names }: { experimentId: string; row: RunRowDto | null; names: string[] }) {
  if (!row)
    return (
      <td className="px-3 py-2 text-xs text-slate-500" colSpan={2}>
        not in this run
      </td>
    );
  return (
    <>
      <td className="max-w-xs px-3 py-2">
        <ValueText value={row.outputs} />
        {row.traceId ? (
          <Link
            href={`/experiments/${experimentId}/traces/${row.traceId}`}
            className="mt-1 block font-mono text-xs text-indigo-700 hover:underline"
          >
            trace
          </Link>
        ) : null}
      </td>
      <td className="px-3 py-2">
        {names.map((n) => (
          <div key={n} className="mb-1">
            <span className="text-xs text-slate-500">{n}</span>{" "}
            <ScoreBadge score={row.scores.find((s) => s.scorerName === n)} showRationale={false} />
          </div>
        ))}
      </td>
    </>
  );
}

/** Two runs row by row, matched by inputs (the dataset record identity). */
export function RunCompare({
  experimentId,
  runId,
  otherId,
  page,
  onPage,
}: {
  experimentId: string;
  runId: string;
  otherId: string;
  page: number;
  onPage: (p: number) => void;
}) {
  const { data, error } = useApi<Compare>(
    `/api/evaluation/runs/${runId}/compare?other=${otherId}&page=${page}&pageSize=${PAGE_SIZE}`,
  );
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading comparison…</p>;
  const namesA = data.a.scorers.map((s) => s.name ?? s.type);
  const namesB = data.b.scorers.map((s) => s.name ?? s.type);
  return (
    <div>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-sm" data-testid="compare-table">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              <th className="px-3 py-2">Inputs</th>
              <th className="px-3 py-2" colSpan={2}>
                {data.a.name}
              </th>
              <th className="px-3 py-2" colSpan={2}>
                {data.b.name}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {data.pairs.map((p) => (
              <tr key={p.a.id}>
                <td className="max-w-xs px-3 py-2">
                  <ValueText value={p.a.inputs} />
                </td>
                <Side experimentId={experimentId} row={p.a} names={namesA} />
                <Side experimentId={experimentId} row={p.b} names={namesB} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager shortcuts page={page} pageSize={PAGE_SIZE} total={data.total} onPage={onPage} />
    </div>
  );
}
