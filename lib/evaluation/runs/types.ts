/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */
import type { TOutputSource, TScorerConfig } from "@/lib/evaluation/schemas";
import type { ChangeCounts, RowChange, ScoreDelta } from "./compare";
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

/** A run logged by MLflow's `mlflow.genai.evaluate` (lib/evaluation/runs/mlflow-runs.ts). */
export interface MlflowEvaluateRunDto {
  runId: string;
  name: string;
  status: string;
  startTimeMs: number;
  endTimeMs: number | null;
  /** Latest value of each metric, e.g. `correctness/mean`. */
  metrics: { key: string; value: number }[];
  traceCount: number;
  assessmentCount: number;
}

/** GET /api/evaluation/runs/:id/compare: this run (`a`) against a baseline (`b`), row by row. */
export interface RunCompareDto {
  a: EvaluationRunDto;
  b: EvaluationRunDto;
  /** Scorers both runs have: the deltas are over these. */
  scorerNames: string[];
  /** Over the whole run, whatever page or filter is shown. */
  counts: ChangeCounts;
  /** Rows of the chosen kind (all rows without a filter). */
  total: number;
  pairs: { key: string; a: RunRowDto; b: RunRowDto | null; change: RowChange; deltas: ScoreDelta[] }[];
}
