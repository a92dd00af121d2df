import "server-only";
import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { page } from "@/lib/http/page";
import { getExperiment } from "./service";

type GuardProps = { children: ReactNode; params: Promise<{ experimentId: string }> };

/**
 * The guard layout of an experiment's screen: sends anonymous visitors to sign in, answers 403 below
 * `role` and 404 for an unknown experiment. It runs in the screen's layout.tsx, outside the
 * screen's loading.tsx boundary: a streamed page can no longer change its HTTP status, so the checks
 * that decide it come before anything streams. `section` is the screen's path below the experiment.
 */
export function experimentGuard(role: Role, section: string) {
  return page(async ({ children, params }: GuardProps) => {
    const { experimentId } = await params;
    const actor = await requirePageActor(role, `/experiments/${experimentId}/${section}`);
    await getExperiment(actor, experimentId);
    return children;
  });
}
