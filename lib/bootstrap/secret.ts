import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, dataDir, type DbConfig } from "../db/config";

/**
 * NEXTAUTH_SECRET signs session cookies. With the embedded SQLite database one is generated on
 * first start and kept in the data directory; with PostgreSQL (possibly several app servers)
 * it must be set explicitly so every server shares it.
 */
export function resolveAuthSecret(db: DbConfig, env: NodeJS.ProcessEnv = process.env): string {
  const given = env.NEXTAUTH_SECRET?.trim();
  if (given) {
    if (given.length < 16)
      throw new ConfigError(
        "NEXTAUTH_SECRET is too short: use at least 32 random characters (e.g. `openssl rand -base64 32`)",
      );
    return given;
  }
  if (db.provider === "postgresql") {
    throw new ConfigError(
      "NEXTAUTH_SECRET is not set: with PostgreSQL, set it to the same random value on every server (e.g. `openssl rand -base64 32`)",
    );
  }
  const file = path.join(dataDir(), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64");
  // `mode` applies only when the file is new, and after the umask: set it explicitly as well.
  fs.writeFileSync(file, secret, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return secret;
}
