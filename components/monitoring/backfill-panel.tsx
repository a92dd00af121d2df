"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { ZCreateBackfillBody } from "@/lib/monitoring/schemas";
import type { BackfillDto } from "@/lib/monitoring/types";
import { monitoringKeys } from "./query-keys";
import { useMonitoring } from "./use-monitoring";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";
const toLocal = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const ZForm = z
  .object({ from: z.string().min(1, "choose a start"), to: z.string().min(1, "choose an end") })
  .transform((f) => ({ fromMs: new Date(f.from).getTime(), toMs: new Date(f.to).getTime() }))
  .pipe(ZCreateBackfillBody);

/** Backfill the rule over past traces, with live progress and cancel. */
export function BackfillPanel({ ruleId }: { ruleId: string }) {
  const client = useQueryClient();
  const url = `/api/monitoring/rules/${ruleId}/backfills`;
  const { data } = useMonitoring<{ backfills: BackfillDto[] }>(url, 2000);
  const [now] = useState(() => Date.now());
  const form = useForm<z.input<typeof ZForm>, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(ZForm),
    defaultValues: { from: toLocal(now - 7 * 86_400_000), to: toLocal(now + 60_000) },
  });
  const start = useMutation({
    mutationFn: (body: z.output<typeof ZForm>) => api.post<BackfillDto>(url, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: monitoringKeys.all }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.post<BackfillDto>(`/api/monitoring/backfills/${id}/cancel`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: monitoringKeys.all }),
  });
  const submit = form.handleSubmit(async (body) => {
    try {
      await start.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, { fromMs: "from", toMs: "to" });
    }
  });
  const errs = [form.formState.errors.from, form.formState.errors.to, form.formState.errors.root?.server]
    .map((e) => e?.message)
    .filter(Boolean);
  return (
    <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <h2 className="text-sm font-semibold">Backfill</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-wrap items-end gap-2 text-sm">
        <label>
          <span className="mb-1 block text-xs text-slate-600">Traces started from</span>
          <input aria-label="Backfill from" type="datetime-local" {...form.register("from")} className={field} />
        </label>
        <label>
          <span className="mb-1 block text-xs text-slate-600">until</span>
          <input aria-label="Backfill until" type="datetime-local" {...form.register("to")} className={field} />
        </label>
        <Button type="submit" variant="secondary" disabled={start.isPending}>
          Start backfill
        </Button>
      </form>
      {errs.length ? (
        <p role="alert" className="text-sm text-red-600">
          {errs.join("; ")}
        </p>
      ) : null}
      <ul className="space-y-2 text-sm" data-testid="backfills">
        {data?.backfills.map((b) => {
          const live = b.status === "QUEUED" || b.status === "RUNNING";
          const pct = b.totalTraces ? Math.round((100 * b.doneTraces) / b.totalTraces) : live ? 0 : 100;
          return (
            <li key={b.id} className="flex flex-wrap items-center gap-3">
              <span className="w-40 text-xs text-slate-600">
                {new Date(b.fromMs).toLocaleDateString()} – {new Date(b.toMs).toLocaleDateString()}
              </span>
              <span
                role="progressbar"
                aria-valuenow={pct}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label="Backfill progress"
                className="h-2 w-40 overflow-hidden rounded bg-slate-100"
              >
                <span className="block h-full bg-indigo-500" style={{ width: `${pct}%` }} />
              </span>
              <span className="tabular-nums" data-testid="backfill-status">
                {b.status.toLowerCase()} · {b.doneTraces}/{b.totalTraces} traces · {b.scored} scored
              </span>
              {live ? (
                <Button variant="ghost" onClick={() => cancel.mutate(b.id)} disabled={cancel.isPending}>
                  Cancel
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
