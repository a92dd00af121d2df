/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */
import type { SchemaAgreementDto } from "./agreement/summary";
import type { TValidatedAnswer } from "./label-input";
import type { TLabelSchemaInput, TLabelSchemaType } from "./schemas";
import type { SpanDto } from "@/lib/traces/schemas";
import type { MergeResponse } from "@/lib/evaluation/datasets/types";

/**
 * The assessment a compare session's choice leaves on each of its two traces (lib/pairwise): named
 * here, below pairwise, so the Review App's session list can count a reviewer's comparisons.
 */
export const PAIRWISE_ASSESSMENT = "pairwise_preference";

export interface AddItemsResult {
  /** Traces newly added to the queue. */
  added: number;
  /** Traces that were already in it (adding twice does not duplicate). */
  alreadyPresent: number;
  /** Traces that matched (filter) or were named (traceIds). */
  matched: number;
  truncated: boolean;
  itemCount: number;
}

/** A label schema as the API and the UI see it (snake_case, like the request bodies). */
export interface LabelSchemaDto {
  id: string;
  experimentId: string;
  name: string;
  type: TLabelSchemaType;
  title: string;
  instruction: string | null;
  enableComment: boolean;
  input: TLabelSchemaInput;
  /** How many labeling sessions ask this question (edits are restricted while > 0). */
  sessionCount: number;
  /** Email of the user who created it (null for the system or a deleted user). */
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A labeling session as the API and the UI see it. */
export interface LabelingSessionDto {
  id: string;
  experimentId: string;
  name: string;
  /** The MLflow run its traces are linked to and its labels carry (`run_id = '<id>'` in trace search). */
  runId: string;
  labelsPerItem: number;
  openToAllReviewers: boolean;
  /** Reviewers see the other reviewers' labels on an item once they have submitted their own. */
  revealLabelsAfterSubmit: boolean;
  /** Markdown shown to reviewers above the questions (null: none). */
  instructions: string | null;
  labelSchemas: { id: string; name: string; title: string; type: string }[];
  assignedUsers: { id: string; email: string; name: string }[];
  itemCount: number;
  /** Path to share with reviewers. */
  url: string;
  createdAt: number;
  updatedAt: number;
}

export type SessionAgreementDto = {
  labelsPerItem: number;
  schemas: (Omit<SchemaAgreementDto, "disagreements"> & {
    disagreements: (SchemaAgreementDto["disagreements"][number] & { traceId: string })[];
  })[];
};

export interface ResultRowDto {
  itemId: string;
  traceId: string;
  position: number;
  requestPreview: string | null;
  responsePreview: string | null;
  labels: ResultLabelDto[];
}

export interface SessionProgressDto {
  totalItems: number;
  /** Items labeled by `labelsPerItem` reviewers. */
  done: number;
  /** Items someone is labeling (or partly labeled), not yet done. */
  inProgress: number;
  left: number;
  labelsPerItem: number;
  reviewers: ReviewerProgressDto[];
}

export interface MyReviewSessionDto {
  id: string;
  name: string;
  experimentId: string;
  experimentName: string;
  url: string;
  totalItems: number;
  /** Items this reviewer submitted. */
  completed: number;
  skipped: number;
  /** Items fully labeled by everyone (the session's own progress). */
  doneItems: number;
  /** Items "Continue" would offer this reviewer (to do or with a draft). */
  toDo: number;
  /** A compare session: its items are pairs (of answers ready to compare), counted as above. */
  compare: boolean;
  createdAt: number;
}

export type ReviewSpanDto = Pick<
  SpanDto,
  "spanId" | "parentSpanId" | "name" | "spanType" | "statusCode" | "startTimeNs" | "endTimeNs" | "inputs" | "outputs"
> & {
  /** `mlflow.message.format` of the span, which picks the chat renderer. */
  messageFormat: string | null;
};

/** A trace as a reviewer reads it: the root exchange, every span, and what others said of it. */
export interface ReviewTraceDto {
  traceId: string;
  name: string | null;
  timestampMs: number;
  state: string;
  rootSpanId: string | null;
  spans: ReviewSpanDto[];
  spansTruncated: boolean;
  assessments: ReviewAssessmentDto[];
}

export interface MyProgressDto {
  totalItems: number;
  /** Items this reviewer submitted / skipped. */
  completed: number;
  skipped: number;
}

export interface ReviewItemDto {
  session: { id: string; name: string; labelsPerItem: number; instructions: string | null };
  itemId: string;
  traceId: string;
  position: number;
  /** This reviewer's claim on the item: its state, unsent draft and submitted answers. */
  claim: {
    status: string;
    draft: Record<string, unknown> | null;
    answers: Record<string, TValidatedAnswer> | null;
  } | null;
  schemas: LabelSchemaDto[];
  trace: ReviewTraceDto;
  /** When the item is a whole conversation: its turns in time order (the item's trace is the first). */
  conversation: { conversationId: string; turns: ReviewTraceDto[]; truncated: boolean } | null;
  progress: MyProgressDto;
}

export type NextItemDto = { item: ReviewItemDto | null; progress: MyProgressDto };

export interface ReviewerProgressDto {
  userId: string;
  email: string;
  name: string;
  assigned: boolean;
  completed: number;
  inProgress: number;
  skipped: number;
}

export interface ResultLabelDto {
  userId: string;
  email: string;
  answers: Record<string, TValidatedAnswer>;
  completedAt: number | null;
}

export interface ReviewAssessmentDto {
  name: string;
  kind: string;
  value: unknown;
  rationale: string | null;
  sourceType: string;
  sourceId: string;
  mine: boolean;
}

/** The answer of a sync to an evaluation dataset: the merge, and whether the dataset was new. */
export type SyncSessionResult = MergeResponse & { created: boolean };
