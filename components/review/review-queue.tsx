"use client";

import { ArrowLeft, CornerDownLeft, ListOrdered } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LabelQuestion } from "@/components/review/label-question";
import { MyItemsPanel, type ItemFilter } from "@/components/review/my-items-panel";
import { useMyItems } from "@/components/review/use-my-items";
import { ReviewTracePanel } from "@/components/review/review-trace-panel";
import { ConversationPanel } from "@/components/review/conversation-panel";
import { ShortcutsOverlay } from "@/components/review/shortcuts-overlay";
import { SpanTreeDialog } from "@/components/review/span-tree-dialog";
import { useActiveTime } from "@/components/review/use-active-time";
import { useReviewQueue } from "@/components/review/use-review-queue";
import { MarkdownText } from "@/components/traces/content/markdown-text";

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
  const [filter, setFilter] = useState<ItemFilter>("all");
  const [showList, setShowList] = useState(true);
  // My counts, from the server (refetched after every move and polled): the header, "Continue"
  // and the item list all read this one answer, so they agree.
  const counts = useMyItems(sessionId, "all").data?.pages[0]?.counts ?? null;
  const [help, setHelp] = useState(false);
  const [spans, setSpans] = useState(false);
  const schemas = useMemo(() => q.item?.schemas ?? [], [q.item]);

  // A new item starts at the first question with nothing focused, so the next key press picks
  // an option instead of typing into the previous item's text box.
  const itemId = q.item?.itemId;
  // Time on item for the session's throughput: active time only, reported while the item is shown.
  useActiveTime(sessionId, itemId ?? null);
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
        const cur = q.form.getValues(`${schema.name}.value`);
        const list = Array.isArray(cur) ? cur : [];
        q.setAnswerValue(
          schema.name,
          single ? option : list.includes(option) ? list.filter((o) => o !== option) : [...list, option],
        );
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
        {counts ? (
          <p className="text-xs text-slate-600" data-testid="my-counts">
            <span data-testid="count-todo">{counts.todo + counts.draft}</span> to do
            {counts.draft ? ` (${counts.draft} with a draft)` : ""} ·{" "}
            <span data-testid="count-skipped">{counts.skipped}</span> skipped ·{" "}
            <span data-testid="count-submitted">{counts.submitted}</span> submitted
          </p>
        ) : null}
        {q.item && q.item.claim?.status !== "IN_PROGRESS" && counts && counts.todo + counts.draft > 0 ? (
          <Button variant="secondary" className="!py-1 text-xs" onClick={() => q.next()} disabled={q.busy}>
            Continue with the next item
          </Button>
        ) : null}
        <Button
          variant="ghost"
          className="!py-1 text-xs"
          aria-expanded={showList}
          aria-controls="review-item-list"
          onClick={() => setShowList((v) => !v)}
        >
          <ListOrdered aria-hidden className="h-3.5 w-3.5" />
          {showList ? "Hide item list" : "Item list"}
        </Button>
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

      <div className={showList ? "grid gap-4 xl:grid-cols-[15rem_minmax(0,1fr)]" : ""}>
        {showList ? (
          <aside
            id="review-item-list"
            className="self-start rounded-lg border border-slate-200 bg-white p-2 xl:sticky xl:top-4"
          >
            <MyItemsPanel
              sessionId={sessionId}
              currentItemId={q.item?.itemId ?? null}
              filter={filter}
              onFilter={setFilter}
              onOpen={q.open}
              counts={counts}
            />
          </aside>
        ) : null}
        <div className="min-w-0">
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
              title={counts?.skipped ? "Nothing new to label" : "All done"}
              action={
                counts?.skipped ? (
                  <Button
                    onClick={() => {
                      setShowList(true);
                      setFilter("skipped");
                    }}
                  >
                    Show the {counts.skipped} skipped item{counts.skipped === 1 ? "" : "s"}
                  </Button>
                ) : (
                  <Button variant="secondary" onClick={() => void q.back()}>
                    Review your last item
                  </Button>
                )
              }
            >
              {counts?.skipped
                ? `You skipped ${counts.skipped} item${counts.skipped === 1 ? "" : "s"}: open one from the item list to label it after all. `
                : ""}
              Every other item is labeled by you or by enough reviewers. Check back later or go back to the{" "}
              <Link href="/review" className="text-indigo-700 underline">
                list of sessions
              </Link>
              .
            </EmptyState>
          ) : (
            <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
              {q.item.conversation ? (
                <ConversationPanel
                  conversationId={q.item.conversation.conversationId}
                  turns={q.item.conversation.turns}
                  truncated={q.item.conversation.truncated}
                  onOpenSpans={() => setSpans(true)}
                />
              ) : (
                <ReviewTracePanel trace={q.item.trace} onOpenSpans={() => setSpans(true)} />
              )}
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
                {q.item.session.instructions ? (
                  <section
                    aria-label="Instructions"
                    className="rounded-lg border border-indigo-100 bg-indigo-50/60 p-3"
                    data-testid="session-instructions"
                  >
                    <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-indigo-900">Instructions</h2>
                    <MarkdownText className="text-sm text-slate-700">{q.item.session.instructions}</MarkdownText>
                  </section>
                ) : null}
                {schemas.map((s, i) => (
                  <LabelQuestion
                    key={s.name}
                    schema={s}
                    index={i}
                    active={i === active}
                    control={q.form.control}
                    onFocus={() => setActive(i)}
                  />
                ))}
                {[q.form.formState.errors.root?.form?.message, q.form.formState.errors.root?.server?.message]
                  .filter(Boolean)
                  .map((e) => (
                    <p key={e} role="alert" className="text-sm text-red-600">
                      {e}
                    </p>
                  ))}
                <div className="flex items-center gap-2">
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => void q.back()}
                    disabled={q.busy}
                    title="K or ←"
                  >
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
        </div>
      </div>
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
