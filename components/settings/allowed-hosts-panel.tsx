"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import type { AllowedHostsDto } from "@/lib/security/allowed-hosts";

/**
 * "Allowed internal hosts" (admins): exceptions to the server-side request guard, so a judge or
 * an app under evaluation on 127.0.0.1 or the private network can be called. One entry a line.
 */
export function AllowedHostsPanel() {
  const [text, setText] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    apiFetch<AllowedHostsDto>("/api/security/allowed-hosts")
      .then((d) => setText(d.hosts.join("\n")))
      .catch((e: Error) => setMessage({ ok: false, text: e.message }));
  }, []);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const hosts = text
      .split(/[\n,]/)
      .map((h) => h.trim())
      .filter(Boolean);
    try {
      const d = await apiFetch<AllowedHostsDto>("/api/security/allowed-hosts", { method: "PUT", json: { hosts } });
      setText(d.hosts.join("\n"));
      setMessage({ ok: true, text: d.hosts.length ? `Saved ${d.hosts.length} allowed.` : "Saved: none allowed." });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  }

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Allowed internal hosts</h2>
      <p className="mt-1 text-sm text-slate-600">
        The server does not call loopback, private or link-local addresses (judge and app endpoints) unless they are
        listed here. One a line: a host name (<code>localhost</code>), an address (<code>127.0.0.1</code>) or a range (
        <code>10.0.0.0/8</code>) — for example your local model server.
      </p>
      <form onSubmit={save} className="mt-3 space-y-2">
        <textarea
          aria-label="Allowed internal hosts"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          placeholder={"localhost\n10.0.0.0/8"}
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm"
        />
        <Button type="submit">Save allowed hosts</Button>
      </form>
      {message ? (
        <p
          role="status"
          data-testid="allowed-hosts-message"
          className={`mt-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
