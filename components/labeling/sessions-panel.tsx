"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreateSessionForm } from "@/components/labeling/create-session-form";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { LabelingSessionDto, LabelSchemaDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";

type Page = { sessions: LabelingSessionDto[]; nextPageToken?: string };

/** Labeling → Sessions: the experiment's sessions (a page at a time) and the form for a new one. */
export function SessionsPanel({ experimentId }: { experimentId: string }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery({
    queryKey: [...labelingKeys.sessions(experimentId), "pages"],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>(
        `/api/labeling/sessions?experimentId=${experimentId}&maxResults=50${pageParam ? `&pageToken=${encodeURIComponent(pageParam)}` : ""}`,
        signal,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextPageToken || undefined,
  });
  const schemas =
    useQuery({
      queryKey: labelingKeys.schemas(experimentId),
      queryFn: ({ signal }) =>
        api.get<{ schemas: LabelSchemaDto[] }>(
          `/api/labeling/schemas?experimentId=${experimentId}&maxResults=500`,
          signal,
        ),
      select: (r) => r.schemas,
    }).data ?? [];
  const sessions = list.data ? list.data.pages.flatMap((p) => p.sessions) : null;
  const error = list.error;

  const base = `/experiments/${experimentId}/labeling/sessions`;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex justify-between">
        <p className="text-sm text-slate-600">
          A session is a queue of traces for reviewers, with the questions to ask them.
        </p>
        {!creating ? <Button onClick={() => setCreating(true)}>New session</Button> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
      {creating ? (
        <CreateSessionForm
          experimentId={experimentId}
          schemas={schemas}
          onCancel={() => setCreating(false)}
          onCreated={(s) => router.push(`${base}/${s.id}`)}
        />
      ) : null}
      {sessions === null ? (
        <p className="text-sm text-slate-500" role="status">
          Loading…
        </p>
      ) : sessions.length === 0 && !creating ? (
        <EmptyState
          title="No labeling sessions yet"
          action={<Button onClick={() => setCreating(true)}>Create a session</Button>}
        >
          Create label schemas first (the Schemas tab), then a session that asks them, add traces (for example those
          with negative end-user feedback) and share its link with reviewers.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="sessions-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link
                href={`${base}/${s.id}`}
                className="flex items-center gap-4 rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300"
              >
                <span className="font-medium">{s.name}</span>
                <span className="text-xs text-slate-500">
                  {s.itemCount} items · {s.labelSchemas.length} questions ·{" "}
                  {s.openToAllReviewers ? "all reviewers" : `${s.assignedUsers.length} reviewers`} · {s.labelsPerItem}{" "}
                  per item
                </span>
                <span className="ml-auto text-xs text-slate-500">{new Date(s.createdAt).toLocaleDateString()}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
