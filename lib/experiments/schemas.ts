import { z } from "zod";

export const ZExperimentName = z.string().trim().min(1, "must not be empty").max(500);

export const ZCreateExperimentBody = z.object({
  name: ZExperimentName,
  tags: z
    .array(z.object({ key: z.string().min(1).max(250), value: z.string().max(5000) }))
    .max(100)
    .optional(),
});
export type TCreateExperimentBody = z.infer<typeof ZCreateExperimentBody>;
