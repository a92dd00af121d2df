/** Client-safe response types of adjudication. */
import type { LabelSchemaDto, ReviewTraceDto } from "@/lib/labeling/types";
import type { AgreementBeforeAfterDto } from "./compare";

export interface AdjudicationSettingsDto {
  sessionName: string;
  enabled: boolean;
  numericTolerance: number;
  adjudicators: { id: string; email: string; name: string }[];
  /** Items waiting for an adjudicator, and items settled. */
  open: number;
  resolved: number;
}

export interface AdjudicationAnswerDto {
  value: unknown;
  comment: string | null;
  assessmentId: string;
}

export interface AdjudicationItemDto {
  itemId: string;
  traceId: string;
  position: number;
  status: "OPEN" | "RESOLVED";
  /** The label schema names the reviewers disagreed on. */
  questions: string[];
  labels: { userId: string; email: string; answers: Record<string, AdjudicationAnswerDto> }[];
  resolution: {
    answers: Record<string, AdjudicationAnswerDto>;
    resolvedBy: string | null;
    resolvedAt: number | null;
  } | null;
}

export type AdjudicationSummaryDto = AdjudicationSettingsDto & { agreement: AgreementBeforeAfterDto[] };

/** One item as the adjudication screen shows it: the item, the session's questions and the trace. */
export interface AdjudicationDetailDto {
  item: AdjudicationItemDto;
  schemas: LabelSchemaDto[];
  trace: ReviewTraceDto;
}

/** A session the signed-in user adjudicates, as the Review App's start screen lists it. */
export interface MyAdjudicationQueueDto {
  sessionId: string;
  sessionName: string;
  experimentName: string;
  /** Items waiting for an adjudicator. */
  open: number;
  /** The adjudication queue's screen. */
  url: string;
}
