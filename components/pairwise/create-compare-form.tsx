"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Columns2 } from "lucide-react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import { ZCreatePairwiseSessionBody, type PairwiseSessionDto } from "@/lib/pairwise/schemas";

// The contract as the boxes hold it: reviewers as one comma-separated line.
const ZForm = ZCreatePairwiseSessionBody.pick({ name: true, evaluationRunIdA: true, evaluationRunIdB: true })
  .extend({ reviewers: z.string().max(20_000) })
  .refine((v) => v.evaluationRunIdA !== v.evaluationRunIdB, {
    path: ["evaluationRunIdB"],
    message: "must differ from version A",
  });
type Form = z.infer<typeof ZForm>;

const select = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

/**
 * Starts a compare session: two evaluation runs of one dataset become pairs that reviewers judge
 * side by side (A, B or tie). Kept apart from the ordinary session form.
 */
export function CreateCompareForm({ experimentId }: { experimentId: string }) {
  const runs = useQuery({
    queryKey: ["evaluation-runs-for-compare", experimentId],
    queryFn: ({ signal }) =>
      api.get<{ runs: EvaluationRunDto[] }>(
        `/api/evaluation/experiments/${experimentId}/runs?page=1&pageSize=100`,
        signal,
      ),
  });
  const form = useForm<Form>({
    resolver: zodResolver(ZForm),
    defaultValues: { name: "", evaluationRunIdA: "", evaluationRunIdB: "", reviewers: "" },
  });
  const create = useMutation({
    mutationFn: ({ reviewers, ...rest }: Form) =>
      api.post<PairwiseSessionDto>("/api/pairwise/sessions", {
        ...rest,
        experimentId,
        assignedUsers: reviewers
          .split(/[,\s]+/)
          .map((r) => r.trim())
          .filter(Boolean),
      }),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await create.mutateAsync(v);
    } catch (err) {
      applyServerErrors(err, form.setError, {
        name: "name",
        evaluationRunIdA: "evaluationRunIdA",
        evaluationRunIdB: "evaluationRunIdB",
        assignedUsers: "reviewers",
      });
    }
  });
  const { errors } = form.formState;
  const done = runs.data?.runs.filter((r) => r.status === "COMPLETED") ?? [];
  const created = create.data;
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Columns2 aria-hidden className="size-4 text-indigo-600" /> Compare two versions
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Reviewers see the answers of two evaluation runs of the same dataset side by side, in random order, and pick the
        better one (or a tie).
      </p>
      {runs.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(runs.error)}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextField label="Comparison name" error={errors.name?.message} {...form.register("name")} />
        <TextField
          label="Comparison reviewers"
          placeholder="emails, comma separated"
          error={errors.reviewers?.message}
          {...form.register("reviewers")}
        />
        {(["evaluationRunIdA", "evaluationRunIdB"] as const).map((field, i) => (
          <label key={field} className="block text-sm">
            <span className="mb-1 block font-medium text-slate-700">
              Version {i === 0 ? "A" : "B"} (evaluation run)
            </span>
            <select className={select} {...form.register(field)}>
              <option value="">Choose a run</option>
              {done.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.totalRows} rows)
                </option>
              ))}
            </select>
            {errors[field] ? <span className="mt-1 block text-xs text-red-600">{errors[field]?.message}</span> : null}
          </label>
        ))}
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Create comparison
          </Button>
          <FormError errors={errors} />
          {created ? (
            <span role="status" className="text-sm text-emerald-700">
              {created.pairCount} pairs ready.{" "}
              <Link className="underline" href={`/experiments/${experimentId}/labeling/sessions/${created.sessionId}`}>
                Open the comparison
              </Link>
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
