"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { AddConversationsForm } from "@/components/labeling/add-conversations-form";
import { AddItemsForm } from "@/components/labeling/add-items-form";
import { AdjudicationPanel } from "@/components/labeling/adjudication-panel";
import { GoldAccuracy } from "@/components/labeling/gold-accuracy";
import { ReviewerThroughput } from "@/components/labeling/reviewer-throughput";
import { SessionAgentPicker } from "@/components/agents/session-agent-picker";
import { SessionItemsTable } from "@/components/labeling/session-items-table";
import { CopyButton } from "@/components/labeling/copy-button";
import { SessionAgreement } from "@/components/labeling/session-agreement";
import { SessionProgress } from "@/components/labeling/session-progress";
import { SessionResults } from "@/components/labeling/session-results";
import { SyncToDataset } from "@/components/labeling/sync-to-dataset";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import type { LabelingSessionDto, ResultRowDto, SessionAgreementDto, SessionProgressDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";

type Results = { schemas: { name: string; title: string }[]; rows: ResultRowDto[]; nextPageToken?: string };

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

const Loading = () => (
  <p className="text-sm text-slate-500" role="status">
    Loading…
  </p>
);

/** One session for its owners: share link, add traces, progress, results, agreement, export. */
export function SessionDetail({
  session,
  origin,
  compareResults = null,
}: {
  session: LabelingSessionDto;
  origin: string;
  /**
   * A compare (pairwise) session's results (win rates), given by the page: components/pairwise
   * builds on the labeling components, so labeling does not import it back.
   */
  compareResults?: ReactNode;
}) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${session.id}`;
  const key = labelingKeys.session(session.id);
  // Progress, results and agreement all live under the session's key: adding or removing items refreshes them together.
  const progress = useQuery({
    queryKey: [...key, "progress"],
    queryFn: ({ signal }) => api.get<SessionProgressDto>(`${base}/progress`, signal),
  });
  const agreement = useQuery({
    queryKey: [...key, "agreement"],
    queryFn: ({ signal }) => api.get<SessionAgreementDto>(`${base}/agreement`, signal),
  });
  const results = useInfiniteQuery({
    queryKey: [...key, "results"],
    queryFn: ({ pageParam, signal }) =>
      api.get<Results>(
        `${base}/results?maxResults=100${pageParam ? `&pageToken=${encodeURIComponent(pageParam)}` : ""}`,
        signal,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextPageToken || undefined,
  });
  const remove = useMutation({
    mutationFn: (itemId: string) => api.delete(`${base}/items`, { itemIds: [itemId] }),
    onError: (err) => toast.error(`Could not remove the item: ${errorMessage(err)}`),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  const error = progress.error ?? agreement.error ?? results.error;
  const shareUrl = `${origin}${session.url}`;
  const pages = results.data?.pages;

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
          Questions: {session.labelSchemas.map((s) => s.name).join(", ")} · Reviewers:{" "}
          {session.openToAllReviewers
            ? "all reviewers"
            : session.assignedUsers.map((u) => u.email).join(", ") || "none yet"}
        </span>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
      <SessionAgentPicker sessionId={session.id} experimentId={session.experimentId} />
      {compareResults}
      <Card title="Add traces">
        <AddItemsForm sessionId={session.id} />
        <div className="mt-3 border-t border-slate-100 pt-3">
          <AddConversationsForm sessionId={session.id} />
        </div>
      </Card>
      <Card title="Items">
        <SessionItemsTable
          sessionId={session.id}
          experimentId={session.experimentId}
          schemaNames={session.labelSchemas.map((s) => s.name)}
        />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title="Progress"
          actions={
            <Button variant="ghost" onClick={() => void client.invalidateQueries({ queryKey: key })}>
              Refresh
            </Button>
          }
        >
          {progress.data ? <SessionProgress progress={progress.data} /> : <Loading />}
        </Card>
        <Card title="Agreement">
          {agreement.data ? (
            <SessionAgreement
              agreement={agreement.data}
              onOpenTrace={(t) =>
                document.querySelector(`[data-trace-id="${t}"]`)?.scrollIntoView({ behavior: "smooth" })
              }
            />
          ) : (
            <Loading />
          )}
        </Card>
      </div>
      <Card title="Adjudication">
        <AdjudicationPanel sessionId={session.id} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Gold items: reviewer accuracy">
          <GoldAccuracy sessionId={session.id} />
        </Card>
        <Card title="Reviewer throughput">
          <ReviewerThroughput sessionId={session.id} />
        </Card>
      </div>
      <Card title="Evaluation dataset">
        <p className="mb-2 text-sm text-slate-600">
          Expectation labels (e.g. the ideal response) become ground-truth records for evaluation runs; syncing again
          adds a new version.
        </p>
        <SyncToDataset
          sessionId={session.id}
          experimentId={session.experimentId}
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
              href={`/experiments/${session.experimentId}/traces?q=${encodeURIComponent(`runId = '${session.runId}'`)}`}
            >
              Traces of this session
            </Link>
          </div>
        }
      >
        {pages ? (
          <SessionResults
            schemas={pages[0]!.schemas}
            rows={pages.flatMap((p) => p.rows)}
            onRemove={(id) => remove.mutate(id)}
          />
        ) : (
          <Loading />
        )}
        {results.hasNextPage ? (
          <Button
            variant="secondary"
            className="mt-2"
            disabled={results.isFetchingNextPage}
            onClick={() => void results.fetchNextPage()}
          >
            Load more
          </Button>
        ) : null}
      </Card>
    </div>
  );
}
