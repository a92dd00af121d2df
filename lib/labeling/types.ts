/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */
import type { SchemaAgreementDto } from "./agreement/summary";
import type { TValidatedAnswer } from "./label-input";
import type { TLabelSchemaInput, TLabelSchemaType } from "./schemas";
import type { SpanDto } from "@/lib/traces/schemas";
import type { MergeResponse } from "@/lib/evaluation/datasets/types";

export interface AddItemsResult {
  /** Traces newly added to the queue. */
  added: number;
  /** Traces that were already in it (adding twice does not duplicate). */
  already_present: number;
  /** Traces that matched (filter) or were named (trace_ids). */
  matched: number;
  truncated: boolean;
  item_count: number;
}

/** A label schema as the API and the UI see it (snake_case, like the request bodies). */
export interface LabelSchemaDto {
  id: string;
  experiment_id: string;
  name: string;
  type: TLabelSchemaType;
  title: string;
  instruction: string | null;
  enable_comment: boolean;
  input: TLabelSchemaInput;
  /** How many labeling sessions ask this question (edits are restricted while > 0). */
  session_count: number;
  /** Email of the user who created it (null for the system or a deleted user). */
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A labeling session as the API and the UI see it. */
export interface LabelingSessionDto {
  id: string;
  experiment_id: string;
  name: string;
  /** The MLflow run its traces are linked to and its labels carry (`run_id = '<id>'` in trace search). */
  run_id: string;
  labels_per_item: number;
  open_to_all_reviewers: boolean;
  /** Reviewers see the other reviewers' labels on an item once they have submitted their own. */
  reveal_labels_after_submit: boolean;
  label_schemas: { id: string; name: string; title: string; type: string }[];
  assigned_users: { id: string; email: string; name: string }[];
  item_count: number;
  /** Path to share with reviewers. */
  url: string;
  created_at: number;
  updated_at: number;
}

export type SessionAgreementDto = {
  labels_per_item: number;
  schemas: (Omit<SchemaAgreementDto, "disagreements"> & {
    disagreements: (SchemaAgreementDto["disagreements"][number] & { trace_id: string })[];
  })[];
};

export interface ResultRowDto {
  item_id: string;
  trace_id: string;
  position: number;
  request_preview: string | null;
  response_preview: string | null;
  labels: ResultLabelDto[];
}

export interface SessionProgressDto {
  total_items: number;
  /** Items labeled by `labels_per_item` reviewers. */
  done: number;
  /** Items someone is labeling (or partly labeled), not yet done. */
  in_progress: number;
  left: number;
  labels_per_item: number;
  reviewers: ReviewerProgressDto[];
}

export interface MyReviewSessionDto {
  id: string;
  name: string;
  experiment_id: string;
  experiment_name: string;
  url: string;
  total_items: number;
  /** Items this reviewer submitted. */
  completed: number;
  skipped: number;
  /** Items fully labeled by everyone (the session's own progress). */
  done_items: number;
  created_at: number;
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
  trace_id: string;
  name: string | null;
  timestamp_ms: number;
  state: string;
  root_span_id: string | null;
  spans: ReviewSpanDto[];
  spans_truncated: boolean;
  assessments: ReviewAssessmentDto[];
}

export interface MyProgressDto {
  total_items: number;
  /** Items this reviewer submitted / skipped. */
  completed: number;
  skipped: number;
}

export interface ReviewItemDto {
  session: { id: string; name: string; labels_per_item: number };
  item_id: string;
  trace_id: string;
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
  user_id: string;
  email: string;
  name: string;
  assigned: boolean;
  completed: number;
  in_progress: number;
  skipped: number;
}

export interface ResultLabelDto {
  user_id: string;
  email: string;
  answers: Record<string, TValidatedAnswer>;
  completed_at: number | null;
}

export interface ReviewAssessmentDto {
  name: string;
  kind: string;
  value: unknown;
  rationale: string | null;
  source_type: string;
  source_id: string;
  mine: boolean;
}

/** The answer of a sync to an evaluation dataset: the merge, and whether the dataset was new. */
export type SyncSessionResult = MergeResponse & { created: boolean };
