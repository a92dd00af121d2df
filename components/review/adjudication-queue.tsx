"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Scale } from "lucide-react";
import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { LabelQuestion } from "@/components/review/label-question";
import { ReviewTracePanel } from "@/components/review/review-trace-panel";
import { SpanTreeDialog } from "@/components/review/span-tree-dialog";
import { api, errorMessage } from "@/components/ui/api-client";
import { applyServerErrors } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { AdjudicationDetailDto, AdjudicationItemDto } from "@/lib/labeling/adjudication/types";
import { formStateFrom, toAnswers, ZReviewForm, type TFormSchema, type TFormState } from "@/lib/labeling/form-values";
import { reviewKeys } from "./query-keys";

const show = (v: unknown) => (Array.isArray(v) ? v.join(", ") : v == null ? "" : String(v));

/**
 * The adjudicators' queue: items whose reviewers disagreed, oldest first. For the item shown,
 * every reviewer's label sits side by side with their comment; the adjudicator sets the final
 * answer, which becomes the authoritative (adjudicated) assessment.
 */
export function AdjudicationQueue({ sessionId, sessionName }: { sessionId: string; sessionName: string }) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${sessionId}/adjudication/items`;
  const listKey = [...reviewKeys.session(sessionId), "adjudication"];
  const list = useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => api.get<{ items: AdjudicationItemDto[] }>(`${base}?status=OPEN&maxResults=100`, signal),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const itemId = picked ?? list.data?.items[0]?.itemId ?? null;
  const detail = useQuery({
    queryKey: [...listKey, itemId],
    queryFn: ({ signal }) => api.get<AdjudicationDetailDto>(`${base}/${itemId}`, signal),
    enabled: itemId !== null,
  });
  const [spans, setSpans] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const d = detail.data;
  const resolve = useMutation({
    mutationFn: (answers: unknown) => api.post(`${base}/${itemId}`, { answers }),
    onSuccess: () => {
      setDone("Final answer saved.");
      setPicked(null);
      return client.invalidateQueries({ queryKey: listKey });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <div className="mx-auto max-w-7xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Link href="/review" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
          <ArrowLeft aria-hidden className="h-4 w-4" />
          Sessions
        </Link>
        <h1 className="inline-flex items-center gap-2 text-lg font-semibold text-slate-900">
          <Scale aria-hidden className="h-5 w-5 text-violet-700" />
          Adjudication: {sessionName}
        </h1>
        <span className="text-xs text-slate-600" data-testid="adjudication-open-count">
          {items.length} waiting
        </span>
      </div>
      {done ? (
        <p role="status" className="mb-2 text-sm text-slate-600">
          {done}
        </p>
      ) : null}
      {list.error ? (
        <EmptyState title="The queue could not be loaded">{errorMessage(list.error)}</EmptyState>
      ) : !list.data ? (
        <p className="py-10 text-center text-sm text-slate-500" role="status">
          Loading…
        </p>
      ) : !items.length ? (
        <EmptyState title="Nothing to adjudicate">
          Reviewers agree on every fully labeled item so far. Items where they disagree will show up here.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[12rem_minmax(0,3fr)_minmax(20rem,2fr)]">
          <nav aria-label="Items to adjudicate">
            <ol className="flex flex-col gap-1 text-sm">
              {items.map((i) => (
                <li key={i.itemId}>
                  <button
                    type="button"
                    aria-current={i.itemId === itemId}
                    onClick={() => setPicked(i.itemId)}
                    className={`w-full rounded px-2 py-1 text-left ${i.itemId === itemId ? "bg-violet-100 text-violet-900" : "hover:bg-slate-100"}`}
                  >
                    Item {i.position + 1}
                    <span className="block text-xs text-slate-600">{i.questions.join(", ")}</span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {d ? (
            <>
              <ReviewTracePanel trace={d.trace} onOpenSpans={() => setSpans(true)} />
              <FinalAnswerForm
                key={d.item.itemId}
                schemas={d.schemas}
                pending={resolve.isPending}
                onResolve={(answers) => resolve.mutateAsync(answers)}
              >
                <table
                  className="w-full rounded border border-slate-200 bg-white text-sm"
                  data-testid="adjudication-labels"
                >
                  <caption className="p-2 text-left text-xs text-slate-600">
                    The reviewers&apos; labels (disagreement on: {d.item.questions.join(", ")})
                  </caption>
                  <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
                    <tr>
                      <th className="px-2 py-1">Reviewer</th>
                      {d.schemas.map((s) => (
                        <th key={s.name} className="px-2 py-1">
                          {s.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.item.labels.map((l) => (
                      <tr key={l.userId} className="border-t border-slate-200 align-top">
                        <td className="px-2 py-1 text-xs">{l.email}</td>
                        {d.schemas.map((s) => (
                          <td
                            key={s.name}
                            className={`px-2 py-1 ${d.item.questions.includes(s.name) ? "font-medium text-violet-900" : ""}`}
                          >
                            {show(l.answers[s.name]?.value)}
                            {l.answers[s.name]?.comment ? (
                              <span className="block text-xs italic text-slate-500">
                                “{l.answers[s.name]!.comment}”
                              </span>
                            ) : null}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </FinalAnswerForm>
              <SpanTreeDialog
                key={d.item.itemId}
                spans={d.trace.spans}
                truncated={d.trace.spansTruncated}
                open={spans}
                onOpenChange={setSpans}
              />
            </>
          ) : (
            <p className="text-sm text-slate-500" role="status">
              Loading the item…
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The adjudicator's final answer, on react-hook-form with the same answer validators as the
 * reviewers' form (`ZReviewForm`); one per item (keyed), so each item starts empty. The server's
 * field errors land on their question.
 */
function FinalAnswerForm({
  schemas,
  pending,
  onResolve,
  children,
}: {
  schemas: TFormSchema[];
  pending: boolean;
  onResolve: (answers: unknown) => Promise<unknown>;
  children: ReactNode;
}) {
  const form = useForm<TFormState>({
    defaultValues: formStateFrom(schemas, null),
    resolver: zodResolver(ZReviewForm(schemas)) as Resolver<TFormState>,
  });
  const rootError = form.formState.errors.root?.server?.message;
  return (
    <form
      className="flex flex-col gap-3 self-start"
      data-testid="adjudication-form"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onResolve(toAnswers(schemas, values));
        } catch (err) {
          const answerPaths = Object.fromEntries(schemas.map((s) => [`answers.${s.name}`, s.name]));
          if (!applyServerErrors(err, form.setError, answerPaths))
            form.setError("root.server", { message: errorMessage(err) });
        }
      })}
    >
      {children}
      <p className="text-xs text-slate-600">Your final answer (required for the disagreed questions):</p>
      {schemas.map((s, i) => (
        <LabelQuestion
          key={s.name}
          schema={s}
          index={i}
          active={false}
          control={form.control}
          onFocus={() => undefined}
        />
      ))}
      {rootError ? (
        <p role="alert" className="text-sm text-red-600">
          {rootError}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set final answer"}
      </Button>
    </form>
  );
}
