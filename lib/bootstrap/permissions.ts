import fs from "node:fs";
import path from "node:path";
import { dataDir, type DbConfig } from "../db/config";

/**
 * Owner-only files: the data folder, the SQLite database (and its -wal/-shm), the session secret
 * and the artifacts store hold everything the app knows, so nobody else on the machine may read
 * them. New files are owner-only because `npm start` and the admin CLI set umask 077; this also
 * tightens what an older install (or another umask) left behind. Returns the paths it changed.
 */
export function restrictDataPermissions(config: DbConfig): string[] {
  const changed: string[] = [];
  const tighten = (p: string, mode: number) => {
    try {
      const st = fs.statSync(p);
      if ((st.mode & 0o777) !== mode) {
        fs.chmodSync(p, mode);
        changed.push(p);
      }
    } catch {
      // missing: nothing to tighten
    }
  };
  const dir = dataDir();
  tighten(dir, 0o700);
  tighten(path.join(dir, "auth-secret"), 0o600);
  tighten(process.env.ARTIFACTS_DIR ? path.resolve(process.env.ARTIFACTS_DIR) : path.join(dir, "artifacts"), 0o700);
  if (config.provider === "sqlite" && config.file) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) tighten(config.file + suffix, 0o600);
    const dbDir = path.dirname(config.file);
    if (dbDir !== dir) tighten(dbDir, 0o700);
  }
  return changed;
}

/** Files and folders this process creates from now on are owner-only (rw-------, rwx------). */
export function ownerOnlyUmask(): void {
  process.umask(0o077);
}
