/** Run contracts (client-safe): the minimal MLflow run that labeling sessions and evaluations own. */
import { z } from "zod";

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export const ZRunStatus = z.enum(RUN_STATUSES);

const ZKey = z.string().min(1).max(250);
export const ZRunTag = z.object({ key: ZKey, value: z.string().max(8000) });

export const ZCreateRunBody = z.object({
  experimentId: z.string().min(1),
  runName: z.string().max(500).optional(),
  startTimeMs: z.number().int().nonnegative().optional(),
  tags: z.array(ZRunTag).max(1000).optional(),
});
export type TCreateRunBody = z.infer<typeof ZCreateRunBody>;

export const ZUpdateRunBody = z.object({
  status: ZRunStatus.optional(),
  endTimeMs: z.number().int().nonnegative().optional(),
  runName: z.string().max(500).optional(),
});
export type TUpdateRunBody = z.infer<typeof ZUpdateRunBody>;

export const ZLogBatchBody = z.object({
  metrics: z
    .array(z.object({ key: ZKey, value: z.number(), timestampMs: z.number().int(), step: z.number().int().default(0) }))
    .max(1000)
    .default([]),
  params: z
    .array(z.object({ key: ZKey, value: z.string().max(6000) }))
    .max(100)
    .default([]),
  tags: z.array(ZRunTag).max(100).default([]),
});
export type TLogBatchBody = z.input<typeof ZLogBatchBody>;

export interface RunDto {
  runId: string;
  experimentId: string;
  name: string;
  status: string;
  startTimeMs: number;
  endTimeMs: number | null;
  lifecycleStage: string;
  tags: { key: string; value: string }[];
  params: { key: string; value: string }[];
  /** Latest value of each metric. */
  metrics: { key: string; value: number; timestampMs: number; step: number }[];
}
