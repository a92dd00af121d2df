/** Response types of the custom-judges API (client-safe). API keys never appear: only whether one is set. */
import type { TJudgeOutputType } from "./schemas";

export interface JudgeVersionDto {
  id: string;
  version: number;
  prompt: string;
  outputType: TJudgeOutputType;
  options: string[];
  min: number | null;
  max: number | null;
  /** null: the judge settings' endpoint. */
  baseUrl: string | null;
  model: string | null;
  apiKeySet: boolean;
  createdAt: number;
}

export interface JudgeDto {
  id: string;
  experimentId: string;
  name: string;
  labelName: string;
  currentVersion: number;
  createdAt: number;
  updatedAt: number;
  current: JudgeVersionDto;
}

export interface JudgeDetailDto extends JudgeDto {
  /** Newest first. */
  versions: JudgeVersionDto[];
}

export interface DisagreementDto {
  traceId: string;
  judge: unknown;
  human: unknown;
}

/** How one judge version's verdicts compare with the experts' labels on the same traces. */
export interface JudgeAgreementDto {
  judgeId: string;
  judgeName: string;
  labelName: string;
  version: number;
  /** Traces the judge scored and an expert label (or agreeing experts) exists for. */
  compared: number;
  agreed: number;
  accuracy: number | null;
  /** Cohen's κ between judge and experts; null when not defined (no data or one value throughout). */
  kappa: number | null;
  /** Row = expert label, column = judge value, both over `labels`. */
  labels: string[];
  matrix: number[][];
  /** Traces where judge and experts differ (at most 200). */
  disagreements: DisagreementDto[];
  /** Traces whose reviewers disagree with each other and have no adjudicated label. */
  expertsDisagree: number;
  /** Traces the judge scored that no expert labelled. */
  unlabelled: number;
}
