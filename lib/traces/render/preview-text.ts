import { extractTraceSummary } from "@/lib/traces/render/summary";

/**
 * Readable text of a stored request/response preview (JSON text of the root's inputs/outputs,
 * cut at 1000 characters): the question or answer when one is found, else the raw text.
 */
export function previewText(preview: string | null, side: "request" | "response"): string {
  if (!preview) return "";
  try {
    const parsed = JSON.parse(preview) as unknown;
    const summary = side === "request" ? extractTraceSummary(parsed, null) : extractTraceSummary(null, parsed);
    const text = side === "request" ? summary.question : summary.answer;
    return text ?? (typeof parsed === "string" ? parsed : preview);
  } catch {
    // Truncated previews are often not valid JSON: take the first (request) or last (response)
    // message content that is there, else the raw text.
    const contents = [...preview.matchAll(/"content"\s*:\s*"((?:[^"\\]|\\.)*)/g)].map((m) =>
      m[1]!.replace(/\\n/g, " ").replace(/\\"/g, '"'),
    );
    return (side === "request" ? contents[0] : contents.at(-1)) ?? preview;
  }
}
