/**
 * URL allow-list for anything rendered from trace content (markdown links, document sources).
 * Trace payloads are untrusted: model output and retrieved text can carry prompt-injected links.
 * Only absolute http(s) and mailto URLs pass; `javascript:`, `data:`, `vbscript:`, relative
 * paths (which would hit this app with the reviewer's session) and unparsable values are dropped.
 * Parsing with WHATWG `URL` normalises tricks like `java\tscript:` or leading whitespace.
 *
 * @returns the normalised URL, or null when it must not be rendered as a link.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" || parsed.protocol === "mailto:"
    ? parsed.href
    : null;
}
