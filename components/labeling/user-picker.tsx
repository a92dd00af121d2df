"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown, X } from "lucide-react";
import { useId, useState } from "react";
import { api } from "@/components/ui/api-client";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { UserDto } from "@/lib/users/types";
import { labelingKeys } from "./query-keys";

export interface PickedUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Picks people by name or email: a Radix popover with a search box over /api/users/search, the
 * picked ones as removable chips. Arrow keys move through the matches, Enter picks one.
 */
export function UserPicker({
  label,
  value,
  onChange,
  error,
  single = false,
}: {
  label: string;
  value: PickedUser[];
  onChange: (users: PickedUser[]) => void;
  error?: string;
  /** Pick one person (the popover closes on pick). */
  single?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const search = useQuery({
    queryKey: labelingKeys.userSearch(q),
    queryFn: ({ signal }) => api.get<{ users: UserDto[] }>(`/api/users/search?q=${encodeURIComponent(q)}`, signal),
    enabled: open,
    staleTime: 30_000,
  });
  const matches = search.data?.users ?? [];
  const picked = new Set(value.map((u) => u.id));
  const toggle = (u: PickedUser) => {
    if (single) {
      onChange([u]);
      setOpen(false);
      return;
    }
    onChange(picked.has(u.id) ? value.filter((v) => v.id !== u.id) : [...value, u]);
  };
  return (
    <div className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <div className="flex flex-wrap items-center gap-1.5">
        {value.map((u) => (
          <span
            key={u.id}
            className="inline-flex items-center gap-1 rounded bg-indigo-50 px-2 py-0.5 text-xs text-indigo-900"
          >
            {u.email}
            {single ? null : (
              <button
                type="button"
                aria-label={`Remove ${u.email}`}
                className="rounded hover:bg-indigo-100"
                onClick={() => onChange(value.filter((v) => v.id !== u.id))}
              >
                <X aria-hidden className="h-3 w-3" />
              </button>
            )}
          </span>
        ))}
        <Popover open={open} onOpenChange={setOpen}>
          <PopoverTrigger asChild>
            <button
              type="button"
              aria-label={`${label}: choose`}
              className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              {single ? (value.length ? "Change" : "Choose a person") : "Add people"}
              <ChevronsUpDown aria-hidden className="h-3 w-3" />
            </button>
          </PopoverTrigger>
          <PopoverContent align="start" className="w-72 p-2">
            <input
              autoFocus
              role="combobox"
              aria-expanded
              aria-controls={listId}
              aria-label="Search people by name or email"
              placeholder="Search by name or email"
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, matches.length - 1));
                else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
                else if (e.key === "Enter" && matches[active]) toggle(matches[active]);
                else return;
                e.preventDefault();
              }}
              className="mb-2 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none"
            />
            <ul id={listId} role="listbox" aria-label="People" className="max-h-60 overflow-auto">
              {search.isPending ? <li className="px-2 py-1 text-slate-500">Searching…</li> : null}
              {!search.isPending && !matches.length ? (
                <li className="px-2 py-1 text-slate-500">Nobody matches; invite them under Settings → Users first.</li>
              ) : null}
              {matches.map((u, i) => (
                <li
                  key={u.id}
                  role="option"
                  aria-selected={picked.has(u.id)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => toggle(u)}
                  className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1 ${i === active ? "bg-slate-100" : ""}`}
                >
                  <Check aria-hidden className={`h-3.5 w-3.5 ${picked.has(u.id) ? "text-indigo-600" : "invisible"}`} />
                  <span className="truncate">{u.email}</span>
                  <span className="ml-auto truncate text-xs text-slate-500">{u.role.toLowerCase()}</span>
                </li>
              ))}
            </ul>
          </PopoverContent>
        </Popover>
      </div>
      {error ? <span className="mt-1 block text-xs text-red-600">{error}</span> : null}
    </div>
  );
}
