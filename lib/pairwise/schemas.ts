import { z } from "zod";
import { ZSubmitLabelsBody } from "@/lib/labeling/schemas";
import { PAIRWISE_ASSESSMENT } from "@/lib/labeling/types";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import type { WinRates } from "./win-rates";

/**
 * Pairwise comparison (issue 13, item 3): a labeling session in "compare" mode holds pairs of
 * traces answering the same input, built from two evaluation runs of the same dataset or from
 * two agents called on the same inputs. The reviewer sees them side by side in a stored random
 * left/right order, picks A, B or a tie, and answers the session's label schemas for each side.
 */

const ZLabelSchemaNames = z
  .array(z.string({ error: "must be a label schema name" }).min(1, "must not be empty"))
  .max(50, "must name at most 50 label schemas")
  .default([]);

export const ZCreatePairwiseSessionBody = z.object({
  experimentId: z.string({ error: "must be text" }).trim().min(1, "must not be empty"),
  name: z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(256),
  /** The two evaluation runs (of the same dataset) whose answers are compared: version A and B. */
  evaluationRunIdA: z.string({ error: "must be an evaluation run id" }).min(1, "must not be empty"),
  evaluationRunIdB: z.string({ error: "must be an evaluation run id" }).min(1, "must not be empty"),
  /** Questions the reviewer answers for each side besides the choice (the experiment's label schemas). */
  labelSchemas: ZLabelSchemaNames,
  assignedUsers: z.array(z.string().min(1)).max(500).default([]),
  openToAllReviewers: z.boolean().default(false),
});
export type TCreatePairwiseSessionBody = z.infer<typeof ZCreatePairwiseSessionBody>;

/** Most inputs an agents comparison calls both agents on. */
export const MAX_AGENT_COMPARISON_INPUTS = 500;
export const MAX_AGENT_INPUT_CHARS = 20_000;

/**
 * POST /api/pairwise/sessions/from-agents: two agents of the experiment answer the same inputs
 * (typed questions, or a dataset's records) in a background job; each answer is a trace and the
 * two answers to one input a pair.
 */
export const ZCreateAgentComparisonBody = z
  .object({
    experimentId: ZCreatePairwiseSessionBody.shape.experimentId,
    name: ZCreatePairwiseSessionBody.shape.name,
    agentIdA: z.string({ error: "must be an agent id" }).min(1, "must not be empty"),
    agentIdB: z.string({ error: "must be an agent id" }).min(1, "must not be empty"),
    /** Questions typed by the developer, one message each. */
    inputs: z
      .array(
        z
          .string({ error: "must be text" })
          .trim()
          .min(1, "must not be empty")
          .max(MAX_AGENT_INPUT_CHARS, `must be at most ${MAX_AGENT_INPUT_CHARS} characters`),
      )
      .max(MAX_AGENT_COMPARISON_INPUTS, `must hold at most ${MAX_AGENT_COMPARISON_INPUTS} inputs`)
      .optional(),
    /** Or a dataset of the experiment: each record's inputs become one message. */
    datasetId: z.string({ error: "must be a dataset id" }).min(1, "must not be empty").optional(),
    /** The field of a record's inputs sent as the message (default: its only text field, else its JSON). */
    inputKey: z.string().trim().min(1, "must not be empty").max(200).optional(),
    labelSchemas: ZLabelSchemaNames,
    assignedUsers: ZCreatePairwiseSessionBody.shape.assignedUsers,
    openToAllReviewers: ZCreatePairwiseSessionBody.shape.openToAllReviewers,
  })
  .superRefine((b, ctx) => {
    if (b.agentIdA === b.agentIdB)
      ctx.addIssue({ code: "custom", path: ["agentIdB"], message: "must differ from agentIdA" });
    const typed = b.inputs?.length ?? 0;
    if (typed > 0 && b.datasetId)
      ctx.addIssue({ code: "custom", path: ["datasetId"], message: "give typed inputs or a dataset, not both" });
    if (typed === 0 && !b.datasetId)
      ctx.addIssue({ code: "custom", path: ["inputs"], message: "must hold at least one input (or give a datasetId)" });
  });
export type TCreateAgentComparisonBody = z.infer<typeof ZCreateAgentComparisonBody>;

/** POST /api/pairwise/sessions/<id>/ask: a question the reviewer sends to both agents at once. */
export const ZAskBothAgentsBody = z.object({
  message: z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(MAX_AGENT_INPUT_CHARS, `must be at most ${MAX_AGENT_INPUT_CHARS} characters`),
});
export type TAskBothAgentsBody = z.infer<typeof ZAskBothAgentsBody>;

/** What the reviewer picked, as they saw it (the server maps left/right to A/B by the stored order). */
export const ZSubmitComparisonBody = z.object({
  choice: z.enum(["left", "right", "tie"], { error: "must be 'left', 'right' or 'tie'" }),
  rationale: z.string({ error: "must be text" }).max(5000, "must be at most 5000 characters").optional(),
  /** Answers to the session's label schemas for each side, as shown (left/right). */
  answers: z
    .object({ left: ZSubmitLabelsBody.shape.answers.optional(), right: ZSubmitLabelsBody.shape.answers.optional() })
    .optional(),
});
export type TSubmitComparisonBody = z.infer<typeof ZSubmitComparisonBody>;

/** The assessment a comparison leaves on each of its two traces: that trace's win, loss or tie. */
export { PAIRWISE_ASSESSMENT };
export const COMPARISON_ID_KEY = "tracelight.comparisonId";
export const OTHER_TRACE_KEY = "tracelight.otherTraceId";
export const VERSION_KEY = "tracelight.pairwiseVersion";

export interface PairSideDto {
  traceId: string;
  output: unknown;
}

/** A pair as the reviewer sees it: no version names, sides in the stored order. */
export interface ComparePairDto {
  pairId: string;
  position: number;
  inputs: unknown;
  left: PairSideDto;
  right: PairSideDto;
  mine: { choice: "left" | "right" | "tie"; rationale: string | null } | null;
  /** This reviewer's answers to the session's schemas per side (empty when none). */
  answers: { left: SideAnswers; right: SideAnswers };
}

export type SideAnswers = Record<string, { value: unknown; comment: string | null }>;

/** Where a session's pairs come from, and (agents) how far the job calling them has come. */
export interface PairwiseGenerationDto {
  source: "runs" | "agents";
  /** READY: every pair can be compared; GENERATING: the agents are still answering; FAILED: stopped. */
  status: "READY" | "GENERATING" | "FAILED";
  /** Pairs with both answers recorded, of all pairs. */
  ready: number;
  total: number;
  error: string | null;
}

export interface CompareNextDto {
  sessionId: string;
  sessionName: string;
  pair: ComparePairDto | null;
  progress: { done: number; total: number };
  /** The questions asked for each side (the session's label schemas). */
  schemas: LabelSchemaDto[];
  generation: PairwiseGenerationDto;
}

export interface PairwiseSessionDto {
  sessionId: string;
  name: string;
  experimentId: string;
  labelA: string;
  labelB: string;
  pairCount: number;
  /** Rows of either run that found no partner in the other (not compared). */
  unpaired: number;
  generation: PairwiseGenerationDto;
}

export interface PairwiseResultsDto {
  sessionId: string;
  labelA: string;
  labelB: string;
  pairCount: number;
  generation: PairwiseGenerationDto;
  winRates: WinRates;
  /** Between the first two reviewers with shared pairs; kappa null when undefined (e.g. one value only). */
  agreement: {
    raters: [string, string];
    pairs: number;
    observedAgreement: number;
    kappa: number | null;
  } | null;
  reviewers: { email: string; compared: number }[];
  /** Answers to the session's label schemas per version: for each schema, counts per value. */
  schemaAnswers: { name: string; title: string; A: Record<string, number>; B: Record<string, number> }[];
}
