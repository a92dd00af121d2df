import { SectionTabs } from "@/components/ui/section-tabs";

/** Sessions | Schemas switch at the top of the Labeling section. */
export function LabelingTabs({ experimentId, current }: { experimentId: string; current: "sessions" | "schemas" }) {
  return (
    <SectionTabs
      label="Labeling"
      current={current}
      tabs={[
        { key: "sessions", label: "Sessions", href: `/experiments/${experimentId}/labeling` },
        { key: "schemas", label: "Schemas", href: `/experiments/${experimentId}/labeling/schemas` },
      ]}
    />
  );
}
