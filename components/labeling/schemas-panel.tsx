"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { LabelSchemaForm } from "@/components/labeling/label-schema-form";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { TLabelSchemaInput } from "@/lib/labeling/schemas";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";

function describeInput(input: TLabelSchemaInput): string {
  switch (input.type) {
    case "categorical":
      return `one of: ${input.options.join(" / ")}`;
    case "categorical_list":
      return `any of: ${input.options.join(" / ")}`;
    case "text":
      return input.maxLength ? `text, ≤ ${input.maxLength} chars` : "text";
    case "text_list":
      return `list of texts${input.maxCount ? `, ≤ ${input.maxCount} entries` : ""}`;
    case "numeric":
      return `number${input.minValue !== undefined || input.maxValue !== undefined ? ` in [${input.minValue ?? "−∞"}, ${input.maxValue ?? "∞"}]` : ""}`;
  }
}

/** Labeling → Schemas: the experiment's questions, with create and edit forms. */
export function SchemasPanel({ experimentId }: { experimentId: string }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<LabelSchemaDto | "new" | null>(null);
  const key = labelingKeys.schemas(experimentId);
  // Every schema of the experiment, page after page (the table is small; the API pages at 200).
  const list = useQuery({
    queryKey: [...key, "all"],
    queryFn: async ({ signal }) => {
      const all: LabelSchemaDto[] = [];
      let token: string | undefined;
      do {
        const page = await api.get<{ schemas: LabelSchemaDto[]; nextPageToken?: string }>(
          `/api/labeling/schemas?experimentId=${experimentId}&maxResults=200${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`,
          signal,
        );
        all.push(...page.schemas);
        token = page.nextPageToken;
      } while (token);
      return all;
    },
  });
  const remove = useMutation({
    mutationFn: (s: LabelSchemaDto) => api.delete(`/api/labeling/schemas/${s.id}`),
    onSuccess: (_r, s) => toast.success(`Deleted ${s.name}`),
    onError: (err) => toast.error(`Could not delete: ${errorMessage(err)}`),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  const schemas = list.data ?? null;
  const error = list.error ?? remove.error;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex justify-between">
        <p className="text-sm text-slate-600">
          A label schema is one question reviewers answer; its name becomes the assessment name on the trace.
        </p>
        {editing === null ? <Button onClick={() => setEditing("new")}>New schema</Button> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
      {editing !== null ? (
        <LabelSchemaForm
          key={editing === "new" ? "new" : editing.id}
          experimentId={experimentId}
          schema={editing === "new" ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
      {schemas === null ? (
        <p className="text-sm text-slate-500" role="status">
          Loading…
        </p>
      ) : schemas.length === 0 && editing === null ? (
        <EmptyState
          title="No label schemas yet"
          action={<Button onClick={() => setEditing("new")}>Create the first schema</Button>}
        >
          Create a question such as “Is the response factually accurate?” (feedback) or “What would be the ideal
          response?” (expectation), then use it in a labeling session.
        </EmptyState>
      ) : (
        <table className="w-full rounded-lg bg-white text-sm ring-1 ring-slate-200" data-testid="schemas-table">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Question</th>
              <th className="px-3 py-2">Type</th>
              <th className="px-3 py-2">Input</th>
              <th className="px-3 py-2">Sessions</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {schemas.map((s) => (
              <tr key={s.id}>
                <td className="px-3 py-2 font-mono text-xs">{s.name}</td>
                <td className="px-3 py-2">{s.title}</td>
                <td className="px-3 py-2">{s.type}</td>
                <td className="px-3 py-2 text-slate-600">{describeInput(s.input)}</td>
                <td className="px-3 py-2">{s.sessionCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  <Button variant="ghost" onClick={() => setEditing(s)}>
                    Edit
                  </Button>
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        disabled={s.sessionCount > 0}
                        title={s.sessionCount ? "Used by a session" : undefined}
                      >
                        Delete
                      </Button>
                    }
                    title={`Delete label schema '${s.name}'?`}
                    description="Labels already recorded stay on the traces."
                    confirmLabel="Delete schema"
                    onConfirm={() => remove.mutate(s)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
