"use client";

import type { LabelSchemaDto } from "@/lib/labeling/types";

/**
 * The session forms' "Questions" checkboxes (create form and edit dialog): ticking appends the
 * schema's name, so the order ticked is the order asked.
 */
export function SchemaChecklist({
  schemas,
  value,
  onChange,
  showType = false,
}: {
  schemas: readonly LabelSchemaDto[];
  value: string[];
  onChange: (names: string[]) => void;
  showType?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      {schemas.map((s) => (
        <label key={s.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={value.includes(s.name)}
            onChange={(e) => onChange(e.target.checked ? [...value, s.name] : value.filter((n) => n !== s.name))}
          />
          <span>{s.title}</span>
          <span className="font-mono text-xs text-slate-500">{showType ? `${s.name} · ${s.type}` : s.name}</span>
        </label>
      ))}
    </div>
  );
}
