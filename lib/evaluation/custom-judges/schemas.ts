/**
 * zod contracts for custom judges (Evaluation → Judges). Client-safe: the judge form validates
 * with the same contract as POST /api/evaluation/experiments/:id/judges and PUT /api/evaluation/judges/:id.
 * Flat on purpose (options/min/max beside outputType) so one form edits every output type; the
 * checks that depend on the type name the field to fix.
 */
import { z } from "zod";
import { templateProblem } from "@/lib/evaluation/judges/template";

export const JUDGE_OUTPUT_TYPES = ["yes_no", "categorical", "numeric"] as const;
export type TJudgeOutputType = (typeof JUDGE_OUTPUT_TYPES)[number];

const fields = {
  /** Assessment name of the judge's scores and its scorer name in runs. */
  name: z
    .string()
    .trim()
    .min(1, "Give the judge a name")
    .max(100)
    .regex(/^[A-Za-z0-9_.: -]+$/, "Use letters, digits, spaces and _ . : - only"),
  /** The assessment name human reviewers label with (usually a label schema's name). */
  labelName: z.string().trim().min(1, "Name the human label to compare with").max(256),
  prompt: z
    .string()
    .trim()
    .min(1, "Write the prompt")
    .max(20_000)
    .superRefine((p, ctx) => {
      const problem = templateProblem(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  outputType: z.enum(JUDGE_OUTPUT_TYPES),
  /** Categorical answers the judge may give. */
  options: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  /** Numeric range (inclusive). */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** The judge's own endpoint; omitted uses the judge settings (Settings → Judge). */
  baseUrl: z.url({ protocol: /^https?$/, message: "Enter an http(s) URL" }).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  /** Omitted keeps the previous version's key; null clears it. Stored encrypted, never returned. */
  apiKey: z.string().min(1).max(1000).nullable().optional(),
};

type Checked = {
  outputType: TJudgeOutputType;
  options: string[];
  min?: number;
  max?: number;
  baseUrl?: string;
  model?: string;
};

function checkOutput(b: Checked, ctx: z.RefinementCtx) {
  if (b.outputType === "categorical") {
    if (b.options.length < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least two categories" });
    if (new Set(b.options.map((o) => o.toLowerCase())).size !== b.options.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "Categories must differ" });
  }
  if (b.outputType === "numeric") {
    if (b.min === undefined) ctx.addIssue({ code: "custom", path: ["min"], message: "Give the lowest score" });
    if (b.max === undefined) ctx.addIssue({ code: "custom", path: ["max"], message: "Give the highest score" });
    if (b.min !== undefined && b.max !== undefined && b.min >= b.max)
      ctx.addIssue({ code: "custom", path: ["max"], message: "The highest score must be above the lowest" });
  }
  if (b.baseUrl && !b.model)
    ctx.addIssue({ code: "custom", path: ["model"], message: "Name the model served at this base URL" });
  if (b.model && !b.baseUrl)
    ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Give the base URL that serves this model" });
}

export const ZCreateJudgeBody = z.object(fields).superRefine(checkOutput);
export type TCreateJudgeBody = z.infer<typeof ZCreateJudgeBody>;
export type TCreateJudgeInput = z.input<typeof ZCreateJudgeBody>;

/** Editing a judge saves a new version; the name stays (runs and assessments carry it). */
export const ZUpdateJudgeBody = z.object(fields).omit({ name: true }).superRefine(checkOutput);
export type TUpdateJudgeBody = z.infer<typeof ZUpdateJudgeBody>;
