/**
 * The legacy end-user feedback request (Databricks' deprecated feedback model), validated
 * strictly: every message names the record and field, e.g. `dataframe_records[1].request_id: Required`.
 */
import { z } from "zod";
import { ZAssessmentName } from "@/lib/assessments/schemas";

const required = (what: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? "Required" : `must be ${what}`),
});

const ZRating = z.object(
  {
    value: z.enum(["positive", "negative"], {
      error: (iss) =>
        iss.input === undefined ? "Required" : `must be "positive" or "negative", got ${JSON.stringify(iss.input)}`,
    }),
    rationale: z.string(required("a string")).max(100_000).optional(),
  },
  required('an object like {"value": "positive"}'),
);

const ZRatings = z
  .record(ZAssessmentName, ZRating, required("an object of {name: {value}}"))
  .refine((r) => Object.keys(r).length > 0, "must name at least one rating");

const ZAssessmentGroup = z.object(
  {
    ratings: ZRatings,
    free_text_comment: z.string(required("a string")).max(100_000).optional(),
  },
  required("an object"),
);

export const ZFeedbackRecord = z.object(
  {
    source: z.object(
      {
        id: z.string(required("a string")).min(1, "must not be empty").max(512),
        type: z
          .string(required("a string"))
          .transform((t) => t.toLowerCase())
          .pipe(
            z.enum(["human", "end_user", "llm_judge", "ai_judge", "code"], {
              error: 'must be "human" (or "llm_judge", "code")',
            }),
          ),
      },
      required('an object like {"id", "type"}'),
    ),
    request_id: z.string(required("a string")).min(1, "must not be empty").max(200),
    text_assessments: z.array(ZAssessmentGroup, required("an array")).max(100).default([]),
    retrieval_assessments: z
      .array(
        ZAssessmentGroup.extend({ position: z.number(required("a number")).int().nonnegative().optional() }),
        required("an array"),
      )
      .max(100)
      .default([]),
  },
  required("an object"),
);

export const ZLegacyFeedbackBody = z.object(
  {
    dataframe_records: z
      .array(ZFeedbackRecord, required("an array of records"))
      .min(1, "must contain at least one record")
      .max(1000),
  },
  required("a JSON object"),
);
export type TLegacyFeedbackBody = z.infer<typeof ZLegacyFeedbackBody>;

export interface LegacyFeedbackResult {
  /** What the original endpoint answered. */
  predictions: "Ok";
  records: { request_id: string; trace_id: string; assessment_ids: string[] }[];
}
