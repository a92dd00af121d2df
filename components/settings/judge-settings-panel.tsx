"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import type { JudgeSettingsDto } from "@/lib/evaluation/types";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** The LLM-judge endpoint (any OpenAI-compatible server). The stored key is never sent back: only its last characters. */
export function JudgeSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const [current, setCurrent] = useState<JudgeSettingsDto | null>(null);
  const [baseUrl, setBaseUrl] = useState("");
  const [model, setModel] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    apiFetch<JudgeSettingsDto>("/api/evaluation/judge-settings")
      .then((s) => {
        setCurrent(s);
        setBaseUrl(s.base_url ?? "");
        setModel(s.model ?? "");
      })
      .catch((e: Error) => setMessage({ ok: false, text: e.message }));
  }, []);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const s = await apiFetch<JudgeSettingsDto>("/api/evaluation/judge-settings", {
        method: "PUT",
        json: { base_url: baseUrl, model, ...(apiKey ? { api_key: apiKey } : {}) },
      });
      setCurrent(s);
      setApiKey("");
      setMessage({ ok: true, text: "Saved." });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  }

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">LLM judge</h2>
      <p className="mt-1 text-sm text-slate-600">
        Evaluation judges (Correctness, Guidelines, …) call this OpenAI-compatible endpoint. Without settings here,
        JUDGE_BASE_URL, JUDGE_MODEL and JUDGE_API_KEY from the environment are used.
      </p>
      {current ? (
        <p data-testid="judge-current" className="mt-2 text-sm text-slate-700">
          {current.source === "none"
            ? "No judge configured."
            : `In use (${current.source}): ${current.model} at ${current.base_url}${current.api_key_set ? `, key ${current.api_key_hint}` : ", no key"}.`}
        </p>
      ) : null}
      {canEdit ? (
        <form onSubmit={save} className="mt-3 flex flex-wrap gap-2">
          <input
            aria-label="Judge base URL"
            placeholder="https://api.openai.com/v1"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            required
            className={`${field} w-80`}
          />
          <input
            aria-label="Judge model"
            placeholder="gpt-4.1-mini"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            required
            className={`${field} w-48`}
          />
          <input
            aria-label="Judge API key"
            type="password"
            placeholder={current?.api_key_set ? "keep the stored key" : "API key (optional)"}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            className={`${field} w-56`}
            autoComplete="off"
          />
          <Button type="submit">Save judge</Button>
        </form>
      ) : (
        <p className="mt-2 text-xs text-slate-500">Only admins change the judge.</p>
      )}
      {message ? (
        <p role="status" className={`mt-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
