import { SectionTabs } from "@/components/ui/section-tabs";

/** Traces | Sessions switch at the top of an experiment's explorer. */
export function ExplorerTabs({ experimentId, current }: { experimentId: string; current: "traces" | "sessions" }) {
  return (
    <SectionTabs
      label="Explorer"
      current={current}
      tabs={[
        { key: "traces", label: "Traces", href: `/experiments/${experimentId}/traces` },
        { key: "sessions", label: "Sessions", href: `/experiments/${experimentId}/sessions` },
      ]}
    />
  );
}
