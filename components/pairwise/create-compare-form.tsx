"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Columns2 } from "lucide-react";
import Link from "next/link";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { labelingKeys } from "@/components/labeling/query-keys";
import { SchemaChecklist } from "@/components/labeling/schema-checklist";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import type { AgentDto } from "@/lib/agents/schemas";
import type { DatasetDto } from "@/lib/evaluation/datasets/types";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import {
  MAX_AGENT_COMPARISON_INPUTS,
  ZCreateAgentComparisonBody,
  ZCreatePairwiseSessionBody,
  type PairwiseSessionDto,
} from "@/lib/pairwise/schemas";

// The two contracts as the boxes hold them: reviewers as one comma-separated line, typed
// questions one per line, empty selects as "".
const ZForm = z
  .object({
    mode: z.enum(["runs", "agents"]),
    name: ZCreatePairwiseSessionBody.shape.name,
    reviewers: z.string().max(20_000),
    evaluationRunIdA: z.string(),
    evaluationRunIdB: z.string(),
    agentIdA: z.string(),
    agentIdB: z.string(),
    questions: z.string().max(1_000_000),
    datasetId: z.string(),
    inputKey: z.string().max(200),
    labelSchemas: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    const [a, b] = v.mode === "runs" ? ["evaluationRunIdA", "evaluationRunIdB"] : ["agentIdA", "agentIdB"];
    const what = v.mode === "runs" ? "a run" : "an agent";
    if (!v[a as "agentIdA"]) ctx.addIssue({ code: "custom", path: [a], message: `choose ${what}` });
    if (!v[b as "agentIdB"]) ctx.addIssue({ code: "custom", path: [b], message: `choose ${what}` });
    else if (v[a as "agentIdA"] === v[b as "agentIdB"])
      ctx.addIssue({ code: "custom", path: [b], message: "must differ from version A" });
    if (v.mode === "agents") {
      const lines = questionLines(v.questions);
      if (!lines.length && !v.datasetId)
        ctx.addIssue({
          code: "custom",
          path: ["questions"],
          message: "type at least one question or choose a dataset",
        });
      if (lines.length && v.datasetId)
        ctx.addIssue({ code: "custom", path: ["datasetId"], message: "give typed questions or a dataset, not both" });
      if (lines.length > MAX_AGENT_COMPARISON_INPUTS)
        ctx.addIssue({
          code: "custom",
          path: ["questions"],
          message: `at most ${MAX_AGENT_COMPARISON_INPUTS} questions`,
        });
    }
  });
type Form = z.infer<typeof ZForm>;

const questionLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const select = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

function toBody(v: Form, experimentId: string) {
  const common = {
    experimentId,
    name: v.name,
    labelSchemas: v.labelSchemas,
    assignedUsers: v.reviewers
      .split(/[,\s]+/)
      .map((r) => r.trim())
      .filter(Boolean),
  };
  if (v.mode === "runs")
    return {
      url: "/api/pairwise/sessions",
      body: ZCreatePairwiseSessionBody.parse({
        ...common,
        evaluationRunIdA: v.evaluationRunIdA,
        evaluationRunIdB: v.evaluationRunIdB,
      }),
    };
  return {
    url: "/api/pairwise/sessions/from-agents",
    body: ZCreateAgentComparisonBody.parse({
      ...common,
      agentIdA: v.agentIdA,
      agentIdB: v.agentIdB,
      ...(v.datasetId ? { datasetId: v.datasetId } : { inputs: questionLines(v.questions) }),
      ...(v.datasetId && v.inputKey.trim() ? { inputKey: v.inputKey.trim() } : {}),
    }),
  };
}

/**
 * Starts a compare session: two evaluation runs of one dataset, or two agents asked the same
 * questions (typed, or a dataset's records; the server calls them in the background), become
 * pairs that reviewers judge side by side (A, B or tie), answering the chosen questions for each
 * side. Kept apart from the ordinary session form.
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
  const agents = useQuery({
    queryKey: ["agents", experimentId],
    queryFn: ({ signal }) => api.get<{ agents: AgentDto[] }>(`/api/experiments/${experimentId}/agents`, signal),
  });
  const datasets = useQuery({
    queryKey: ["datasets-for-compare", experimentId],
    queryFn: ({ signal }) =>
      api.get<{ datasets: DatasetDto[] }>(
        `/api/evaluation/experiments/${experimentId}/datasets?page=1&pageSize=100`,
        signal,
      ),
  });
  const schemas = useQuery({
    queryKey: labelingKeys.schemas(experimentId),
    queryFn: ({ signal }) =>
      api.get<{ schemas: LabelSchemaDto[] }>(
        `/api/labeling/schemas?experimentId=${experimentId}&maxResults=500`,
        signal,
      ),
    select: (r) => r.schemas,
  });
  const form = useForm<Form>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      mode: "runs",
      name: "",
      reviewers: "",
      evaluationRunIdA: "",
      evaluationRunIdB: "",
      agentIdA: "",
      agentIdB: "",
      questions: "",
      datasetId: "",
      inputKey: "",
      labelSchemas: [],
    },
  });
  const create = useMutation({
    mutationFn: (v: Form) => {
      const { url, body } = toBody(v, experimentId);
      return api.post<PairwiseSessionDto>(url, body);
    },
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await create.mutateAsync(v);
    } catch (err) {
      applyServerErrors(err, form.setError, {
        name: "name",
        evaluationRunIdA: "evaluationRunIdA",
        evaluationRunIdB: "evaluationRunIdB",
        agentIdA: "agentIdA",
        agentIdB: "agentIdB",
        inputs: "questions",
        datasetId: "datasetId",
        labelSchemas: "labelSchemas",
        assignedUsers: "reviewers",
      });
    }
  });
  const { errors } = form.formState;
  const mode = form.watch("mode");
  const done = runs.data?.runs.filter((r) => r.status === "COMPLETED") ?? [];
  const created = create.data;
  const loadError = runs.error ?? agents.error ?? datasets.error ?? schemas.error;
  const fieldError = (name: keyof Form) =>
    errors[name] ? <span className="mt-1 block text-xs text-red-600">{errors[name]?.message}</span> : null;
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Columns2 aria-hidden className="size-4 text-indigo-600" /> Compare two versions
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Reviewers see two answers to the same input side by side, in random order, and pick the better one (or a tie):
        the answers of two evaluation runs of one dataset, or of two agents asked the same questions.
      </p>
      {loadError ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(loadError)}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
        <fieldset className="flex gap-4 text-sm md:col-span-2">
          <legend className="sr-only">Compare</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" value="runs" {...form.register("mode")} /> Two evaluation runs
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" value="agents" {...form.register("mode")} /> Two agents
          </label>
        </fieldset>
        <TextField label="Comparison name" error={errors.name?.message} {...form.register("name")} />
        <TextField
          label="Comparison reviewers"
          placeholder="emails, comma separated"
          error={errors.reviewers?.message}
          {...form.register("reviewers")}
        />
        {mode === "runs"
          ? (["evaluationRunIdA", "evaluationRunIdB"] as const).map((field, i) => (
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
                {fieldError(field)}
              </label>
            ))
          : (["agentIdA", "agentIdB"] as const).map((field, i) => (
              <label key={field} className="block text-sm">
                <span className="mb-1 block font-medium text-slate-700">Version {i === 0 ? "A" : "B"} (agent)</span>
                <select className={select} {...form.register(field)}>
                  <option value="">Choose an agent</option>
                  {(agents.data?.agents ?? []).map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name} ({a.model})
                    </option>
                  ))}
                </select>
                {fieldError(field)}
              </label>
            ))}
        {mode === "agents" ? (
          <>
            <label className="block text-sm md:col-span-2">
              <span className="mb-1 block font-medium text-slate-700">Questions (one per line)</span>
              <textarea rows={4} className={select} {...form.register("questions")} />
              {fieldError("questions")}
            </label>
            <label className="block text-sm">
              <span className="mb-1 block font-medium text-slate-700">Or the inputs of a dataset</span>
              <select className={select} {...form.register("datasetId")}>
                <option value="">No dataset</option>
                {(datasets.data?.datasets ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.recordCount} records)
                  </option>
                ))}
              </select>
              {fieldError("datasetId")}
            </label>
            <TextField
              label="Input field sent as the message"
              placeholder="default: the record's only text field"
              error={errors.inputKey?.message}
              {...form.register("inputKey")}
            />
          </>
        ) : null}
        <div className="text-sm md:col-span-2">
          <span className="mb-1 block font-medium text-slate-700">Questions for each side (optional)</span>
          <Controller
            control={form.control}
            name="labelSchemas"
            render={({ field }) => (
              <SchemaChecklist schemas={schemas.data ?? []} value={field.value} onChange={field.onChange} />
            )}
          />
          {fieldError("labelSchemas")}
        </div>
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Create comparison
          </Button>
          <FormError errors={errors} />
          {created ? (
            <span role="status" className="text-sm text-emerald-700">
              {created.generation.status === "GENERATING"
                ? `${created.pairCount} inputs sent to both agents.`
                : `${created.pairCount} pairs ready.`}{" "}
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
