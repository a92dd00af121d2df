"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api, errorMessage } from "@/components/ui/api-client";
import { evaluationKeys } from "./query-keys";
import type { DatasetDto, DatasetRecordDto, DatasetVersionDto } from "@/lib/evaluation/datasets/types";
import { Pager } from "@/components/ui/pager";
import { RecordEditor } from "./record-editor";
import { useApi } from "./use-api";
import { ValueText } from "./value-text";

const PAGE_SIZE = 50;

/** Browse a dataset version's records, edit expectations, merge a file in, export JSONL, start a run on it. */
export function DatasetView({ experimentId, datasetId }: { experimentId: string; datasetId: string }) {
  const ds = useApi<DatasetDto & { versions: DatasetVersionDto[] }>(`/api/evaluation/datasets/${datasetId}`);
  const [version, setVersion] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const v = version ?? ds.data?.currentVersion ?? null;
  const records = useApi<{ records: DatasetRecordDto[]; total: number; version: number }>(
    v ? `/api/evaluation/datasets/${datasetId}/records?version=${v}&page=${page}&pageSize=${PAGE_SIZE}` : null,
  );

  const client = useQueryClient();
  const refresh = () => {
    setVersion(null);
    setEditing(null);
    void client.invalidateQueries({ queryKey: evaluationKeys.all });
  };
  const mergeFile = useMutation({
    mutationFn: async (file: File) => {
      const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl";
      return api.post<{ version: number; inserted: number; updated: number }>(
        `/api/evaluation/datasets/${datasetId}/records`,
        { upload: { format, content: await file.text() } },
      );
    },
    onMutate: () => setMessage(null),
    onSuccess: (r) => {
      setMessage({ ok: true, text: `Version ${r.version}: ${r.inserted} added, ${r.updated} updated.` });
      refresh();
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  const merge = (file: File) => mergeFile.mutate(file);

  if (ds.error) return <p className="text-sm text-red-600">{ds.error}</p>;
  if (!ds.data) return <p className="text-sm text-slate-500">Loading dataset…</p>;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
        <label>
          Version{" "}
          <select
            aria-label="Version"
            value={v ?? ""}
            onChange={(e) => (setVersion(Number(e.target.value)), setPage(1))}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {ds.data.versions.map((x) => (
              <option key={x.version} value={x.version}>
                v{x.version} · {x.recordCount} records{x.note ? ` · ${x.note}` : ""}
              </option>
            ))}
          </select>
        </label>
        <a
          className="text-indigo-700 hover:underline"
          href={`/api/evaluation/datasets/${datasetId}/export?version=${v}`}
        >
          Export JSONL
        </a>
        <label className="text-slate-600">
          Merge a file (new version):{" "}
          <input
            aria-label="Merge file"
            type="file"
            accept=".jsonl,.json,.csv,.txt"
            onChange={(e) => e.target.files?.[0] && void merge(e.target.files[0])}
          />
        </label>
        <Link
          className="ml-auto text-indigo-700 hover:underline"
          href={`/experiments/${experimentId}/evaluation/new?dataset=${datasetId}`}
        >
          Evaluate this dataset →
        </Link>
      </div>
      {message ? (
        <p role="status" className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      ) : null}
      {records.data && records.data.total === 0 ? (
        <p className="text-sm text-slate-500">
          This version has no records: merge a JSONL or CSV file, or records from a labeling session.
        </p>
      ) : null}
      {records.data && records.data.total > 0 ? (
        <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              <th className="w-10 px-3 py-2">#</th>
              <th className="px-3 py-2">Inputs</th>
              <th className="px-3 py-2">Expectations</th>
              <th className="w-32 px-3 py-2">Source trace</th>
              <th className="w-20 px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {records.data.records.map((r) => (
              <tr key={r.id} data-testid="dataset-record">
                <td className="px-3 py-2 text-slate-500">{r.position + 1}</td>
                <td className="max-w-sm px-3 py-2">
                  <ValueText value={r.inputs} />
                </td>
                <td className="max-w-sm px-3 py-2">
                  {editing === r.id ? (
                    <RecordEditor
                      datasetId={datasetId}
                      recordId={r.id}
                      expectations={r.expectations}
                      onSaved={refresh}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <ValueText value={r.expectations} />
                  )}
                </td>
                <td className="px-3 py-2">
                  {r.sourceTraceId ? (
                    <Link
                      className="font-mono text-xs text-indigo-700 hover:underline"
                      href={`/experiments/${experimentId}/traces/${r.sourceTraceId}`}
                    >
                      {r.sourceTraceId.slice(0, 11)}…
                    </Link>
                  ) : (
                    <span className="text-xs text-slate-500">—</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {editing !== r.id ? (
                    <Button variant="ghost" onClick={() => setEditing(r.id)}>
                      Edit
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {records.data ? (
        <Pager shortcuts page={page} pageSize={PAGE_SIZE} total={records.data.total} onPage={setPage} />
      ) : null}
    </div>
  );
}
