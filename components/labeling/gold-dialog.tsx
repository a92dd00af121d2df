"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage, fieldIssues } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { labelingKeys } from "./query-keys";

/** A typed known answer: a number or JSON list when it reads as one, else the text itself. */
function parseTyped(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t.startsWith("[")) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  return t;
}

/**
 * Marks an item as gold (a known answer reviewers are measured against, without being told):
 * from the expectations already on its trace, or typed per question.
 */
export function GoldDialog({
  sessionId,
  itemId,
  gold,
  schemaNames,
}: {
  sessionId: string;
  itemId: string;
  gold: boolean;
  schemaNames: string[];
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const client = useQueryClient();
  const url = `/api/labeling/sessions/${sessionId}/items/${itemId}/gold`;
  const done = () => {
    void client.invalidateQueries({ queryKey: labelingKeys.session(sessionId) });
    setOpen(false);
  };
  const onError = (err: unknown) => {
    const byField: Record<string, string> = {};
    for (const i of fieldIssues(err)) {
      const name = i.path.replace(/^body\.answers\./, "").split(".")[0]!;
      if (schemaNames.includes(name)) byField[name] = i.message;
    }
    setErrors(byField);
    setFormError(Object.keys(byField).length ? null : errorMessage(err));
  };
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(url, body),
    onSuccess: done,
    onError,
  });
  const clear = useMutation({ mutationFn: () => api.delete(url), onSuccess: done, onError });
  const answers = Object.fromEntries(
    Object.entries(typed)
      .filter(([, v]) => v.trim() !== "")
      .map(([k, v]) => [k, parseTyped(v)]),
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" className="px-2 py-0.5 text-xs">
          {gold ? "Gold answer" : "Mark gold"}
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Known answer (gold item)"
        description="Reviewers label this item like any other; the results show how often each one matches the known answer."
      >
        <div className="flex flex-col gap-3">
          <Button variant="secondary" disabled={save.isPending} onClick={() => save.mutate({ fromExpectations: true })}>
            Take it from the expectations on the trace
          </Button>
          <p className="text-xs text-slate-500">
            Or type it: options as written, numbers as numbers, lists as JSON (e.g. [&quot;a&quot;, &quot;b&quot;]).
            Leave a question empty to not measure it.
          </p>
          {schemaNames.map((name) => (
            <TextField
              key={name}
              label={name}
              value={typed[name] ?? ""}
              error={errors[name]}
              onChange={(e) => setTyped({ ...typed, [name]: e.target.value })}
            />
          ))}
          {formError ? (
            <p role="alert" className="text-sm text-red-600">
              {formError}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button
              disabled={save.isPending || !Object.keys(answers).length}
              title={Object.keys(answers).length ? undefined : "Type at least one known answer first"}
              onClick={() => save.mutate({ answers })}
            >
              Save known answer
            </Button>
            {gold ? (
              <Button variant="ghost" onClick={() => clear.mutate()}>
                Not gold any more
              </Button>
            ) : null}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
