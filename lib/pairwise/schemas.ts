import { z } from "zod";
import type { WinRates } from "./win-rates";

/**
 * Pairwise comparison (issue 13, item 3): a labeling session in "compare" mode holds pairs of
 * traces answering the same input, built from two evaluation runs of the same dataset. The
 * reviewer sees them side by side in a stored random left/right order and picks A, B or a tie.
 */

export const ZCreatePairwiseSessionBody = z.object({
  experimentId: z.string({ error: "must be text" }).trim().min(1, "must not be empty"),
  name: z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(256),
  /** The two evaluation runs (of the same dataset) whose answers are compared: version A and B. */
  evaluationRunIdA: z.string({ error: "must be an evaluation run id" }).min(1, "must not be empty"),
  evaluationRunIdB: z.string({ error: "must be an evaluation run id" }).min(1, "must not be empty"),
  assignedUsers: z.array(z.string().min(1)).max(500).default([]),
  openToAllReviewers: z.boolean().default(false),
});
export type TCreatePairwiseSessionBody = z.infer<typeof ZCreatePairwiseSessionBody>;

/** What the reviewer picked, as they saw it (the server maps left/right to A/B by the stored order). */
export const ZSubmitComparisonBody = z.object({
  choice: z.enum(["left", "right", "tie"], { error: "must be 'left', 'right' or 'tie'" }),
  rationale: z.string({ error: "must be text" }).max(5000, "must be at most 5000 characters").optional(),
});
export type TSubmitComparisonBody = z.infer<typeof ZSubmitComparisonBody>;

/** The assessment a comparison leaves on each of its two traces: that trace's win, loss or tie. */
export const PAIRWISE_ASSESSMENT = "pairwise_preference";
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
}

export interface CompareNextDto {
  sessionId: string;
  sessionName: string;
  pair: ComparePairDto | null;
  progress: { done: number; total: number };
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
}

export interface PairwiseResultsDto {
  sessionId: string;
  labelA: string;
  labelB: string;
  pairCount: number;
  winRates: WinRates;
  /** Between the first two reviewers with shared pairs; kappa null when undefined (e.g. one value only). */
  agreement: {
    raters: [string, string];
    pairs: number;
    observedAgreement: number;
    kappa: number | null;
  } | null;
  reviewers: { email: string; compared: number }[];
}
