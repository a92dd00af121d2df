/**
 * Conversation contracts (client-safe). A conversation is every trace of one experiment that
 * carries the same session id (metadata `mlflow.trace.session`, which ingestion fills from
 * OpenInference `session.id` and GenAI `gen_ai.conversation.id`); each trace is a turn.
 */
import { z } from "zod";
import { ZPageTokenQuery } from "@/lib/paging/schemas";
import type { TraceInfoDto } from "@/lib/traces/schemas";

/** `GET /api/experiments/{id}/conversations`: an MLflow trace filter selects the turns whose conversations are listed. */
export const ZListConversationsQuery = ZPageTokenQuery.extend({
  filter: z.string().max(10_000, "must be at most 10,000 characters").optional(),
});
export type TListConversationsQuery = z.infer<typeof ZListConversationsQuery>;

/** Feedback given on a conversation's turns: how many times each (name, value) was given. */
export interface FeedbackCountDto {
  name: string;
  /** The value as JSON text (`true`, `"good"`, `4`). */
  value: string;
  count: number;
}

export interface ConversationSummaryDto {
  sessionId: string;
  experimentId: string;
  turnCount: number;
  /** Start of the first turn and of the last, ms since the epoch. */
  firstTimestampMs: number;
  lastTimestampMs: number;
  /** First turn's start to the last turn's end; null while the last turn is unfinished. */
  durationMs: number | null;
  firstTraceId: string;
  /** The first question and the last answer as readable text (from the previews). */
  firstQuestion: string;
  lastAnswer: string;
  totalTokens: number | null;
  costUsd: number | null;
  /** End-user and production feedback (not evaluation or labeling runs' assessments). */
  feedback: FeedbackCountDto[];
  /** Users (metadata mlflow.trace.user) seen on the turns. */
  users: string[];
  /** The turns' tags (not mlflow.*), each key with the values seen. */
  tags: Record<string, string[]>;
}

export interface ListConversationsResult {
  conversations: ConversationSummaryDto[];
  nextPageToken?: string;
}

export interface ConversationTurnDto {
  /** The turn's trace: id, times, previews, tags, assessments. */
  trace: TraceInfoDto;
  /** What the user asked in this turn and what was answered, read from the root span (plain text or markdown, untrusted). */
  question: string | null;
  answer: string | null;
}

export interface ConversationDto {
  summary: ConversationSummaryDto;
  /** The turns in time order. */
  turns: ConversationTurnDto[];
  /** More turns exist than were returned (MAX_TURNS). */
  truncated: boolean;
}

/**
 * A session id from a URL path segment. Links encode it (session ids are free text); a segment
 * that is not valid percent-encoding is taken as it is rather than failing.
 */
export function sessionIdFromPath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
