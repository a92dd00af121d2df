/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */
import type { TOutputSource, TScorerConfig } from "@/lib/evaluation/schemas";
import type { AlignmentSummary, ScorerSummary } from "./summary";

export interface EvaluationRunDto {
  id: string;
  experimentId: string;
  runId: string;
  name: string;
  status: string;
  totalRows: number;
  doneRows: number;
  errorRows: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  sourceLabel: string;
  datasetId: string | null;
  scorers: TScorerConfig[];
  outputSource: TOutputSource;
  error: string | null;
}

export interface RunRowDto {
  id: string;
  position: number;
  datasetRecordId: string | null;
  traceId: string | null;
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown>;
  status: string;
  error: string | null;
  latencyMs: number | null;
  scores: RunScoreDto[];
}

export interface RunDetailDto extends EvaluationRunDto {
  summary: ScorerSummary[];
  alignment: AlignmentSummary[];
}

export interface RunScoreDto {
  scorerName: string;
  value: unknown;
  rationale: string | null;
  error: string | null;
  assessmentId: string | null;
}
