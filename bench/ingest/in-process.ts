// The writer without HTTP: decodes and stores the benchmark's OTLP bodies in this process
// (ingestOtlpRequest, what POST /v1/traces runs after authentication) beside the schema ceiling
// of ceiling.ts (the same rows through the driver, 500-span transactions). Isolates the writer's
// cost from Next.js and the network, and is steadier than run.ts on a busy machine.
//
//   npx tsx --conditions=react-server bench/ingest/in-process.ts [--db sqlite|postgresql|both]
//       [--traces 300] [--spans 10] [--per-request 1] [--clients 8] [--rounds 2]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "../../lib/auth/actor";
import type { DbConfig } from "../../lib/db/config";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { makeOtlpBodies, makeRows } from "./workload";
import { postgresSchemaCeiling, sqliteSchemaCeiling } from "./ceiling";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    traces: { type: "string", default: "300" },
    spans: { type: "string", default: "10" },
    "per-request": { type: "string", default: "1" },
    clients: { type: "string", default: "8" },
    rounds: { type: "string", default: "2" },
  },
});
const [N, M, K, ROUNDS] = [values.traces, values.spans, values.clients, values.rounds].map(Number) as [
  number,
  number,
  number,
  number,
];

async function pool<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: K }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
  return (N * M) / ((performance.now() - started) / 1000);
}

async function benchOne(provider: "sqlite" | "postgresql") {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-inproc-"));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase("tracelight_bench")
      : { provider, url: `file:${path.join(dataDir, "t.db")}`, file: path.join(dataDir, "t.db") };
  process.env.DATABASE_URL = config.url;
  try {
    const { prepareDatabase } = await import("../../lib/bootstrap/prepare");
    await prepareDatabase(config, { demoData: false });
    const { db } = await import("../../lib/db/client");
    const { ingestOtlpRequest } = await import("../../lib/ingestion/ingest-otlp");
    const mkExp = async (name: string) =>
      (
        await db().experiment.create({
          data: {
            id: String(Date.now() + Math.random()).replace(".", ""),
            name,
            artifactLocation: "mlflow-artifacts:/x",
          },
        })
      ).id;
    for (let round = 1; round <= ROUNDS; round++) {
      const expId = await mkExp(`otlp-${round}`);
      const bodies = makeOtlpBodies(N, M, Number(values["per-request"]));
      const otlp = await pool(bodies, (body) =>
        ingestOtlpRequest(
          SYSTEM_ACTOR,
          new Request("http://x/v1/traces", {
            method: "POST",
            headers: { "content-type": "application/x-protobuf", "x-mlflow-experiment-id": expId },
            body: new Uint8Array(body),
          }),
        ),
      );
      const rows = makeRows(N, M, await mkExp(`direct-${round}`));
      const direct =
        config.provider === "sqlite"
          ? sqliteSchemaCeiling(config.file!, rows)
          : await postgresSchemaCeiling(config.url, rows, K);
      console.log(
        `${provider.padEnd(10)} round ${round}: writer ${otlp.toFixed(0).padStart(6)} spans/s, schema ceiling ${direct.toFixed(0).padStart(6)} spans/s, writer/ceiling ${(otlp / direct).toFixed(2)}`,
      );
    }
    await db().$disconnect();
    // The next provider gets its own client and span store (both process-wide singletons).
    Object.assign(globalThis, { __tracelightDb: undefined, __tracelightSpanStore: undefined });
  } finally {
    if (config.provider === "postgresql") await dropScratchDatabase(config).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const providers = values.db === "both" ? (["sqlite", "postgresql"] as const) : [values.db as "sqlite" | "postgresql"];
for (const p of providers) await benchOne(p);
process.exit(0);
