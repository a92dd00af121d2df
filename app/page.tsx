import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/session";
import { roleAtLeast } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/** Sends people where they work: developers to the experiments, reviewers to their queue. */
export default async function Home() {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  redirect(roleAtLeast(actor.role, "DEVELOPER") ? "/experiments" : "/review");
}
