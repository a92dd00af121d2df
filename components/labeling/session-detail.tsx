"use client";

import Link from "next/link";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import { AddItemsForm } from "@/components/labeling/add-items-form";
import { CopyButton } from "@/components/labeling/copy-button";
import { SessionAgreement } from "@/components/labeling/session-agreement";
import { SessionProgress } from "@/components/labeling/session-progress";
import { SessionResults } from "@/components/labeling/session-results";
import { SyncToDataset } from "@/components/labeling/sync-to-dataset";
import type { SessionAgreementDto } from "@/lib/labeling/types";
import type { ResultRowDto, SessionProgressDto } from "@/lib/labeling/types";
import type { LabelingSessionDto } from "@/lib/labeling/types";

type Results = { schemas: { name: string; title: string }[]; rows: ResultRowDto[]; next_page_token?: string };

function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** One session for its owners: share link, add traces, progress, results, agreement, export. */
export function SessionDetail({ session, origin }: { session: LabelingSessionDto; origin: string }) {
  const base = `/api/labeling/sessions/${session.id}`;
  const [progress, setProgress] = useState<SessionProgressDto | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [agreement, setAgreement] = useState<SessionAgreementDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [p, r, a] = await Promise.all([
        apiFetch<SessionProgressDto>(`${base}/progress`),
        apiFetch<Results>(`${base}/results?max_results=100`),
        apiFetch<SessionAgreementDto>(`${base}/agreement`),
      ]);
      setProgress(p);
      setResults(r);
      setAgreement(a);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [base]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const more = async () => {
    if (!results?.next_page_token) return;
    const page = await apiFetch<Results>(
      `${base}/results?max_results=100&page_token=${encodeURIComponent(results.next_page_token)}`,
    );
    setResults({ ...page, rows: [...results.rows, ...page.rows] });
  };
  const remove = async (itemId: string) => {
    await apiFetch(`${base}/items`, { method: "DELETE", json: { item_ids: [itemId] } });
    await refresh();
  };
  const shareUrl = `${origin}${session.url}`;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2 rounded-lg bg-indigo-50 p-3 text-sm">
        <span className="font-medium text-indigo-900">Share with reviewers:</span>
        <code data-testid="share-url" className="rounded bg-white px-2 py-1 text-xs">
          {shareUrl}
        </code>
        <CopyButton text={shareUrl} label="Copy link" />
        <Link href={session.url} className="text-indigo-700 underline">
          Open the review app
        </Link>
        <span className="ml-auto text-xs text-slate-600">
          Questions: {session.label_schemas.map((s) => s.name).join(", ")} · Reviewers:{" "}
          {session.open_to_all_reviewers
            ? "all reviewers"
            : session.assigned_users.map((u) => u.email).join(", ") || "none yet"}
        </span>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <Card title="Add traces">
        <AddItemsForm sessionId={session.id} onAdded={() => void refresh()} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title="Progress"
          actions={
            <Button variant="ghost" onClick={() => void refresh()}>
              Refresh
            </Button>
          }
        >
          {progress ? (
            <SessionProgress progress={progress} />
          ) : (
            <p className="text-sm text-slate-500" role="status">
              Loading…
            </p>
          )}
        </Card>
        <Card title="Agreement">
          {agreement ? (
            <SessionAgreement
              agreement={agreement}
              onOpenTrace={(t) =>
                document.querySelector(`[data-trace-id="${t}"]`)?.scrollIntoView({ behavior: "smooth" })
              }
            />
          ) : (
            <p className="text-sm text-slate-500">Loading…</p>
          )}
        </Card>
      </div>
      <Card title="Evaluation dataset">
        <p className="mb-2 text-sm text-slate-600">
          Expectation labels (e.g. the ideal response) become ground-truth records for evaluation runs; syncing again
          adds a new version.
        </p>
        <SyncToDataset
          sessionId={session.id}
          experimentId={session.experiment_id}
          defaultName={`${session.name} expectations`}
        />
      </Card>
      <Card
        title="Results"
        actions={
          <div className="flex gap-2 text-sm">
            <a className="text-indigo-700 underline" href={`${base}/export?format=csv`}>
              Export CSV
            </a>
            <a className="text-indigo-700 underline" href={`${base}/export?format=jsonl`}>
              Export JSONL
            </a>
            <Link
              className="text-indigo-700 underline"
              href={`/experiments/${session.experiment_id}/traces?q=${encodeURIComponent(`run_id = '${session.run_id}'`)}`}
            >
              Traces of this session
            </Link>
          </div>
        }
      >
        {results ? (
          <SessionResults schemas={results.schemas} rows={results.rows} onRemove={(id) => void remove(id)} />
        ) : (
          <p className="text-sm text-slate-500" role="status">
            Loading…
          </p>
        )}
        {results?.next_page_token ? (
          <Button variant="secondary" className="mt-2" onClick={() => void more()}>
            Load more
          </Button>
        ) : null}
      </Card>
    </div>
  );
}
