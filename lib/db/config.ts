import path from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export interface DbConfig {
  provider: DbProvider;
  /** For SQLite a `file:` URL with an absolute path; for PostgreSQL the URL as given. */
  url: string;
  /** Absolute path of the SQLite file (SQLite only). */
  file?: string;
}

/** A configuration problem that the start script reports as one readable line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function dataDir(): string {
  // A runtime folder, not a build input: the comment keeps Turbopack's file tracer from taking this
  // dynamic path as "the whole project" (its build warning, and a bloated server trace).
  return path.resolve(/* turbopackIgnore: true */ process.env.DATA_DIR ?? "./data");
}

/**
 * Reads DATABASE_URL: empty means the embedded SQLite file under DATA_DIR, `file:` a SQLite
 * file elsewhere, `postgres://`/`postgresql://` PostgreSQL. Anything else is a ConfigError.
 */
export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env !== process.env) return parseDbConfig(env);
  // Every database call asks (the driver's hot paths several times a request), and the answer
  // only changes with these two variables (tests set them): the URL check runs once per value.
  const key = `${env.DATABASE_URL ?? ""}\n${env.DATA_DIR ?? ""}`;
  if (lastRead?.key !== key) lastRead = { key, config: parseDbConfig(env) };
  return lastRead.config;
}

let lastRead: { key: string; config: DbConfig } | null = null;

function parseDbConfig(env: NodeJS.ProcessEnv): DbConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const file = path.join(dataDir(), "tracelight.db");
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (raw.startsWith("file:")) {
    const rel = raw.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!rel) throw new ConfigError("DATABASE_URL 'file:' names no file; use e.g. file:./data/tracelight.db");
    const file = path.resolve(rel);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${redactUrl(raw)}`);
    }
    return { provider: "postgresql", url: raw };
  }
  throw new ConfigError(
    `DATABASE_URL must start with postgres://, postgresql:// or file: (got '${redactUrl(raw)}'); leave it unset for the embedded SQLite database`,
  );
}

/** Hides a password in a URL so it can be printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}
