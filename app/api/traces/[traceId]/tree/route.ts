// GET /api/traces/<traceId>/tree: the trace's info and compact span tree (no span content), what the trace view loads first.
// ?encoding=gzip (the trace view) answers the same JSON gzip-compressed as application/gzip.
import { z } from "zod";
import { gzipJoin, plainJoin } from "@/lib/http/gzip-join";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getTraceTreeParts } from "@/lib/traces/service";

const ZQuery = z.object({ encoding: z.enum(["gzip"]).optional() });

// The tree part is built and compressed once per trace version and shared between requests
// (lib/traces/tree-cache.ts). The framework would compress every answer again (it drops a
// route's own Content-Encoding), so the trace view asks for the stored bytes as a gzip file,
// a type the framework leaves alone, and decompresses them itself (components/ui/api-client.ts).
export const GET = route(
  { role: "REVIEWER", params: pathParams("traceId"), query: ZQuery },
  async ({ actor, params, query }) => {
    const parts = await getTraceTreeParts(actor, params.traceId);
    if (query.encoding !== "gzip")
      return new Response(new Uint8Array(plainJoin(parts)), { headers: { "content-type": "application/json" } });
    const body = gzipJoin(parts);
    return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), {
      headers: { "content-type": "application/gzip" },
    });
  },
);
