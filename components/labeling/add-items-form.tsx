"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZAddSessionItemsBody } from "@/lib/labeling/schemas";
import type { AddItemsResult } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";

const ZForm = z
  .object({ mode: z.enum(["filter", "ids"]), text: z.string() })
  .transform((f): z.input<typeof ZAddSessionItemsBody> =>
    f.mode === "filter" ? { filter: f.text } : { traceIds: f.text.split(/[\s,]+/).filter(Boolean) },
  )
  .pipe(ZAddSessionItemsBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/** Adds traces to a session by trace search filter or by a list of trace ids. */
export function AddItemsForm({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: { mode: "filter", text: "" },
  });
  const add = useMutation({
    mutationFn: (body: Body) => api.post<AddItemsResult>(`/api/labeling/sessions/${sessionId}/items`, body),
    onMutate: () => setResult(null),
    onSuccess: (r) => {
      setResult(
        `Added ${r.added} trace${r.added === 1 ? "" : "s"}${r.alreadyPresent ? ` (${r.alreadyPresent} already in the session)` : ""}${r.truncated ? "; the filter matched more than the limit" : ""}.`,
      );
      return client.invalidateQueries({ queryKey: labelingKeys.session(sessionId) });
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await add.mutateAsync(body);
    } catch (err) {
      // The contract's `filter` / `traceIds` are both the one text box here.
      applyServerErrors(err, form.setError, { filter: "text", traceIds: "text" });
    }
  });
  const [mode, text] = form.watch(["mode", "text"]);
  const { errors } = form.formState;
  const textError = errors.text?.message ?? (errors as { filter?: { message?: string } }).filter?.message;

  return (
    <form aria-label="Add traces" className="flex flex-col gap-2" onSubmit={onSubmit} noValidate>
      <div className="flex gap-3 text-sm">
        <label className="flex items-center gap-1">
          <input type="radio" value="filter" {...form.register("mode")} /> By search filter
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" value="ids" {...form.register("mode")} /> By trace ids
        </label>
      </div>
      <div className="flex gap-2">
        <input
          aria-label={mode === "filter" ? "Trace filter" : "Trace ids"}
          className="flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm"
          placeholder={mode === "filter" ? "feedback.user_feedback = false" : "tr-…, tr-…"}
          aria-invalid={Boolean(textError)}
          {...form.register("text")}
        />
        <Button type="submit" disabled={add.isPending || !text.trim()}>
          {add.isPending ? "Adding…" : "Add traces"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Filters use the trace search syntax, e.g. <code>feedback.user_feedback = false</code> or{" "}
        <code>tags.env = &apos;prod&apos; AND status = &apos;OK&apos;</code>. You can also add selected traces from the
        Traces table.
      </p>
      {result ? (
        <p role="status" className="text-sm text-emerald-700">
          {result}
        </p>
      ) : null}
      {textError ? (
        <p role="alert" className="text-sm text-red-600">
          {textError}
        </p>
      ) : null}
      <FormError errors={errors} />
    </form>
  );
}
