"use client";

import { ArrowLeft, CornerDownLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LabelQuestion } from "@/components/review/label-question";
import { ReviewTracePanel } from "@/components/review/review-trace-panel";
import { ShortcutsOverlay } from "@/components/review/shortcuts-overlay";
import { SpanTreeDialog } from "@/components/review/span-tree-dialog";
import { useReviewQueue } from "@/components/review/use-review-queue";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  return (
    target.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes((target as HTMLInputElement).type)
  );
}

/**
 * The reviewer's queue for one session: the trace on the left, the generated form on the
 * right, keyboard first (see REVIEW_SHORTCUTS). Opening it resumes at the reviewer's next
 * unlabeled item, with any draft restored.
 */
export function ReviewQueue({ sessionId, sessionName }: { sessionId: string; sessionName: string }) {
  const q = useReviewQueue(sessionId);
  const [active, setActive] = useState(0);
  const [help, setHelp] = useState(false);
  const [spans, setSpans] = useState(false);
  const schemas = useMemo(() => q.item?.schemas ?? [], [q.item]);

  // A new item starts at the first question with nothing focused, so the next key press picks
  // an option instead of typing into the previous item's text box.
  const itemId = q.item?.itemId;
  const [activeFor, setActiveFor] = useState(itemId);
  if (activeFor !== itemId) {
    setActiveFor(itemId);
    setActive(0);
  }
  useEffect(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }, [itemId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Open dialogs handle their own keys (Escape closes them); the queue's shortcuts wait.
      if (help || spans) return;
      if (e.key === "Escape") {
        // Leaves a text box, so the option keys and Enter work again.
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (!q.item || q.busy) return;
      const onControl = e.target instanceof HTMLElement && ["BUTTON", "A"].includes(e.target.tagName);
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey || (!isTyping(e.target) && !onControl))) {
        e.preventDefault();
        return void q.submit();
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const schema = schemas[active];
      if (
        /^[1-9]$/.test(e.key) &&
        schema &&
        (schema.input.type === "categorical" || schema.input.type === "categorical_list")
      ) {
        const option = schema.input.options[Number(e.key) - 1];
        if (!option) return;
        e.preventDefault();
        const single = schema.input.type === "categorical";
        q.setForm((prev) => {
          const cur = prev[schema.name];
          const list = Array.isArray(cur.value) ? cur.value : [];
          const value = single ? option : list.includes(option) ? list.filter((o) => o !== option) : [...list, option];
          return { ...prev, [schema.name]: { ...cur, value } };
        });
        if (single && active + 1 < schemas.length) {
          // Move on to the next question; a text answer gets the focus so typing can start.
          const nextSchema = schemas[active + 1];
          setActive(active + 1);
          setTimeout(() => document.getElementById(`q-${nextSchema.name}`)?.focus(), 0);
        }
        return;
      }
      const key = e.key.toLowerCase();
      if (key === "?") setHelp(true);
      else if (key === "j" || e.key === "ArrowRight") void q.skip();
      else if (key === "k" || e.key === "ArrowLeft") void q.back();
      else if (key === "s") void q.skip();
      else if (key === "t") setSpans(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [q, schemas, active, help, spans]);

  const progress = q.progress;
  const pct = progress && progress.totalItems ? Math.round((100 * progress.completed) / progress.totalItems) : 0;

  return (
    <div className="mx-auto max-w-7xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Link href="/review" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
          <ArrowLeft aria-hidden className="h-4 w-4" />
          Sessions
        </Link>
        <h1 className="text-lg font-semibold text-slate-900">{sessionName}</h1>
        {progress ? (
          <div className="flex items-center gap-2 text-xs text-slate-600" data-testid="review-progress">
            <div className="h-1.5 w-40 overflow-hidden rounded bg-slate-200">
              <div className="h-full bg-indigo-500" style={{ width: `${pct}%` }} />
            </div>
            {progress.completed} of {progress.totalItems} labeled by you
            {progress.skipped ? ` · ${progress.skipped} skipped` : ""}
          </div>
        ) : null}
        <button
          type="button"
          className="ml-auto text-xs text-slate-500 hover:text-slate-800"
          onClick={() => setHelp(true)}
        >
          Keyboard shortcuts <kbd className="rounded border px-1">?</kbd>
        </button>
      </div>
      {q.message ? (
        <p role="status" className="mb-2 text-sm text-slate-600">
          {q.message}
        </p>
      ) : null}

      {q.status === "loading" ? (
        <p className="py-10 text-center text-sm text-slate-500" role="status">
          Loading the next item…
        </p>
      ) : q.status === "error" ? (
        <EmptyState title="This session could not be opened">
          {q.message ?? "It may have been deleted, or you are not assigned to it."}
        </EmptyState>
      ) : q.status === "empty" || !q.item ? (
        <EmptyState
          title="All done"
          action={
            <Button variant="secondary" onClick={() => void q.back()}>
              Review your last item
            </Button>
          }
        >
          There is nothing left for you in this session: every item is labeled or being labeled by someone else. Check
          back later or go back to the{" "}
          <Link href="/review" className="text-indigo-700 underline">
            list of sessions
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
          <ReviewTracePanel trace={q.item.trace} onOpenSpans={() => setSpans(true)} />
          <form
            key={q.item.itemId}
            className="flex flex-col gap-3 self-start lg:sticky lg:top-4"
            data-testid="review-form"
            onSubmit={(e) => {
              e.preventDefault();
              void q.submit();
            }}
          >
            {q.item.claim?.status === "COMPLETED" ? (
              <p className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-800">
                You submitted this item; submitting again updates your labels.
              </p>
            ) : null}
            {schemas.map((s, i) => (
              <LabelQuestion
                key={s.name}
                schema={s}
                index={i}
                active={i === active}
                answer={q.form[s.name]}
                errors={q.errors[s.name] ?? []}
                onFocus={() => setActive(i)}
                onChange={(answer) => q.setForm((prev) => ({ ...prev, [s.name]: answer }))}
              />
            ))}
            {(q.errors._form ?? []).map((e) => (
              <p key={e} role="alert" className="text-sm text-red-600">
                {e}
              </p>
            ))}
            <div className="flex items-center gap-2">
              <Button type="button" variant="secondary" onClick={() => void q.back()} disabled={q.busy} title="K or ←">
                Back
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => void q.skip()}
                disabled={q.busy}
                title="S, J or →"
              >
                Skip
              </Button>
              <Button type="submit" className="ml-auto" disabled={q.busy} title="Enter or Ctrl+Enter">
                {q.busy ? "Saving…" : "Submit"}
                <CornerDownLeft aria-hidden className="h-3.5 w-3.5" />
              </Button>
            </div>
            <p className="text-right text-[11px] text-slate-500" aria-live="polite">
              {q.draftState === "saving" ? "Saving draft…" : q.draftState === "saved" ? "Draft saved" : ""}
            </p>
          </form>
        </div>
      )}
      <ShortcutsOverlay open={help} onOpenChange={setHelp} />
      {q.item ? (
        <SpanTreeDialog
          key={q.item.itemId}
          spans={q.item.trace.spans}
          truncated={q.item.trace.spansTruncated}
          open={spans}
          onOpenChange={setSpans}
        />
      ) : null}
    </div>
  );
}
