"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZSyncSessionBody, type TSyncSessionBody } from "@/lib/labeling/schemas";
import type { SyncSessionResult } from "@/lib/labeling/types";

/** Copies the session's expectation labels into an evaluation dataset (new, or a new version of an existing one). */
export function SyncToDataset({
  sessionId,
  experimentId,
  defaultName,
}: {
  sessionId: string;
  experimentId: string;
  defaultName: string;
}) {
  const form = useForm<TSyncSessionBody>({
    resolver: zodResolver(ZSyncSessionBody),
    defaultValues: { datasetName: defaultName },
  });
  const sync = useMutation({
    mutationFn: (body: TSyncSessionBody) =>
      api.post<SyncSessionResult>(`/api/labeling/sessions/${sessionId}/sync`, body),
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await sync.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, ["datasetName"]);
    }
  });
  const result = sync.data;
  const { errors } = form.formState;
  const name = form.watch("datasetName");

  return (
    <form
      onSubmit={onSubmit}
      aria-label="Sync to dataset"
      className="flex flex-wrap items-center gap-2 text-sm"
      noValidate
    >
      <input
        aria-label="Dataset name"
        className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5"
        aria-invalid={Boolean(errors.datasetName)}
        {...form.register("datasetName")}
      />
      <Button type="submit" disabled={sync.isPending || !name.trim()}>
        {sync.isPending ? "Syncing…" : "Sync expectations"}
      </Button>
      {result ? (
        <span role="status" data-testid="sync-result" className="text-slate-700">
          {result.created ? "Created" : "Updated"}{" "}
          <Link
            className="text-indigo-700 underline"
            href={`/experiments/${experimentId}/evaluation/datasets/${result.dataset.id}`}
          >
            {result.dataset.name}
          </Link>{" "}
          version {result.version}: {result.inserted} new, {result.updated} updated
          {result.skipped
            ? `, ${result.skipped} item${result.skipped === 1 ? "" : "s"} without expectations skipped`
            : ""}
          .
        </span>
      ) : null}
      {errors.datasetName ? (
        <span role="alert" className="text-red-600">
          Dataset name: {errors.datasetName.message}
        </span>
      ) : null}
      <FormError errors={errors} />
    </form>
  );
}
