"use client";

import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch } from "@/components/ui/api-client";
import { LabelSchemaForm } from "@/components/labeling/label-schema-form";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import type { TLabelSchemaInput } from "@/lib/labeling/schemas";

function describeInput(input: TLabelSchemaInput): string {
  switch (input.type) {
    case "categorical":
      return `one of: ${input.options.join(" / ")}`;
    case "categorical_list":
      return `any of: ${input.options.join(" / ")}`;
    case "text":
      return input.max_length ? `text, ≤ ${input.max_length} chars` : "text";
    case "text_list":
      return `list of texts${input.max_count ? `, ≤ ${input.max_count} entries` : ""}`;
    case "numeric":
      return `number${input.min_value !== undefined || input.max_value !== undefined ? ` in [${input.min_value ?? "−∞"}, ${input.max_value ?? "∞"}]` : ""}`;
  }
}

/** Labeling → Schemas: the experiment's questions, with create and edit forms. */
export function SchemasPanel({ experimentId }: { experimentId: string }) {
  const [schemas, setSchemas] = useState<LabelSchemaDto[] | null>(null);
  const [editing, setEditing] = useState<LabelSchemaDto | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const all: LabelSchemaDto[] = [];
    let token: string | undefined;
    do {
      const page = await apiFetch<{ schemas: LabelSchemaDto[]; next_page_token?: string }>(
        `/api/labeling/schemas?experiment_id=${experimentId}&max_results=200${token ? `&page_token=${encodeURIComponent(token)}` : ""}`,
      );
      all.push(...page.schemas);
      token = page.next_page_token;
    } while (token);
    setSchemas(all);
  }, [experimentId]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  async function remove(s: LabelSchemaDto) {
    if (!confirm(`Delete label schema '${s.name}'? Labels already recorded stay on the traces.`)) return;
    try {
      await apiFetch(`/api/labeling/schemas/${s.id}`, { method: "DELETE" });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

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
          {error}
        </p>
      ) : null}
      {editing !== null ? (
        <LabelSchemaForm
          key={editing === "new" ? "new" : editing.id}
          experimentId={experimentId}
          schema={editing === "new" ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
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
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Question</th>
              <th className="px-3 py-2">Type</th>
              <th className="px-3 py-2">Input</th>
              <th className="px-3 py-2">Sessions</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {schemas.map((s) => (
              <tr key={s.id}>
                <td className="px-3 py-2 font-mono text-xs">{s.name}</td>
                <td className="px-3 py-2">{s.title}</td>
                <td className="px-3 py-2">{s.type}</td>
                <td className="px-3 py-2 text-slate-600">{describeInput(s.input)}</td>
                <td className="px-3 py-2">{s.session_count}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  <Button variant="ghost" onClick={() => setEditing(s)}>
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    onClick={() => void remove(s)}
                    disabled={s.session_count > 0}
                    title={s.session_count ? "Used by a session" : undefined}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
