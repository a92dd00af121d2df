import { AuditPanel } from "@/components/settings/audit-panel";
import { AllowedHostsPanel } from "@/components/settings/allowed-hosts-panel";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { JudgeSettingsPanel } from "@/components/settings/judge-settings-panel";
import { ModelPricesPanel } from "@/components/settings/model-prices-panel";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";

export const metadata = { title: "Settings" };

async function SettingsPage() {
  const actor = await requirePageActor("REVIEWER", "/settings");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title="Settings" />
      {actor.role === "ADMIN" ? <UsersPanel /> : null}
      <ApiKeysPanel />
      {actor.role !== "REVIEWER" ? <JudgeSettingsPanel canEdit={actor.role === "ADMIN"} /> : null}
      {actor.role !== "REVIEWER" ? <ModelPricesPanel canEdit={actor.role === "ADMIN"} /> : null}
      {actor.role === "ADMIN" ? <AllowedHostsPanel /> : null}
      {actor.role === "ADMIN" ? <AuditPanel /> : null}
    </div>
  );
}

export default page(SettingsPage);
