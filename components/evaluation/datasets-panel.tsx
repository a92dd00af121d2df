"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import type { DatasetDto } from "@/lib/evaluation/datasets/types";
import { ZCreateDatasetBody } from "@/lib/evaluation/schemas";
import { Pager } from "@/components/ui/pager";
import { evaluationKeys } from "./query-keys";
import { useApi } from "./use-api";

const PAGE_SIZE = 20;

/** What was typed or picked, turned into the request body and checked with the API's contract. */
const ZForm = z
  .object({
    name: z.string(),
    source: z.enum(["session", "upload", "traces", "empty"]),
    sessionId: z.string(),
    traceIds: z.string(),
    upload: z.custom<FileList | null>(),
  })
  .transform(async (f): Promise<z.input<typeof ZCreateDatasetBody>> => {
    const file = f.upload?.[0];
    return {
      name: f.name,
      ...(f.source === "session" ? { sessionId: f.sessionId } : {}),
      ...(f.source === "traces" ? { traceIds: f.traceIds.split(/[\s,]+/).filter(Boolean) } : {}),
      ...(f.source === "upload" && file
        ? { upload: { format: file.name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl", content: await file.text() } }
        : {}),
    };
  })
  .pipe(ZCreateDatasetBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/** The experiment's datasets, and a form to create one from a labeling session, a file, trace ids, or empty. */
export function DatasetsPanel({
  experimentId,
  sessions,
}: {
  experimentId: string;
  sessions: { id: string; name: string }[];
}) {
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const { data, error } = useApi<{ datasets: DatasetDto[]; total: number }>(
    `/api/evaluation/experiments/${experimentId}/datasets?page=${page}&pageSize=${PAGE_SIZE}`,
  );
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      name: "",
      source: sessions.length ? "session" : "upload",
      sessionId: sessions[0]?.id ?? "",
      traceIds: "",
      upload: null,
    },
  });
  const create = useMutation({
    mutationFn: (body: Body) =>
      api.post<{ inserted: number; skipped: number }>(`/api/evaluation/experiments/${experimentId}/datasets`, body),
    onMutate: () => setMessage(null),
    onSuccess: (res, body) => {
      setMessage(
        `Created '${body.name}' with ${res.inserted} records${res.skipped ? ` (${res.skipped} unlabelled items skipped)` : ""}.`,
      );
      form.reset({ ...form.getValues(), name: "" });
      return client.invalidateQueries({ queryKey: evaluationKeys.all });
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, ["name", "sessionId", "traceIds", "upload"]);
    }
  });
  const { errors } = form.formState;
  const [name, source, sessionId, upload] = form.watch(["name", "source", "sessionId", "upload"]);
  const busy = form.formState.isSubmitting;
  const fieldError = errors.name ?? errors.sessionId ?? errors.traceIds ?? errors.upload;

  const base = `/experiments/${experimentId}/evaluation/datasets`;
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Datasets</h2>
      <p className="mt-1 text-sm text-slate-600">
        Versioned records of inputs and expectations. Each change writes a new version; older versions stay readable.
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {data && data.datasets.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          No datasets yet: create one below from a labeling session&apos;s expected responses, or upload a JSONL/CSV
          file.
        </p>
      ) : null}
      {data && data.datasets.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {data.datasets.map((d) => (
            <li key={d.id} data-testid="dataset-item" className="flex items-center justify-between py-1.5">
              <Link href={`${base}/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                {d.name}
              </Link>
              <span className="text-slate-500">
                v{d.currentVersion} · {d.recordCount} records
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {data ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
      ) : (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      )}

      <form
        onSubmit={onSubmit}
        noValidate
        aria-label="New dataset"
        className="mt-4 space-y-2 border-t border-slate-100 pt-4 text-sm"
      >
        <div className="flex flex-wrap gap-2">
          <input
            aria-label="Dataset name"
            placeholder="New dataset name"
            aria-invalid={Boolean(errors.name)}
            {...form.register("name")}
            className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5"
          />
          <select
            aria-label="Records from"
            {...form.register("source")}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="session">from a labeling session</option>
            <option value="upload">upload JSONL / CSV</option>
            <option value="traces">from trace ids</option>
            <option value="empty">empty</option>
          </select>
          {source === "session" ? (
            <select
              aria-label="Labeling session"
              {...form.register("sessionId")}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {sessions.length ? (
                sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))
              ) : (
                <option value="">no sessions in this experiment</option>
              )}
            </select>
          ) : null}
          {source === "upload" ? (
            <input aria-label="Dataset file" type="file" accept=".jsonl,.json,.csv,.txt" {...form.register("upload")} />
          ) : null}
          <Button
            type="submit"
            disabled={
              busy || !name.trim() || (source === "upload" && !upload?.length) || (source === "session" && !sessionId)
            }
          >
            {busy ? "Creating…" : "Create dataset"}
          </Button>
        </div>
        {source === "traces" ? (
          <textarea
            aria-label="Trace ids"
            placeholder="tr-… ids, separated by spaces, commas or lines"
            {...form.register("traceIds")}
            className="h-20 w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
          />
        ) : null}
        {source === "upload" ? (
          <p className="text-xs text-slate-500">
            JSONL: one <code>{'{"inputs": {...}, "expectations": {...}}'}</code> per line. CSV: a header row;{" "}
            <code>expected_response</code>/<code>expected_facts</code>/<code>expectations.*</code> columns are
            expectations, other columns inputs. Up to 5 MB.
          </p>
        ) : null}
        {message ? (
          <p role="status" className="text-sm text-emerald-700">
            {message}
          </p>
        ) : null}
        {fieldError ? (
          <p role="alert" className="text-sm text-red-600">
            {fieldError.message}
          </p>
        ) : null}
        <FormError errors={errors} />
      </form>
    </section>
  );
}
