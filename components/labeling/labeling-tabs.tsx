import Link from "next/link";

/** Sessions | Schemas switch at the top of the Labeling section. */
export function LabelingTabs({ experimentId, current }: { experimentId: string; current: "sessions" | "schemas" }) {
  const tab = (key: "sessions" | "schemas", label: string, href: string) => (
    <Link
      href={href}
      aria-current={current === key ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${current === key ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav className="mb-4 flex gap-1" aria-label="Labeling">
      {tab("sessions", "Sessions", `/experiments/${experimentId}/labeling`)}
      {tab("schemas", "Schemas", `/experiments/${experimentId}/labeling/schemas`)}
    </nav>
  );
}
