import { IntentLink } from "./intent-link";

/** A row of links between the screens of one section (the current one marked), as a named nav landmark. */
export function SectionTabs({
  label,
  current,
  tabs,
}: {
  label: string;
  current: string;
  tabs: readonly { key: string; label: string; href: string }[];
}) {
  return (
    <nav className="mb-4 flex gap-1" aria-label={label}>
      {tabs.map((t) => (
        <IntentLink
          key={t.key}
          href={t.href}
          aria-current={current === t.key ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm font-medium ${current === t.key ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </IntentLink>
      ))}
    </nav>
  );
}
