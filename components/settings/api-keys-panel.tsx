"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZCreateApiKeyBody, type TCreateApiKeyBody } from "@/lib/users/schemas";
import type { ApiKeyDto as ApiKeyRow } from "@/lib/users/types";
import { settingsKeys } from "./query-keys";

/** The caller's personal API keys: create (shown once), list with last use, revoke. */
export function ApiKeysPanel() {
  const client = useQueryClient();
  const [newKey, setNewKey] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: ({ signal }) => api.get<{ apiKeys: ApiKeyRow[] }>("/api/api-keys", signal),
    select: (r) => r.apiKeys,
  });
  const invalidate = () => client.invalidateQueries({ queryKey: settingsKeys.apiKeys });
  const create = useMutation({
    mutationFn: (body: TCreateApiKeyBody) => api.post<{ key: string }>("/api/api-keys", body),
    onSuccess: (res) => setNewKey(res.key),
    onSettled: invalidate,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/api-keys/${id}`),
    onError: (err) => toast.error(`Could not revoke the key: ${errorMessage(err)}`),
    onSettled: invalidate,
  });
  const form = useForm<TCreateApiKeyBody>({ resolver: zodResolver(ZCreateApiKeyBody), defaultValues: { name: "" } });
  const name = form.watch("name");
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
      form.reset();
    } catch (err) {
      applyServerErrors(err, form.setError, ["name"]);
    }
  });

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">API keys</h2>
      <p className="mt-1 text-sm text-slate-600">
        For the ingestion and feedback APIs: send <code>Authorization: Bearer &lt;key&gt;</code>, or set{" "}
        <code>MLFLOW_TRACKING_TOKEN</code> for MLflow clients.
      </p>
      <form onSubmit={onSubmit} className="mt-3 flex gap-2">
        <input
          aria-label="Key name"
          placeholder="Key name, e.g. production app"
          className="w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          aria-invalid={Boolean(form.formState.errors.name)}
          {...form.register("name")}
        />
        <Button type="submit" disabled={!name.trim() || create.isPending}>
          Create key
        </Button>
      </form>
      {form.formState.errors.name ? (
        <p className="mt-1 text-xs text-red-600">{form.formState.errors.name.message}</p>
      ) : null}
      <div className="mt-2">
        <FormError errors={form.formState.errors} />
      </div>
      {newKey ? (
        <div role="status" className="mt-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          Copy this key now; it will not be shown again:
          <code data-testid="new-api-key" className="mt-1 block break-all font-mono text-slate-900">
            {newKey}
          </code>
        </div>
      ) : null}
      {keys.error ? <p className="mt-2 text-sm text-red-600">{errorMessage(keys.error)}</p> : null}
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Name</th>
            <th>Key</th>
            <th>Created</th>
            <th>Last used</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.data?.map((k) => (
            <tr key={k.id} className={k.revoked ? "text-slate-500 line-through" : ""}>
              <td className="py-1.5">{k.name}</td>
              <td className="font-mono text-xs">{k.prefix}…</td>
              <td>{k.createdAt.slice(0, 10)}</td>
              <td>{k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td className="text-right">
                {k.revoked ? (
                  "revoked"
                ) : (
                  <ConfirmDialog
                    trigger={<Button variant="ghost">Revoke</Button>}
                    title={`Revoke the key "${k.name}"?`}
                    description="Clients using it will stop working."
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke.mutate(k.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {keys.data?.length === 0 ? <p className="mt-2 text-sm text-slate-500">No keys yet.</p> : null}
    </section>
  );
}
