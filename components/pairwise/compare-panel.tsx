"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Equal } from "lucide-react";
import { useEffect, useState } from "react";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { CompareNextDto } from "@/lib/pairwise/schemas";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === "TEXTAREA" || target.tagName === "INPUT");
}

/**
 * Side-by-side comparison for a compare session: the same input, two answers in the stored
 * random order (no version names), and A (left), B (right) or E (tie), with a rationale. Keys work
 * outside the text box (Escape leaves it).
 */
export function ComparePanel({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  const key = ["compare", sessionId] as const;
  const next = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<CompareNextDto>(`/api/pairwise/sessions/${sessionId}/next`, signal),
  });
  const [rationale, setRationale] = useState("");
  const pair = next.data?.pair ?? null;
  const submit = useMutation({
    mutationFn: (choice: "left" | "right" | "tie") =>
      api.put<CompareNextDto>(`/api/pairwise/sessions/${sessionId}/pairs/${pair!.pairId}`, {
        choice,
        ...(rationale.trim() ? { rationale } : {}),
      }),
    onSuccess: (data) => {
      setRationale("");
      client.setQueryData(key, data);
    },
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && isTyping(e.target)) return void (e.target as HTMLElement).blur();
      if (!pair || submit.isPending || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key.toLowerCase();
      const choice = k === "a" ? "left" : k === "b" ? "right" : k === "e" ? "tie" : null;
      if (!choice) return;
      e.preventDefault();
      submit.mutate(choice);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pair, submit]);

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
  const { progress } = next.data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-lg font-semibold text-slate-900">{next.data.sessionName}</h1>
        <span data-testid="compare-progress" className="text-sm text-slate-600">
          {progress.done} of {progress.total} compared
        </span>
      </div>
      {!pair ? (
        <EmptyState title="All pairs compared">Thank you: every pair in this session has your choice.</EmptyState>
      ) : (
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
                className="rounded-lg border border-slate-200 bg-white p-3"
              >
                <h2 className="mb-1 text-sm font-semibold text-slate-900">Response {side === "left" ? "A" : "B"}</h2>
                <pre className="whitespace-pre-wrap text-sm text-slate-800">{show(pair[side].output)}</pre>
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
      )}
    </div>
  );
}
