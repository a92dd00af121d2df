"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, errorMessage, fieldIssues } from "@/components/ui/api-client";
import { formStateFrom, toAnswers, toDefinitions, type TFormState } from "@/lib/labeling/form-values";
import { validateAnswers } from "@/lib/labeling/label-input";
import type { MyProgressDto, NextItemDto, ReviewItemDto } from "@/lib/labeling/types";
import { reviewKeys } from "./query-keys";

export type QueueStatus = "loading" | "ready" | "empty" | "error";

/** "answers.accuracy.value" / "body.answers.accuracy" → "accuracy". */
function schemaOf(path: string): string {
  const parts = path.replace(/^body\./, "").split(".");
  return parts[0] === "answers" && parts[1] ? parts[1].replace(/\[.*$/, "") : "_form";
}

const initialForm = (i: ReviewItemDto) => formStateFrom(i.schemas, i.claim?.draft ?? i.claim?.answers ?? null);

type DraftState = "idle" | "saving" | "saved";
const EMPTY_ERRORS: Record<string, string[]> = {};

class AnswerErrors extends Error {
  constructor(readonly byName: Record<string, string[]>) {
    super("Some answers need fixing");
  }
}

/** Submitted, skipped or moved on: what the queue shows next. */
type Move = { item: ReviewItemDto | null; progress?: MyProgressDto; message: string | null };

/**
 * State and actions of the review queue: the current item, the form, its draft (saved on the
 * server as the reviewer types, so a reload restores it), submit / skip / next / back. The item
 * id is kept in the URL (?item=) so a reload or a shared link opens the same item. Items are
 * cached per id, so Back and a reload of a visited item answer at once.
 */
export function useReviewQueue(sessionId: string) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${sessionId}`;
  const requested = useSearchParams().get("item");
  const [itemId, setItemId] = useState<string | null>(requested);
  const [done, setDone] = useState(false);
  const [storedProgress, setProgress] = useState<MyProgressDto | null>(null);
  // The form, its errors and its draft status belong to one item (each is stored with the item's
  // id): a different item starts from its stored draft or answers, with no errors, without an
  // effect resetting anything when the item changes.
  const [formState, setFormState] = useState<{ id: string | null; form: TFormState }>({ id: null, form: {} });
  const [errorState, setErrorState] = useState<{ id: string | null; byName: Record<string, string[]> }>({
    id: null,
    byName: {},
  });
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ id: string | null; state: DraftState }>({ id: null, state: "idle" });
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const itemQuery = useQuery({
    queryKey: reviewKeys.item(sessionId, itemId ?? ""),
    queryFn: ({ signal }) => api.get<ReviewItemDto>(`${base}/items/${itemId}`, signal),
    enabled: itemId !== null,
    staleTime: Infinity,
    retry: false,
  });
  const item = itemId ? (itemQuery.data ?? null) : null;
  const shownId = item?.itemId ?? null;
  const form = useMemo(
    () => (item ? (formState.id === item.itemId ? formState.form : initialForm(item)) : {}),
    [item, formState],
  );
  const errors = errorState.id !== null && errorState.id === shownId ? errorState.byName : EMPTY_ERRORS;
  const draftState: DraftState = draft.id !== null && draft.id === shownId ? draft.state : "idle";
  // Until a move reports progress, the first item shown (from ?item=) carries it.
  const progress = storedProgress ?? item?.progress ?? null;
  const setErrors = useCallback(
    (byName: Record<string, string[]>) => setErrorState({ id: shownId, byName }),
    [shownId],
  );

  // Moving to another item: a pending draft save of the previous one is dropped, and the new
  // item's id goes into the URL (the item opened from ?item= is there already).
  const show = useCallback(
    ({ item: nextItem, progress: p, message: m }: Move) => {
      if ((nextItem?.itemId ?? null) !== itemId) {
        if (draftTimer.current) clearTimeout(draftTimer.current);
        // Coming back to an item later starts without its old errors or draft status.
        setErrorState({ id: null, byName: {} });
        setDraft({ id: null, state: "idle" });
      }
      const url = new URL(window.location.href);
      if (nextItem) url.searchParams.set("item", nextItem.itemId);
      else url.searchParams.delete("item");
      window.history.replaceState(null, "", url);
      if (nextItem) client.setQueryData(reviewKeys.item(sessionId, nextItem.itemId), nextItem);
      setItemId(nextItem?.itemId ?? null);
      setDone(!nextItem);
      if (p ?? nextItem?.progress) setProgress(p ?? nextItem!.progress);
      setMessage(m);
    },
    [client, itemId, sessionId],
  );
  const claimNext = useCallback(async (): Promise<Move> => {
    const r = await api.post<NextItemDto>(`${base}/next`);
    return { item: r.item, progress: r.progress, message: null };
  }, [base]);

  const onMoveError = (err: unknown) => {
    if (err instanceof AnswerErrors) return setErrors(err.byName);
    setMessage(errorMessage(err));
  };
  const next = useMutation({ mutationFn: claimNext, onSuccess: show, onError: onMoveError });
  const back = useMutation({
    mutationFn: async (): Promise<Move> => {
      const r = await api.get<{ itemId: string | null }>(`${base}/previous${item ? `?before=${item.itemId}` : ""}`);
      if (!r.itemId) throw new Error("This is the first item you worked on.");
      const prev = await client.fetchQuery({
        queryKey: reviewKeys.item(sessionId, r.itemId),
        queryFn: () => api.get<ReviewItemDto>(`${base}/items/${r.itemId}`),
        staleTime: 0,
      });
      return { item: prev, message: null };
    },
    onSuccess: show,
    onError: onMoveError,
  });
  const skip = useMutation({
    mutationFn: async (): Promise<Move> => {
      if (item && item.claim?.status !== "COMPLETED") await api.post(`${base}/items/${item.itemId}/skip`);
      return claimNext();
    },
    onSuccess: show,
    onError: onMoveError,
  });
  const saveDraft = useMutation({
    mutationFn: ({ id, answers }: { id: string; answers: Record<string, unknown> }) =>
      api.put(`${base}/items/${id}/draft`, { answers }),
    onSuccess: (_r, { id }) => setDraft({ id, state: "saved" }),
    onError: (_e, { id }) => setDraft({ id, state: "idle" }),
  });
  // Submit counts the item as done at once (the progress bar moves before the round trip) and
  // puts the count back if the server refuses the answers.
  const submitMutation = useMutation({
    mutationFn: async ({ id, answers }: { id: string; answers: Record<string, unknown> }): Promise<Move> => {
      try {
        await api.post(`${base}/items/${id}/submit`, { answers });
      } catch (err) {
        const issues = fieldIssues(err);
        if (err instanceof ApiError && err.status === 400 && issues.length) throw new AnswerErrors(collect(issues));
        throw err;
      }
      client.removeQueries({ queryKey: reviewKeys.item(sessionId, id) });
      return { ...(await claimNext()), message: "Submitted." };
    },
    onMutate: () => {
      const before = progress;
      if (before && item?.claim?.status !== "COMPLETED")
        setProgress({ ...before, completed: Math.min(before.totalItems, before.completed + 1) });
      return { before };
    },
    onSuccess: show,
    onError: (err, _v, ctx) => {
      if (ctx?.before) setProgress(ctx.before);
      onMoveError(err);
    },
  });

  // Opening the queue without ?item= claims the reviewer's next item (a POST: it reserves the item).
  const started = useRef(false);
  useEffect(() => {
    if (started.current || requested) return;
    started.current = true;
    next.mutate();
  }, [next, requested]);

  const setForm = useCallback(
    (update: (prev: TFormState) => TFormState) => {
      if (!item) return;
      setFormState((prev) => {
        const nextForm = update(prev.id === item.itemId ? prev.form : initialForm(item));
        if (item.claim?.status === "IN_PROGRESS") {
          if (draftTimer.current) clearTimeout(draftTimer.current);
          const id = item.itemId;
          setDraft({ id, state: "saving" });
          const answers = toAnswers(item.schemas, nextForm);
          draftTimer.current = setTimeout(() => saveDraft.mutate({ id, answers }), 400);
        }
        return { id: item.itemId, form: nextForm };
      });
    },
    [item, saveDraft],
  );

  const submit = useCallback(async () => {
    if (!item) return;
    const answers = toAnswers(item.schemas, form);
    if (!Object.keys(answers).length)
      return setErrors({ _form: ["Answer at least one question, or skip the item (S)."] });
    // The same validators as the server, so mistakes show before a round trip.
    const checked = validateAnswers(toDefinitions(item.schemas), answers);
    if (!checked.ok) return setErrors(collect(checked.issues));
    if (draftTimer.current) clearTimeout(draftTimer.current);
    submitMutation.mutate({ id: item.itemId, answers });
  }, [form, item, setErrors, submitMutation]);

  const busy = next.isPending || back.isPending || skip.isPending || submitMutation.isPending;
  const loadFailed =
    itemQuery.error &&
    (!(itemQuery.error instanceof ApiError) || itemQuery.error.status >= 500 || itemQuery.error.status === 404);
  const status: QueueStatus =
    loadFailed || (next.isError && !item && !done) ? "error" : item ? "ready" : done ? "empty" : "loading";
  return {
    status,
    item,
    progress,
    form,
    setForm,
    errors,
    message: message ?? (itemQuery.error ? errorMessage(itemQuery.error) : null),
    busy,
    draftState,
    next: () => next.mutate(),
    back: () => back.mutate(),
    skip: () => skip.mutate(),
    submit,
  };
}

function collect(issues: { path: string; message: string }[]): Record<string, string[]> {
  const byName: Record<string, string[]> = {};
  for (const i of issues) (byName[schemaOf(i.path)] ??= []).push(i.message);
  return byName;
}
