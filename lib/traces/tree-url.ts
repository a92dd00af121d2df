/**
 * Where the trace view downloads a trace's compact tree (the gzip file of GET
 * /api/traces/<id>/tree?encoding=gzip). One function for the view's fetch and the page's
 * preload, which only match when the URLs are identical.
 */
export function traceTreeUrl(traceId: string): string {
  return `/api/traces/${encodeURIComponent(traceId)}/tree?encoding=gzip`;
}
