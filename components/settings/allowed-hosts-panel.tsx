"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { ZAllowedHostsBody } from "@/lib/allowed-hosts/schemas";
import type { AllowedHostsDto } from "@/lib/allowed-hosts/types";
import { settingsKeys } from "./query-keys";

// One entry a line (or comma-separated), checked with the API's contract.
const ZForm = z
  .object({ hosts: z.string() })
  .transform((f): z.input<typeof ZAllowedHostsBody> => ({
    hosts: f.hosts
      .split(/[\n,]/)
      .map((h) => h.trim())
      .filter(Boolean),
  }))
  .pipe(ZAllowedHostsBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/**
 * "Allowed internal hosts" (admins): exceptions to the server-side request guard, so a judge or
 * an app under evaluation on 127.0.0.1 or the private network can be called. One entry a line.
 */
export function AllowedHostsPanel() {
  const current = useQuery({
    queryKey: settingsKeys.allowedHosts,
    queryFn: ({ signal }) => api.get<AllowedHostsDto>("/api/security/allowed-hosts", signal),
  });
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Allowed internal hosts</h2>
      <p className="mt-1 text-sm text-slate-600">
        The server does not call loopback, private or link-local addresses (judge and app endpoints) unless they are
        listed here. One a line: a host name (<code>localhost</code>), an address (<code>127.0.0.1</code>) or a range (
        <code>10.0.0.0/8</code>) — for example your local model server.
      </p>
      {current.data ? (
        <HostsForm hosts={current.data.hosts} />
      ) : current.error ? (
        <p role="status" data-testid="allowed-hosts-message" className="mt-2 text-sm text-red-600">
          {errorMessage(current.error)}
        </p>
      ) : null}
    </section>
  );
}

function HostsForm({ hosts }: { hosts: string[] }) {
  const client = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: { hosts: hosts.join("\n") },
  });
  const save = useMutation({
    mutationFn: (body: Body) => api.put<AllowedHostsDto>("/api/security/allowed-hosts", body),
    onMutate: () => setMessage(null),
    onSuccess: (d) => {
      client.setQueryData(settingsKeys.allowedHosts, d);
      form.reset({ hosts: d.hosts.join("\n") });
      setMessage({ ok: true, text: d.hosts.length ? `Saved ${d.hosts.length} allowed.` : "Saved: none allowed." });
    },
    // The server names the entry it refuses ("'x' is not a host name"): shown as it comes.
    onError: (err) => setMessage({ ok: false, text: errorMessage(err) }),
  });
  const onSubmit = form.handleSubmit((body) => save.mutate(body));
  const fieldError = form.formState.errors.hosts?.message;
  return (
    <>
      <form onSubmit={onSubmit} className="mt-3 space-y-2" noValidate>
        <textarea
          aria-label="Allowed internal hosts"
          rows={3}
          placeholder={"localhost\n10.0.0.0/8"}
          aria-invalid={Boolean(fieldError)}
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm"
          {...form.register("hosts")}
        />
        <Button type="submit" disabled={save.isPending}>
          Save allowed hosts
        </Button>
      </form>
      {message || fieldError ? (
        <p
          role="status"
          data-testid="allowed-hosts-message"
          className={`mt-2 text-sm ${message?.ok && !fieldError ? "text-emerald-700" : "text-red-600"}`}
        >
          {fieldError ?? message?.text}
        </p>
      ) : null}
    </>
  );
}
