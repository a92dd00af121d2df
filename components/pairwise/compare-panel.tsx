"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Equal, Send } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { LabelQuestion } from "@/components/review/label-question";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formStateFrom, toAnswers, ZReviewForm, type TFormState } from "@/lib/labeling/form-values";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import type { CompareNextDto, ComparePairDto } from "@/lib/pairwise/schemas";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

/** Keys choose unless the reviewer is typing (radio buttons and checkboxes are not typing). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === "TEXTAREA") return true;
  return target instanceof HTMLInputElement && target.type !== "radio" && target.type !== "checkbox";
}

/**
 * Side-by-side comparison for a compare session: the same input, two answers in the stored
 * random order (no version names), the session's questions for each side, and A (left), B
 * (right) or E (tie), with a rationale. Keys work outside the text boxes (Escape leaves them).
 * While the agents of an agents comparison are still answering, the pairs answered so far can be
 * compared and the rest follow.
 */
export function ComparePanel({ sessionId }: { sessionId: string }) {
  const key = ["compare", sessionId] as const;
  const next = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<CompareNextDto>(`/api/pairwise/sessions/${sessionId}/next`, signal),
    refetchInterval: (q) => (q.state.data?.generation.status === "GENERATING" ? 2000 : false),
  });
  if (next.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(next.error)}
      </p>
    );
  if (!next.data)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading…
      </p>
    );
  const { progress, generation, pair } = next.data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-slate-900">{next.data.sessionName}</h1>
        <span data-testid="compare-progress" className="text-sm text-slate-600">
          {progress.done} of {progress.total} compared
        </span>
        {generation.status !== "READY" ? (
          <span data-testid="compare-generation" role="status" className="text-sm text-slate-600">
            {generation.status === "GENERATING"
              ? `The agents have answered ${generation.ready} of ${generation.total} inputs…`
              : `The agents stopped after ${generation.ready} of ${generation.total} inputs: ${generation.error ?? "unknown error"}`}
          </span>
        ) : null}
      </div>
      {generation.source === "agents" ? <AskBothAgents sessionId={sessionId} /> : null}
      {!pair ? (
        generation.status === "GENERATING" ? (
          <EmptyState title="Waiting for the agents">
            The next pair appears here as soon as both agents answer.
          </EmptyState>
        ) : (
          <EmptyState title="All pairs compared">Thank you: every pair in this session has your choice.</EmptyState>
        )
      ) : (
        // Keyed by pair: each pair starts with its own (saved) answers.
        <PairForm key={pair.pairId} sessionId={sessionId} pair={pair} schemas={next.data.schemas} />
      )}
    </div>
  );
}

function PairForm({
  sessionId,
  pair,
  schemas,
}: {
  sessionId: string;
  pair: ComparePairDto;
  schemas: LabelSchemaDto[];
}) {
  const client = useQueryClient();
  const [rationale, setRationale] = useState(pair.mine?.rationale ?? "");
  const left = useForm<TFormState>({
    resolver: zodResolver(ZReviewForm(schemas)),
    defaultValues: formStateFrom(schemas, pair.answers.left),
  });
  const right = useForm<TFormState>({
    resolver: zodResolver(ZReviewForm(schemas)),
    defaultValues: formStateFrom(schemas, pair.answers.right),
  });
  const submit = useMutation({
    mutationFn: async (choice: "left" | "right" | "tie") => {
      // Each side's answers are checked by the server's own validators before anything is sent.
      const [okLeft, okRight] = await Promise.all([left.trigger(), right.trigger()]);
      if (!okLeft || !okRight) throw new Error("Fix the answers marked in red first.");
      const answers = schemas.length
        ? { answers: { left: toAnswers(schemas, left.getValues()), right: toAnswers(schemas, right.getValues()) } }
        : {};
      return api.put<CompareNextDto>(`/api/pairwise/sessions/${sessionId}/pairs/${pair.pairId}`, {
        choice,
        ...(rationale.trim() ? { rationale } : {}),
        ...answers,
      });
    },
    onSuccess: (data) => client.setQueryData(["compare", sessionId], data),
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && isTyping(e.target)) return void (e.target as HTMLElement).blur();
      if (submit.isPending || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key.toLowerCase();
      const choice = k === "a" ? "left" : k === "b" ? "right" : k === "e" ? "tie" : null;
      if (!choice) return;
      e.preventDefault();
      submit.mutate(choice);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [submit]);
  return (
    <>
      <section className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="text-xs font-semibold uppercase text-slate-500">Input</h2>
        <pre data-testid="compare-input" className="whitespace-pre-wrap text-sm text-slate-900">
          {show(pair.inputs)}
        </pre>
      </section>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {(["left", "right"] as const).map((side) => (
          <section
            key={side}
            data-testid={`compare-${side}`}
            data-trace-id={pair[side].traceId}
            aria-label={`Response ${side === "left" ? "A" : "B"}`}
            className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3"
          >
            <h2 className="text-sm font-semibold text-slate-900">Response {side === "left" ? "A" : "B"}</h2>
            <pre data-testid={`compare-${side}-answer`} className="whitespace-pre-wrap text-sm text-slate-800">
              {show(pair[side].output)}
            </pre>
            <SideQuestions side={side} schemas={schemas} form={side === "left" ? left : right} />
          </section>
        ))}
      </div>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">Rationale</span>
        <textarea
          rows={2}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          placeholder="Why is one better? (Escape leaves the box, then A, B or E)"
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => submit.mutate("left")} disabled={submit.isPending}>
          <kbd className="rounded border border-indigo-300 px-1 text-[10px]">A</kbd> A is better
        </Button>
        <Button onClick={() => submit.mutate("right")} disabled={submit.isPending}>
          <kbd className="rounded border border-indigo-300 px-1 text-[10px]">B</kbd> B is better
        </Button>
        <Button variant="secondary" onClick={() => submit.mutate("tie")} disabled={submit.isPending}>
          <Equal aria-hidden className="size-4" /> <kbd className="rounded border px-1 text-[10px]">E</kbd> Tie
        </Button>
        {submit.error ? (
          <span role="alert" className="text-sm text-red-600">
            {errorMessage(submit.error)}
          </span>
        ) : null}
      </div>
    </>
  );
}

function SideQuestions({
  side,
  schemas,
  form,
}: {
  side: "left" | "right";
  schemas: LabelSchemaDto[];
  form: UseFormReturn<TFormState>;
}) {
  const [active, setActive] = useState(-1);
  if (!schemas.length) return null;
  return (
    <div data-testid={`compare-${side}-questions`} className="flex flex-col gap-2">
      {schemas.map((s, i) => (
        <LabelQuestion
          key={s.name}
          schema={s}
          index={i}
          control={form.control}
          active={active === i}
          onFocus={() => setActive(i)}
          idPrefix={`${side}-`}
        />
      ))}
    </div>
  );
}

/**
 * A live question to both agents of the comparison: their answers become a new pair, shown at
 * once to compare. What was typed stays in the box until both answers are recorded.
 */
function AskBothAgents({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  const [message, setMessage] = useState("");
  const ask = useMutation({
    mutationFn: (text: string) =>
      api.post<CompareNextDto>(`/api/pairwise/sessions/${sessionId}/ask`, { message: text }),
    onSuccess: (data) => {
      setMessage("");
      client.setQueryData(["compare", sessionId], data);
    },
  });
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (message.trim()) ask.mutate(message);
      }}
    >
      <label className="flex-1 text-sm">
        <span className="mb-1 block font-medium text-slate-700">Question for both agents</span>
        <textarea
          rows={1}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder="Ask something of your own: both agents answer, then you compare"
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={!message.trim() || ask.isPending}>
        <Send aria-hidden className="size-4" /> {ask.isPending ? "Asking…" : "Ask both"}
      </Button>
      {ask.error ? (
        <span role="alert" className="text-sm text-red-600">
          {errorMessage(ask.error)}
        </span>
      ) : null}
    </form>
  );
}
