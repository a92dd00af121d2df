import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageActor } from "@/lib/auth/session";
import { listExperiments } from "@/lib/experiments/service";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor("REVIEWER", (await headers()).get("x-tracelight-path") ?? "/");
  const experiments = await listExperiments(actor, { take: 200 });
  return (
    <AppShell
      user={{ name: actor.name, email: actor.email, role: actor.role }}
      experiments={experiments.map((e) => ({ id: e.id, name: e.name }))}
      defaultExperimentId={experiments[0]?.id ?? null}
    >
      {children}
    </AppShell>
  );
}
