/**
 * Helpers for integration tests (`*.db.test.ts`), which run once against SQLite and once
 * against PostgreSQL. Each test makes its own data with these factories: unique names, no
 * global reset.
 */
import { db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { newExperimentId, newId } from "@/lib/ids";

export { db };
export const provider = () => readDbConfig().provider;

let counter = 0;
/** A name unique within this test run. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${newId().slice(0, 6)}`;
}

export async function makeExperiment(name = uniqueName("exp")) {
  const id = newExperimentId();
  return db().experiment.create({ data: { id, name, artifactLocation: `mlflow-artifacts:/${id}` } });
}
