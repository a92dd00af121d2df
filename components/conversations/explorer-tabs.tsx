import Link from "next/link";

/** Traces | Sessions switch at the top of an experiment's explorer. */
export function ExplorerTabs({ experimentId, current }: { experimentId: string; current: "traces" | "sessions" }) {
  const tab = (key: "traces" | "sessions", label: string, href: string) => (
    <Link
      href={href}
      aria-current={current === key ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${current === key ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav className="mb-4 flex gap-1" aria-label="Explorer">
      {tab("traces", "Traces", `/experiments/${experimentId}/traces`)}
      {tab("sessions", "Sessions", `/experiments/${experimentId}/sessions`)}
    </nav>
  );
}
