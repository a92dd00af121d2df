"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, ApiError, fieldIssues } from "@/components/ui/api-client";
import { formStateFrom, toAnswers, toDefinitions, type TFormState } from "@/lib/labeling/form-values";
import { validateAnswers } from "@/lib/labeling/label-input";
import type { MyProgressDto, NextItemDto, ReviewItemDto } from "@/lib/labeling/types";

export type QueueStatus = "loading" | "ready" | "empty" | "error";

/** "answers.accuracy.value" / "body.answers.accuracy" → "accuracy". */
function schemaOf(path: string): string {
  const parts = path.replace(/^body\./, "").split(".");
  return parts[0] === "answers" && parts[1] ? parts[1].replace(/\[.*$/, "") : "_form";
}

/**
 * State and actions of the review queue: the current item, the form, its draft (saved on the
 * server as the reviewer types, so a reload restores it), submit / skip / next / back. The item
 * id is kept in the URL (?item=) so a reload or a shared link opens the same item.
 */
export function useReviewQueue(sessionId: string) {
  const base = `/api/labeling/sessions/${sessionId}`;
  const [status, setStatus] = useState<QueueStatus>("loading");
  const [item, setItem] = useState<ReviewItemDto | null>(null);
  const [progress, setProgress] = useState<MyProgressDto | null>(null);
  const [form, setFormState] = useState<TFormState>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draftState, setDraftState] = useState<"idle" | "saving" | "saved">("idle");
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = useCallback((next: ReviewItemDto | null, p?: MyProgressDto) => {
    if (draftTimer.current) clearTimeout(draftTimer.current);
    setErrors({});
    setDraftState("idle");
    setItem(next);
    if (p ?? next?.progress) setProgress(p ?? next!.progress);
    const url = new URL(window.location.href);
    if (next) {
      setFormState(formStateFrom(next.schemas, next.claim?.draft ?? next.claim?.answers ?? null));
      url.searchParams.set("item", next.item_id);
    } else url.searchParams.delete("item");
    window.history.replaceState(null, "", url);
    setStatus(next ? "ready" : "empty");
  }, []);

  const run = useCallback(async (f: () => Promise<void>) => {
    setBusy(true);
    try {
      await f();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 404)
        setStatus((s) => (s === "loading" ? "error" : s));
    } finally {
      setBusy(false);
    }
  }, []);

  const next = useCallback(
    () =>
      run(async () => {
        const r = await apiFetch<NextItemDto>(`${base}/next`, { method: "POST" });
        setMessage(null);
        show(r.item, r.progress);
      }),
    [base, run, show],
  );

  const open = useCallback(
    (itemId: string) => run(async () => show(await apiFetch<ReviewItemDto>(`${base}/items/${itemId}`))),
    [base, run, show],
  );

  useEffect(() => {
    const requested = new URL(window.location.href).searchParams.get("item");
    if (requested) void open(requested);
    else void next();
  }, [next, open]);

  const back = useCallback(
    () =>
      run(async () => {
        const r = await apiFetch<{ item_id: string | null }>(
          `${base}/previous${item ? `?before=${item.item_id}` : ""}`,
        );
        if (!r.item_id) return setMessage("This is the first item you worked on.");
        setMessage(null);
        show(await apiFetch<ReviewItemDto>(`${base}/items/${r.item_id}`));
      }),
    [base, item, run, show],
  );

  const skip = useCallback(
    () =>
      run(async () => {
        if (!item) return;
        if (item.claim?.status !== "COMPLETED")
          await apiFetch(`${base}/items/${item.item_id}/skip`, { method: "POST" });
        const r = await apiFetch<NextItemDto>(`${base}/next`, { method: "POST" });
        setMessage(null);
        show(r.item, r.progress);
      }),
    [base, item, run, show],
  );

  const setForm = useCallback(
    (update: (prev: TFormState) => TFormState) => {
      setFormState((prev) => {
        const nextForm = update(prev);
        if (item && item.claim?.status === "IN_PROGRESS") {
          if (draftTimer.current) clearTimeout(draftTimer.current);
          setDraftState("saving");
          draftTimer.current = setTimeout(() => {
            apiFetch(`${base}/items/${item.item_id}/draft`, {
              method: "PUT",
              json: { answers: toAnswers(item.schemas, nextForm) },
            })
              .then(() => setDraftState("saved"))
              .catch(() => setDraftState("idle"));
          }, 400);
        }
        return nextForm;
      });
    },
    [base, item],
  );

  const submit = useCallback(
    () =>
      run(async () => {
        if (!item) return;
        const answers = toAnswers(item.schemas, form);
        if (!Object.keys(answers).length)
          return setErrors({ _form: ["Answer at least one question, or skip the item (S)."] });
        // The same validators as the server, so mistakes show before a round trip.
        const checked = validateAnswers(toDefinitions(item.schemas), answers);
        const collect = (issues: { path: string; message: string }[]) => {
          const byName: Record<string, string[]> = {};
          for (const i of issues) (byName[schemaOf(i.path)] ??= []).push(i.message);
          setErrors(byName);
        };
        if (!checked.ok) return collect(checked.issues);
        if (draftTimer.current) clearTimeout(draftTimer.current);
        try {
          await apiFetch(`${base}/items/${item.item_id}/submit`, { method: "POST", json: { answers } });
        } catch (err) {
          const issues = fieldIssues(err);
          if (err instanceof ApiError && err.status === 400 && issues.length) return collect(issues);
          throw err;
        }
        const r = await apiFetch<NextItemDto>(`${base}/next`, { method: "POST" });
        setMessage("Submitted.");
        show(r.item, r.progress);
      }),
    [base, form, item, run, show],
  );

  return { status, item, progress, form, setForm, errors, message, busy, draftState, next, back, skip, submit };
}
