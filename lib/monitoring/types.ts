/** Client-safe DTOs of monitoring (the rule list, the rule page, backfills). */
import type { TScorerConfig } from "@/lib/evaluation/schemas";
import type { TRouting } from "@/lib/monitoring/schemas";

export interface MonitoringRuleDto {
  id: string;
  experimentId: string;
  name: string;
  enabled: boolean;
  version: number;
  filter: string;
  samplingRate: number;
  scorers: TScorerConfig[];
  routing: TRouting | null;
  /** The routed session's name, when routing is on and the session exists. */
  routingSessionName: string | null;
  createdAt: number;
  updatedAt: number;
  tracesScored: number;
}

export interface RuleBucketDto {
  /** Start of the bucket (ms since epoch). */
  start: number;
  scored: number;
  passed: number;
  failed: number;
  /** passed / (passed + failed), null without verdicts. */
  passRate: number | null;
}

export interface RuleStatsDto {
  ruleId: string;
  days: number;
  bucketMs: number;
  tracesScored: number;
  passed: number;
  failed: number;
  withErrors: number;
  judgeCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD from JUDGE_PRICE_INPUT_PER_MTOK / JUDGE_PRICE_OUTPUT_PER_MTOK; null when no price is set. */
  costUsd: number | null;
  itemsRouted: number;
  itemsRoutedToday: number;
  buckets: RuleBucketDto[];
  recentErrors: { traceId: string; at: number; error: string }[];
  recentItems: { traceId: string; itemId: string | null; at: number }[];
}

export interface BackfillDto {
  id: string;
  ruleId: string;
  fromMs: number;
  toMs: number;
  status: string;
  totalTraces: number;
  doneTraces: number;
  scored: number;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}
