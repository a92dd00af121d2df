"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { SchemaChecklist } from "@/components/labeling/schema-checklist";
import { ZUpdateLabelingSessionBody } from "@/lib/labeling/schemas";
import type { LabelingSessionDto, LabelSchemaDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";
import { UserPicker, type PickedUser } from "./user-picker";

const ZForm = z
  .object({
    name: z.string(),
    instructions: z.string(),
    labelsPerItem: z.string(),
    assignedUsers: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
    labelSchemas: z.array(z.string()),
  })
  .transform((f): z.input<typeof ZUpdateLabelingSessionBody> => ({
    name: f.name,
    instructions: f.instructions,
    labelsPerItem: f.labelsPerItem.trim() === "" ? Number.NaN : Number(f.labelsPerItem),
    assignedUsers: f.assignedUsers.map((u) => u.id),
    labelSchemas: f.labelSchemas,
  }))
  .pipe(ZUpdateLabelingSessionBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/**
 * Edits a session: name, instructions, reviewers (picked, not typed), reviewers per item, and its questions,
 * which the server accepts only while nobody has submitted an answer. Saving refreshes the
 * page header and every panel of the session.
 */
export function EditSessionDialog({ session }: { session: LabelingSessionDto }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const router = useRouter();
  const schemas = useQuery({
    queryKey: labelingKeys.schemas(session.experimentId),
    queryFn: ({ signal }) =>
      api.get<{ schemas: LabelSchemaDto[] }>(
        `/api/labeling/schemas?experimentId=${session.experimentId}&maxResults=500`,
        signal,
      ),
    enabled: open,
    select: (r) => r.schemas,
  });
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    values: {
      name: session.name,
      instructions: session.instructions ?? "",
      labelsPerItem: String(session.labelsPerItem),
      assignedUsers: session.assignedUsers as PickedUser[],
      labelSchemas: session.labelSchemas.map((s) => s.name),
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (body: Body) => api.patch<LabelingSessionDto>(`/api/labeling/sessions/${session.id}`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: labelingKeys.session(session.id) });
      void client.invalidateQueries({ queryKey: labelingKeys.sessions(session.experimentId) });
      // The header is rendered on the server: fetch it again.
      router.refresh();
      setOpen(false);
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    // Unchanged questions are not sent, so a session with answers can still be renamed.
    const same = JSON.stringify(body.labelSchemas) === JSON.stringify(session.labelSchemas.map((s) => s.name));
    try {
      await save.mutateAsync({ ...body, labelSchemas: same ? undefined : body.labelSchemas });
    } catch (err) {
      applyServerErrors(err, form.setError, ["name", "instructions", "labelsPerItem", "assignedUsers", "labelSchemas"]);
    }
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Pencil aria-hidden className="h-3.5 w-3.5" />
          Edit session
        </Button>
      </DialogTrigger>
      <DialogContent title="Edit session" description="Questions can change only until the first answer is submitted.">
        <form className="flex flex-col gap-3" onSubmit={onSubmit} noValidate aria-label="Edit session">
          <TextField label="Session name" error={errors.name?.message} {...form.register("name")} />
          <TextAreaField
            label="Instructions for reviewers"
            rows={3}
            hint="Shown above the questions in the Review App. Markdown works; leave empty for none."
            error={errors.instructions?.message}
            {...form.register("instructions")}
          />
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
          <TextField
            label="Reviewers per item"
            type="number"
            min={1}
            max={20}
            className="w-40"
            error={errors.labelsPerItem?.message}
            {...form.register("labelsPerItem")}
          />
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">Questions</legend>
            <Controller
              control={form.control}
              name="labelSchemas"
              render={({ field }) => (
                <SchemaChecklist schemas={schemas.data ?? []} value={field.value} onChange={field.onChange} />
              )}
            />
            {errors.labelSchemas ? <p className="mt-1 text-xs text-red-600">{errors.labelSchemas.message}</p> : null}
          </fieldset>
          <FormError errors={errors} />
          <div className="flex gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Saving…" : "Save"}
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
