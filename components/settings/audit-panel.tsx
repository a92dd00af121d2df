"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { api, errorMessage } from "@/components/ui/api-client";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditEventDto } from "@/lib/audit/schemas";

const PAGE_SIZE = 50;
const field = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

interface Filters {
  action: string;
  actor: string;
  outcome: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { action: "", actor: "", outcome: "", from: "", to: "" };

function toQuery(f: Filters, page: number): string {
  const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (f.action) q.set("action", f.action);
  if (f.actor) q.set("actor", f.actor);
  if (f.outcome) q.set("outcome", f.outcome);
  // <input type="datetime-local"> gives local time without a zone: send it as an instant.
  if (f.from) q.set("from", new Date(f.from).toISOString());
  if (f.to) q.set("to", new Date(f.to).toISOString());
  return q.toString();
}

/** Admins: the security audit log (who did what, when, from where), newest first, with filters. */
export function AuditPanel() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ["audit", filters, page],
    queryFn: ({ signal }) =>
      api.get<{ events: AuditEventDto[]; total: number }>(`/api/audit?${toQuery(filters, page)}`, signal),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const error = query.error ? errorMessage(query.error) : null;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPage(1);
    setFilters({
      action: String(form.get("action") ?? ""),
      actor: String(form.get("actor") ?? "").trim(),
      outcome: String(form.get("outcome") ?? ""),
      from: String(form.get("from") ?? ""),
      to: String(form.get("to") ?? ""),
    });
  }

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="text-base font-semibold">
        Audit log
      </h2>
      <form className="mt-3 flex flex-wrap items-end gap-2" onSubmit={onSubmit} aria-label="Audit filters">
        <select name="action" aria-label="Action" defaultValue="" className={field}>
          <option value="">All actions</option>
          <option value="auth.">Sign-in and keys (auth.*)</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <input name="actor" aria-label="Actor" placeholder="email or user id" className={`${field} w-52`} />
        <select name="outcome" aria-label="Outcome" defaultValue="" className={field}>
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o.toLowerCase()}
            </option>
          ))}
        </select>
        <input name="from" type="datetime-local" aria-label="From" className={field} />
        <input name="to" type="datetime-local" aria-label="To" className={field} />
        <Button type="submit">Filter</Button>
      </form>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <table className="mt-4 w-full text-sm" data-testid="audit-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data?.events.map((e) => (
            <tr key={e.id} data-testid="audit-row" title={JSON.stringify(e.details)}>
              <td className="whitespace-nowrap py-1.5">{new Date(e.at).toLocaleString()}</td>
              <td className="break-all">{e.actorEmail ?? e.actorUserId ?? "anonymous"}</td>
              <td>{e.action}</td>
              <td className="break-all">{e.targetType ? `${e.targetType} ${e.targetId}` : ""}</td>
              <td className={e.outcome === "SUCCESS" ? "" : "text-red-700"}>{e.outcome.toLowerCase()}</td>
              <td>{e.clientAddress ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={setPage} noun="events" />
    </section>
  );
}
