"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import type { DatasetDto } from "@/lib/evaluation/datasets/types";
import { Pager } from "./pager";
import { useApi } from "./use-api";

const PAGE_SIZE = 20;
type Source = "session" | "upload" | "traces" | "empty";

/** The experiment's datasets, and a form to create one from a labeling session, a file, trace ids, or empty. */
export function DatasetsPanel({
  experimentId,
  sessions,
}: {
  experimentId: string;
  sessions: { id: string; name: string }[];
}) {
  const [page, setPage] = useState(1);
  const { data, error, reload } = useApi<{ datasets: DatasetDto[]; total: number }>(
    `/api/evaluation/experiments/${experimentId}/datasets?page=${page}&page_size=${PAGE_SIZE}`,
  );
  const [name, setName] = useState("");
  const [source, setSource] = useState<Source>(sessions.length ? "session" : "upload");
  const [sessionId, setSessionId] = useState(sessions[0]?.id ?? "");
  const [traceIds, setTraceIds] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const body: Record<string, unknown> = { name };
      if (source === "session") body.session_id = sessionId;
      if (source === "traces") body.trace_ids = traceIds.split(/[\s,]+/).filter(Boolean);
      if (source === "upload" && file)
        body.upload = {
          format: file.name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl",
          content: await file.text(),
        };
      const res = await apiFetch<{ inserted: number; skipped: number }>(
        `/api/evaluation/experiments/${experimentId}/datasets`,
        { method: "POST", json: body },
      );
      setMessage({
        ok: true,
        text: `Created '${name}' with ${res.inserted} records${res.skipped ? ` (${res.skipped} unlabelled items skipped)` : ""}.`,
      });
      setName("");
      reload();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const base = `/experiments/${experimentId}/evaluation/datasets`;
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Datasets</h2>
      <p className="mt-1 text-sm text-slate-600">
        Versioned records of inputs and expectations. Each change writes a new version; older versions stay readable.
      </p>
      {error ? <p className="mt-2 text-sm text-red-600">{error}</p> : null}
      {data && data.datasets.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          No datasets yet: create one below from a labeling session&apos;s expected responses, or upload a JSONL/CSV
          file.
        </p>
      ) : null}
      {data && data.datasets.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {data.datasets.map((d) => (
            <li key={d.id} data-testid="dataset-item" className="flex items-center justify-between py-1.5">
              <Link href={`${base}/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                {d.name}
              </Link>
              <span className="text-slate-500">
                v{d.currentVersion} · {d.recordCount} records
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {data ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
      ) : (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      )}

      <form onSubmit={create} className="mt-4 space-y-2 border-t border-slate-100 pt-4 text-sm">
        <div className="flex flex-wrap gap-2">
          <input
            aria-label="Dataset name"
            placeholder="New dataset name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5"
          />
          <select
            aria-label="Records from"
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="session">from a labeling session</option>
            <option value="upload">upload JSONL / CSV</option>
            <option value="traces">from trace ids</option>
            <option value="empty">empty</option>
          </select>
          {source === "session" ? (
            <select
              aria-label="Labeling session"
              value={sessionId}
              onChange={(e) => setSessionId(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {sessions.length ? (
                sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))
              ) : (
                <option value="">no sessions in this experiment</option>
              )}
            </select>
          ) : null}
          {source === "upload" ? (
            <input
              aria-label="Dataset file"
              type="file"
              accept=".jsonl,.json,.csv,.txt"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          ) : null}
          <Button
            type="submit"
            disabled={busy || !name.trim() || (source === "upload" && !file) || (source === "session" && !sessionId)}
          >
            {busy ? "Creating…" : "Create dataset"}
          </Button>
        </div>
        {source === "traces" ? (
          <textarea
            aria-label="Trace ids"
            placeholder="tr-… ids, separated by spaces, commas or lines"
            value={traceIds}
            onChange={(e) => setTraceIds(e.target.value)}
            className="h-20 w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
          />
        ) : null}
        {source === "upload" ? (
          <p className="text-xs text-slate-500">
            JSONL: one <code>{'{"inputs": {...}, "expectations": {...}}'}</code> per line. CSV: a header row;{" "}
            <code>expected_response</code>/<code>expected_facts</code>/<code>expectations.*</code> columns are
            expectations, other columns inputs. Up to 5 MB.
          </p>
        ) : null}
        {message ? (
          <p role="status" className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
            {message.text}
          </p>
        ) : null}
      </form>
    </section>
  );
}
