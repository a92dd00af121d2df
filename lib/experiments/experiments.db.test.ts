import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { uniqueName } from "@/test/db";
import {
  createExperiment,
  deleteExperiment,
  ensureDefaultExperiment,
  getExperiment,
  getExperimentByName,
  listExperiments,
} from "./service";

const reviewer = { ...SYSTEM_ACTOR, role: "REVIEWER" as const, userId: "reviewer" };

describe("experiments", () => {
  it("creates with an MLflow-style id and artifact location, found by id and name", async () => {
    const name = uniqueName("exp");
    const created = await createExperiment(SYSTEM_ACTOR, { name, tags: [{ key: "team", value: "search" }] });
    expect(created.id).toMatch(/^\d{18}$/);
    expect(created.artifactLocation).toBe(`mlflow-artifacts:/${created.id}`);
    expect((await getExperimentByName(SYSTEM_ACTOR, name)).id).toBe(created.id);
    expect((await getExperiment(SYSTEM_ACTOR, created.id)).tags).toEqual([{ key: "team", value: "search" }]);
    await expect(createExperiment(SYSTEM_ACTOR, { name })).rejects.toBeInstanceOf(ConflictError);
    await expect(createExperiment(reviewer, { name: uniqueName("x") })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("soft-deletes: gone from lists, still readable, name stays taken; the default stays", async () => {
    const created = await createExperiment(SYSTEM_ACTOR, { name: uniqueName("doomed") });
    await deleteExperiment(SYSTEM_ACTOR, created.id);
    expect((await getExperiment(SYSTEM_ACTOR, created.id)).lifecycleStage).toBe("deleted");
    const listed = await listExperiments(SYSTEM_ACTOR, { nameContains: created.name });
    expect(listed).toHaveLength(0);
    await expect(deleteExperiment(SYSTEM_ACTOR, "404404404")).rejects.toBeInstanceOf(NotFoundError);
    await ensureDefaultExperiment();
    await expect(deleteExperiment(SYSTEM_ACTOR, "0")).rejects.toBeInstanceOf(ValidationError);
  });
});
