"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { labelingKeys } from "./query-keys";

type Added = { added: number; alreadyPresent: number; matched: number; itemCount: number };

/** Adds whole conversations (traces sharing a session id) that have a trace matching a trace search filter. */
export function AddConversationsForm({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  // The page header (item count) is rendered on the server: refresh it with the panels.
  const router = useRouter();
  const [filter, setFilter] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => api.post<Added>(`/api/labeling/sessions/${sessionId}/conversations`, { filter }),
    onSuccess: (r) => {
      setResult(
        r.matched === 0
          ? "No conversation has a trace matching this filter."
          : `Added ${r.added} conversation(s)${r.alreadyPresent ? `, ${r.alreadyPresent} already there` : ""}.`,
      );
      void client.invalidateQueries({ queryKey: labelingKeys.session(sessionId) });
      router.refresh();
    },
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label="Add conversations"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <TextField
        label="Conversations with a trace matching"
        placeholder="feedback.user_feedback = false"
        className="min-w-80 flex-1"
        value={filter}
        error={add.error ? errorMessage(add.error) : undefined}
        onChange={(e) => setFilter(e.target.value)}
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
