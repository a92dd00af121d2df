"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { SchemaChecklist } from "@/components/labeling/schema-checklist";
import { ZCreateLabelingSessionBody } from "@/lib/labeling/schemas";
import type { LabelingSessionDto, LabelSchemaDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";
import { UserPicker, type PickedUser } from "./user-picker";

/** Typed fields turned into the request body, then checked with the API's contract. */
const ZForm = z
  .object({
    name: z.string(),
    labelSchemas: z.array(z.string()),
    instructions: z.string(),
    assignedUsers: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
    labelsPerItem: z.string(),
    openToAllReviewers: z.boolean(),
    revealLabelsAfterSubmit: z.boolean(),
  })
  .transform((f): z.input<typeof ZCreateLabelingSessionBody> => ({
    ...f,
    assignedUsers: f.assignedUsers.map((u) => u.id),
    labelsPerItem: f.labelsPerItem.trim() === "" ? 1 : Number(f.labelsPerItem),
  }))
  .pipe(ZCreateLabelingSessionBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/** New labeling session: name, instructions, questions (in order), reviewers (picked, as in the edit dialog), labels per item. */
export function CreateSessionForm({
  experimentId,
  schemas,
  onCreated,
  onCancel,
}: {
  experimentId: string;
  schemas: LabelSchemaDto[];
  onCreated: (s: LabelingSessionDto) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      name: "",
      instructions: "",
      labelSchemas: [],
      assignedUsers: [] as PickedUser[],
      labelsPerItem: "1",
      openToAllReviewers: false,
      revealLabelsAfterSubmit: false,
    },
  });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (body: Body) => api.post<LabelingSessionDto>("/api/labeling/sessions", { ...body, experimentId }),
    onSuccess: (session) => {
      void client.invalidateQueries({ queryKey: labelingKeys.sessions(experimentId) });
      onCreated(session);
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, [
        "name",
        "instructions",
        "labelSchemas",
        "assignedUsers",
        "labelsPerItem",
        "openToAllReviewers",
        "revealLabelsAfterSubmit",
      ]);
    }
  });
  const picked = form.watch("labelSchemas");
  const busy = form.formState.isSubmitting;

  return (
    <form
      aria-label="New labeling session"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={onSubmit}
      noValidate
    >
      <TextField
        label="Session name"
        placeholder="Negative feedback, week 12"
        error={errors.name?.message}
        {...form.register("name")}
      />
      <TextAreaField
        label="Instructions for reviewers (optional)"
        rows={3}
        placeholder="What to look for and how to judge; shown above the questions. Markdown works."
        error={errors.instructions?.message}
        {...form.register("instructions")}
      />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          Questions (asked in the order you tick them)
        </legend>
        {schemas.length === 0 ? (
          <p className="text-sm text-slate-500">No label schemas yet: create them under Schemas first.</p>
        ) : null}
        <Controller
          control={form.control}
          name="labelSchemas"
          render={({ field }) => (
            <SchemaChecklist schemas={schemas} value={field.value} onChange={field.onChange} showType />
          )}
        />
        {errors.labelSchemas ? <p className="mt-1 text-xs text-red-600">{errors.labelSchemas.message}</p> : null}
      </fieldset>
      <Controller
        control={form.control}
        name="assignedUsers"
        render={({ field }) => (
          <UserPicker
            label="Reviewers"
            value={field.value}
            onChange={field.onChange}
            error={errors.assignedUsers?.message}
          />
        )}
      />
      <div className="flex flex-wrap items-end gap-4">
        <TextField
          label="Reviewers per item"
          type="number"
          min={1}
          max={20}
          className="w-40"
          error={errors.labelsPerItem?.message}
          {...form.register("labelsPerItem")}
        />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" {...form.register("openToAllReviewers")} /> Open to all reviewers
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" {...form.register("revealLabelsAfterSubmit")} /> Show other reviewers&apos; labels
          after submitting
        </label>
      </div>
      <p className="text-xs text-slate-500">
        With more than one reviewer per item the results show agreement statistics.
      </p>
      <FormError errors={errors} />
      <div className="flex gap-2">
        <Button
          type="submit"
          disabled={busy || !picked.length}
          aria-describedby={picked.length ? undefined : "create-session-why"}
        >
          {busy ? "Creating…" : "Create session"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        {/* A disabled button says why. */}
        {!picked.length ? (
          <span id="create-session-why" className="self-center text-xs text-slate-500">
            Tick at least one question above to create the session.
          </span>
        ) : null}
      </div>
    </form>
  );
}
