"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { TextField } from "@/components/ui/text-field";
import { ZAddConversationsBody } from "@/lib/labeling/conversations/schemas";
import { labelingKeys } from "./query-keys";

type Added = { added: number; alreadyPresent: number; matched: number; itemCount: number };

// The form's one field is the contract's `filter` (the same zod rules the server applies).
const ZForm = z.object({ filter: ZAddConversationsBody.shape.filter.unwrap() });
type FormFields = z.infer<typeof ZForm>;

/** Adds whole conversations (traces sharing a session id) that have a trace matching a trace search filter. */
export function AddConversationsForm({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  // The page header (item count) is rendered on the server: refresh it with the panels.
  const router = useRouter();
  const [result, setResult] = useState<string | null>(null);
  const form = useForm<FormFields>({ resolver: zodResolver(ZForm), defaultValues: { filter: "" } });
  const add = useMutation({
    mutationFn: (body: FormFields) => api.post<Added>(`/api/labeling/sessions/${sessionId}/conversations`, body),
    onMutate: () => setResult(null),
    onSuccess: (r) => {
      setResult(
        r.matched === 0
          ? "No conversation has a trace matching this filter."
          : `Added ${r.added} conversation(s)${r.alreadyPresent ? `, ${r.alreadyPresent} already there` : ""}.`,
      );
      router.refresh();
      return client.invalidateQueries({ queryKey: labelingKeys.session(sessionId) });
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await add.mutateAsync(body);
    } catch (err) {
      if (!applyServerErrors(err, form.setError, ["filter"]))
        form.setError("filter", { message: err instanceof Error ? err.message : String(err) });
    }
  });
  const filter = form.watch("filter");
  return (
    <form className="flex flex-wrap items-end gap-2" aria-label="Add conversations" onSubmit={onSubmit} noValidate>
      <TextField
        label="Conversations with a trace matching"
        placeholder="feedback.user_feedback = false"
        className="min-w-80 flex-1"
        error={form.formState.errors.filter?.message}
        {...form.register("filter")}
      />
      <Button
        type="submit"
        variant="secondary"
        disabled={add.isPending || !filter.trim()}
        title={filter.trim() ? undefined : "Type a trace search filter first"}
      >
        Add conversations
      </Button>
      {result ? (
        <p role="status" className="w-full text-xs text-slate-600">
          {result}
        </p>
      ) : null}
    </form>
  );
}
