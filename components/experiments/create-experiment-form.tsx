"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";

export function CreateExperimentForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const exp = await apiFetch<{ id: string }>("/api/experiments", { method: "POST", json: { name } });
      router.push(`/experiments/${exp.id}/traces`);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex items-start gap-2">
      <div>
        <input
          aria-label="New experiment name"
          placeholder="New experiment name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          required
        />
        {error ? <p className="mt-1 text-xs text-red-600">{error}</p> : null}
      </div>
      <Button type="submit" disabled={busy || !name.trim()}>
        Create
      </Button>
    </form>
  );
}
