// A writer process for kill.db.test.ts: ingests traces of five spans through the group commit
// (8 at a time) into the experiment named by argv[2], on DATABASE_URL, and prints "ack <traceId>"
// once ingestSpans has resolved, which is when the server would answer the request. Runs until killed.
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { randomHex } from "@/lib/ids";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import { ingestSpans } from "@/lib/ingestion/writer";

const experimentId = process.argv[2]!;
const T0 = 1_700_000_000_000_000_000n;

function trace() {
  const hex = randomHex(16);
  const root = randomHex(8);
  const ids = [root, ...Array.from({ length: 4 }, () => randomHex(8))];
  return ids.map((spanId, i) =>
    normalizeSpan({
      otelTraceIdHex: hex,
      spanId,
      parentSpanId: i === 0 ? null : root,
      name: `span-${i}`,
      kind: 1,
      startTimeNs: T0 + BigInt(i),
      endTimeNs: T0 + 5_000_000n,
      statusCode: "OK",
      statusMessage: null,
      attributes: { "mlflow.spanInputs": JSON.stringify({ q: "x".repeat(200) }) },
      events: [],
      resourceAttributes: {},
    }),
  );
}

async function client() {
  for (;;) {
    const spans = trace();
    await ingestSpans(SYSTEM_ACTOR, experimentId, spans, { experimentResolved: true });
    process.stdout.write(`ack ${spans[0]!.traceId}\n`);
  }
}

void Promise.all(Array.from({ length: 8 }, client));
