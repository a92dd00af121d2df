"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { api, ApiError, errorMessage, fieldIssues } from "@/components/ui/api-client";
import { applyServerErrors } from "@/components/ui/form";
import { formStateFrom, toAnswers, ZReviewForm, type TFormState } from "@/lib/labeling/form-values";
import type { MyProgressDto, NextItemDto, ReviewItemDto } from "@/lib/labeling/types";
import { reviewKeys } from "./query-keys";

export type QueueStatus = "loading" | "ready" | "empty" | "error";

const initialForm = (i: ReviewItemDto) => formStateFrom(i.schemas, i.claim?.draft ?? i.claim?.answers ?? null);

type DraftState = "idle" | "saving" | "saved";
const NO_ANSWER = "Answer at least one question, or skip the item (S).";

/** The server refused the answers (400 naming questions): shown on the form, not as a message. */
class AnswerErrors extends Error {
  constructor(readonly cause: ApiError) {
    super("Some answers need fixing");
  }
}

/** Submitted, skipped or moved on: what the queue shows next. */
type Move = { item: ReviewItemDto | null; progress?: MyProgressDto; message: string | null };

/**
 * State and actions of the review queue: the current item, its form (react-hook-form, checked
 * by `ZReviewForm`: the server's own answer validators), its draft (saved on the server as the
 * reviewer types, so a reload restores it), submit / skip / next / back / open. The item id is
 * kept in the URL (?item=) so a reload or a shared link opens the same item. Items are cached
 * per id, so Back and a reload of a visited item answer at once.
 */
export function useReviewQueue(sessionId: string) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${sessionId}`;
  const requested = useSearchParams().get("item");
  const [itemId, setItemId] = useState<string | null>(requested);
  const [done, setDone] = useState(false);
  const [storedProgress, setProgress] = useState<MyProgressDto | null>(null);
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
  // The form belongs to one item: `values` resets it (and its errors) to the stored draft or
  // answers whenever another item is shown, without an effect doing it.
  const values = useMemo(() => (item ? initialForm(item) : {}), [item]);
  const resolver = useMemo(
    () => (item ? (zodResolver(ZReviewForm(item.schemas)) as Resolver<TFormState>) : undefined),
    [item],
  );
  const form = useForm<TFormState>({ values, resolver, resetOptions: { keepErrors: false } });
  const draftState: DraftState = draft.id !== null && draft.id === shownId ? draft.state : "idle";
  // Until a move reports progress, the first item shown (from ?item=) carries it.
  const progress = storedProgress ?? item?.progress ?? null;

  // Moving to another item: a pending draft save of the previous one is dropped, and the new
  // item's id goes into the URL (the item opened from ?item= is there already).
  const show = useCallback(
    ({ item: nextItem, progress: p, message: m }: Move) => {
      if ((nextItem?.itemId ?? null) !== itemId) {
        if (draftTimer.current) clearTimeout(draftTimer.current);
        // Coming back to an item later starts without its old draft status.
        setDraft({ id: null, state: "idle" });
        // Another item starts from its own stored draft or answers, with no errors. (`values`
        // alone would not reset it: two empty forms are deep-equal, so the previous item's
        // answers would stay.)
        form.reset(nextItem ? initialForm(nextItem) : {});
      }
      const url = new URL(window.location.href);
      if (nextItem) url.searchParams.set("item", nextItem.itemId);
      else url.searchParams.delete("item");
      window.history.replaceState(null, "", url);
      if (nextItem) client.setQueryData(reviewKeys.item(sessionId, nextItem.itemId), nextItem);
      // Submitting, skipping and claiming change my counts and statuses: the item list refetches.
      void client.invalidateQueries({ queryKey: reviewKeys.myItems(sessionId) });
      setItemId(nextItem?.itemId ?? null);
      setDone(!nextItem);
      if (p ?? nextItem?.progress) setProgress(p ?? nextItem!.progress);
      setMessage(m);
    },
    [client, form, itemId, sessionId],
  );
  const claimNext = useCallback(async (): Promise<Move> => {
    const r = await api.post<NextItemDto>(`${base}/next`);
    return { item: r.item, progress: r.progress, message: null };
  }, [base]);

  const onMoveError = (err: unknown) => {
    if (err instanceof AnswerErrors) {
      // Each server issue lands on its question ("answers.accuracy.value" → accuracy).
      const fields = Object.fromEntries((item?.schemas ?? []).map((s) => [`answers.${s.name}`, s.name]));
      applyServerErrors(err.cause, form.setError, fields);
      return;
    }
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
  const openItem = useMutation({
    mutationFn: async (id: string): Promise<Move> => {
      const opened = await client.fetchQuery({
        queryKey: reviewKeys.item(sessionId, id),
        queryFn: () => api.get<ReviewItemDto>(`${base}/items/${id}`),
        staleTime: 0,
      });
      return { item: opened, message: null };
    },
    onSuccess: show,
    onError: onMoveError,
  });
  const saveDraft = useMutation({
    mutationFn: ({ id, answers }: { id: string; answers: Record<string, unknown> }) =>
      api.put(`${base}/items/${id}/draft`, { answers }),
    onSuccess: (_r, { id }) => {
      setDraft({ id, state: "saved" });
      // The first draft turns the item from "to do" into "draft" in the item list.
      if (draftState !== "saved") void client.invalidateQueries({ queryKey: reviewKeys.myItems(sessionId) });
    },
    onError: (_e, { id }) => setDraft({ id, state: "idle" }),
  });
  // Submit counts the item as done at once (the progress bar moves before the round trip) and
  // puts the count back if the server refuses the answers.
  const submitMutation = useMutation({
    mutationFn: async ({ id, answers }: { id: string; answers: Record<string, unknown> }): Promise<Move> => {
      // Submit and claim the next item in one round trip (`next: true`).
      let next: NextItemDto;
      try {
        next = (await api.post<{ next: NextItemDto }>(`${base}/items/${id}/submit`, { answers, next: true })).next;
      } catch (err) {
        const issues = fieldIssues(err);
        if (err instanceof ApiError && err.status === 400 && issues.length) throw new AnswerErrors(err);
        throw err;
      }
      client.removeQueries({ queryKey: reviewKeys.item(sessionId, id) });
      return { item: next.item, progress: next.progress, message: "Submitted." };
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

  // Saves a draft 400 ms after the reviewer stops changing answers (only while they hold the item).
  useEffect(() => {
    if (!item || item.claim?.status !== "IN_PROGRESS") return;
    const sub = form.watch((state, { name }) => {
      if (!name) return; // a reset to another item's values, not an edit
      if (draftTimer.current) clearTimeout(draftTimer.current);
      const id = item.itemId;
      setDraft({ id, state: "saving" });
      const answers = toAnswers(item.schemas, state as TFormState);
      draftTimer.current = setTimeout(() => saveDraft.mutate({ id, answers }), 400);
    });
    return () => sub.unsubscribe();
  }, [form, item, saveDraft]);

  /** Sets one question's value (number keys): validated again if the last submit failed. */
  const setAnswerValue = useCallback(
    (name: string, value: string | string[]) =>
      form.setValue(`${name}.value`, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
    [form],
  );

  const submit = useMemo(
    () =>
      form.handleSubmit((state) => {
        if (!item) return;
        const answers = toAnswers(item.schemas, state);
        if (!Object.keys(answers).length) return form.setError("root.form", { message: NO_ANSWER });
        if (draftTimer.current) clearTimeout(draftTimer.current);
        submitMutation.mutate({ id: item.itemId, answers });
      }),
    [form, item, submitMutation],
  );

  const busy = next.isPending || back.isPending || skip.isPending || submitMutation.isPending || openItem.isPending;
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
    setAnswerValue,
    message: message ?? (itemQuery.error ? errorMessage(itemQuery.error) : null),
    busy,
    draftState,
    next: () => next.mutate(),
    back: () => back.mutate(),
    skip: () => skip.mutate(),
    submit: () => void submit(),
    /** Opens any item of the session (the item list): a GET, it claims nothing. */
    open: (id: string) => openItem.mutate(id),
  };
}
