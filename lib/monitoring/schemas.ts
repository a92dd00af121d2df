/**
 * Monitoring rule contracts (client-safe), shared by the rule form and the REST handlers. A rule's
 * scorers use the evaluation runs' scorer-config contract, so every scorer and judge a run can use
 * (custom judges included) works in a rule too.
 */
import { z } from "zod";
import { JUDGE_SCORER_TYPES, ZScorerConfig, type TScorerConfig } from "@/lib/evaluation/schemas";

/** When a scored trace goes to a labeling session. */
export const ZRouteCondition = z.discriminatedUnion("kind", [
  /** The named judge answered "no". */
  z.object({ kind: z.literal("judge_no"), scorer: z.string().trim().min(1, "name the judge") }),
  /** The named scorer's number is below the threshold. */
  z.object({
    kind: z.literal("score_below"),
    scorer: z.string().trim().min(1, "name the scorer"),
    threshold: z.number({ error: "must be a number" }),
  }),
  /** The trace carries end-user feedback `user_feedback = false`. */
  z.object({ kind: z.literal("user_feedback_false") }),
]);
export type TRouteCondition = z.infer<typeof ZRouteCondition>;

export const ZRouting = z.object({
  sessionId: z.string().trim().min(1, "choose a labeling session"),
  when: ZRouteCondition,
  /** Items the rule may add to the session per UTC day. */
  dailyCap: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "at most 10,000"),
});
export type TRouting = z.infer<typeof ZRouting>;

/** The name a scorer's results are logged under (as the evaluation runner names them). */
export const scorerName = (s: { type: string; name?: string }) => s.name ?? s.type;

export const ZMonitoringRuleBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters"),
    enabled: z.boolean().default(true),
    /** Trace search filter (the traces table's grammar); empty for every trace. */
    filter: z.string().trim().max(4000, "at most 4000 characters").default(""),
    samplingRate: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(1),
    scorers: z.array(ZScorerConfig).min(1, "add at least one scorer").max(20, "at most 20 scorers"),
    routing: ZRouting.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    const names = b.scorers.map((s: TScorerConfig) => scorerName(s));
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: ["scorers", i, "name"], message: `two scorers are named '${n}'` });
    });
    const when = b.routing?.when;
    if (when && when.kind !== "user_feedback_false") {
      const target = b.scorers.find((s) => scorerName(s) === when.scorer);
      if (!target)
        ctx.addIssue({
          code: "custom",
          path: ["routing", "when", "scorer"],
          message: `no scorer of this rule is named '${when.scorer}'`,
        });
      else if (when.kind === "judge_no" && !(JUDGE_SCORER_TYPES as readonly string[]).includes(target.type))
        ctx.addIssue({
          code: "custom",
          path: ["routing", "when", "scorer"],
          message: `'${when.scorer}' is not a judge`,
        });
    }
  });
export type TMonitoringRuleBody = z.infer<typeof ZMonitoringRuleBody>;
export type TMonitoringRuleInput = z.input<typeof ZMonitoringRuleBody>;

const MAX_BACKFILL_RANGE_MS = 366 * 24 * 3600 * 1000;
export const ZCreateBackfillBody = z
  .object({
    fromMs: z.number({ error: "must be a time in milliseconds" }).int().nonnegative(),
    toMs: z.number({ error: "must be a time in milliseconds" }).int().positive(),
  })
  .superRefine((b, ctx) => {
    if (b.toMs <= b.fromMs) ctx.addIssue({ code: "custom", path: ["toMs"], message: "must be after the start" });
    else if (b.toMs - b.fromMs > MAX_BACKFILL_RANGE_MS)
      ctx.addIssue({ code: "custom", path: ["toMs"], message: "a backfill covers at most one year" });
  });
export type TCreateBackfillBody = z.infer<typeof ZCreateBackfillBody>;

export const ZRuleStatsQuery = z.object({
  days: z.coerce.number().int().min(1, "at least 1 day").max(90, "at most 90 days").default(7),
});
export type TRuleStatsQuery = z.infer<typeof ZRuleStatsQuery>;
