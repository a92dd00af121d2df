/**
 * Loads Prisma's schema engine from its WebAssembly build (`@prisma/schema-engine-wasm`).
 * The `prisma` CLI downloads a native engine from a host this network cannot reach; the WASM
 * build ships on npm and drives the same migration logic through a driver adapter.
 * Its ESM entry imports the .wasm file directly, which Node 20 refuses, so it is instantiated here.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DbConfig } from "../config";

type EngineModule = typeof import("@prisma/schema-engine-wasm");
export type SchemaEngine = Awaited<ReturnType<EngineModule["SchemaEngine"]["new"]>>;

// The engine's JS glue is one module instance per process holding one WASM instance, so the
// loading promise is kept process-wide (tooling may load this file more than once).
const shared = globalThis as { __tracelightSchemaEngine?: Promise<EngineModule> };

/** The engine reports Rust panics through this global; keep the last message for the thrown error. */
const panics = ((
  globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { last?: string; set_message(m: string): void } }
).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    this.last = message;
    console.error(`prisma schema engine panic: ${message}`);
  },
});
void panics;

async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bg = (await import(/* webpackIgnore: true */ path.join(dir, "schema_engine_bg.js"))) as EngineModule & {
    __wbg_set_wasm(exports: unknown): void;
  };
  const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg;
}

function adapterFactory(config: DbConfig) {
  if (config.provider === "postgresql") return new PrismaPg({ connectionString: config.url });
  // Waits out a running server's write transactions, as the app's own connection does (lib/db/client.ts).
  return new PrismaBetterSqlite3({ url: config.url, timeout: 10_000 });
}

type ScriptAdapter = {
  executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
};

/**
 * The engine replays each migration on the shadow database with one `executeRaw` call holding
 * the whole file, which both driver adapters reject as several statements; a parameterless
 * multi-statement call is sent through `executeScript` instead.
 */
function runScriptsWhole<T extends ScriptAdapter>(adapter: T): T {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

type PgIo = { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> };
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's PostgreSQL introspection selects catalog columns of type "char" (OID 18), which
 * the pg driver adapter refuses as an unsupported type; their values arrive as strings, so they
 * are presented as text. Only the schema tooling's own connections are wrapped.
 */
function readCharAsText<T>(adapter: T): T {
  const io = adapter as unknown as PgIo;
  if (typeof io.performIO !== "function") return adapter;
  const performIO = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return adapter;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (the engine itself never does, and a held connection keeps Prisma's migration advisory lock). */
  close(): Promise<void>;
}

/** Opens a schema engine on the configured database; logs go to `onLog` (quiet by default). */
export async function openSchemaEngine(
  config: DbConfig,
  schemaPath: string,
  options: { shadow?: DbConfig; onLog?: (line: string) => void } = {},
): Promise<OpenEngine> {
  shared.__tracelightSchemaEngine ??= loadEngineModule();
  const mod = await shared.__tracelightSchemaEngine;
  const datamodel = fs.readFileSync(schemaPath, "utf8");
  const factory = adapterFactory(config);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = readCharAsText(await factory.connect());
      opened.push(adapter);
      return adapter;
    },
    // Diffing from a migration history replays it on a shadow database first.
    async connectToShadowDb() {
      if (!options.shadow) throw new Error("this operation needs a shadow database");
      const adapter = readCharAsText(await adapterFactory(options.shadow).connect());
      opened.push(adapter);
      return runScriptsWhole(adapter);
    },
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(tracking as never);
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    options.onLog ?? (() => {}),
    adapter as never,
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}
