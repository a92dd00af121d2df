"use client";

import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";

import type { ApiKeyDto as ApiKeyRow } from "@/lib/users/types";

/** The caller's personal API keys: create (shown once), list with last use, revoke. */
export function ApiKeysPanel() {
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [name, setName] = useState("");
  const [newKey, setNewKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await apiFetch<{ apiKeys: ApiKeyRow[] }>("/api/api-keys");
    setKeys(res.apiKeys);
  }, []);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const res = await apiFetch<{ key: string }>("/api/api-keys", { method: "POST", json: { name } });
      setNewKey(res.key);
      setName("");
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function revoke(id: string) {
    if (!confirm("Revoke this key? Clients using it will stop working.")) return;
    await apiFetch(`/api/api-keys/${id}`, { method: "DELETE" });
    await load();
  }

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">API keys</h2>
      <p className="mt-1 text-sm text-slate-600">
        For the ingestion and feedback APIs: send <code>Authorization: Bearer &lt;key&gt;</code>, or set{" "}
        <code>MLFLOW_TRACKING_TOKEN</code> for MLflow clients.
      </p>
      <form onSubmit={create} className="mt-3 flex gap-2">
        <input
          aria-label="Key name"
          placeholder="Key name, e.g. production app"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          required
        />
        <Button type="submit" disabled={!name.trim()}>
          Create key
        </Button>
      </form>
      {newKey ? (
        <div role="status" className="mt-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          Copy this key now; it will not be shown again:
          <code data-testid="new-api-key" className="mt-1 block break-all font-mono text-slate-900">
            {newKey}
          </code>
        </div>
      ) : null}
      {error ? <p className="mt-2 text-sm text-red-600">{error}</p> : null}
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Name</th>
            <th>Key</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys?.map((k) => (
            <tr key={k.id} className={k.revoked ? "text-slate-400 line-through" : ""}>
              <td className="py-1.5">{k.name}</td>
              <td className="font-mono text-xs">{k.prefix}…</td>
              <td>{k.createdAt.slice(0, 10)}</td>
              <td>{k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td className="text-right">
                {k.revoked ? (
                  "revoked"
                ) : (
                  <Button variant="ghost" onClick={() => revoke(k.id)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {keys?.length === 0 ? <p className="mt-2 text-sm text-slate-500">No keys yet.</p> : null}
    </section>
  );
}
