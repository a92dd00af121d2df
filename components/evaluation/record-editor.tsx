"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZUpdateDatasetRecordBody } from "@/lib/evaluation/schemas";
import { evaluationKeys } from "./query-keys";

// The JSON text, parsed, then checked with the API's contract (an object of expectations).
const ZForm = z
  .object({ expectations: z.string() })
  .transform((f, ctx) => {
    try {
      return { expectations: JSON.parse(f.expectations) as unknown };
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["expectations"], message: `Not valid JSON: ${(e as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(ZUpdateDatasetRecordBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/** Edits one record's expectations as JSON; saving writes a new dataset version. Ctrl/⌘+Enter saves, Esc cancels. */
export function RecordEditor({
  datasetId,
  recordId,
  expectations,
  onSaved,
  onCancel,
}: {
  datasetId: string;
  recordId: string;
  expectations: Record<string, unknown>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: { expectations: JSON.stringify(expectations, null, 2) },
  });
  const save = useMutation({
    mutationFn: (body: Body) => api.patch(`/api/evaluation/datasets/${datasetId}/records/${recordId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync(v);
      onSaved();
    } catch (err) {
      applyServerErrors(err, form.setError, ["expectations"]);
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} aria-label="Edit expectations">
      <textarea
        aria-label="Expectations JSON"
        autoFocus
        aria-invalid={Boolean(errors.expectations)}
        {...form.register("expectations")}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void onSubmit();
          if (e.key === "Escape") onCancel();
        }}
        className="h-28 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      {errors.expectations ? <p className="text-xs text-red-600">{errors.expectations.message}</p> : null}
      <FormError errors={errors} />
      <div className="mt-1 flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save as new version
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
