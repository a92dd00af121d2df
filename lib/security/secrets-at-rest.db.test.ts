import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restrictDataPermissions } from "@/lib/bootstrap/permissions";
import { resolveAuthSecret } from "@/lib/bootstrap/secret";

describe("owner-only files", () => {
  it("the generated secret is 0600 and start-up tightens the data folder, database and artifacts", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tl-perm-"));
    const saved = { DATA_DIR: process.env.DATA_DIR, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
    try {
      process.env.DATA_DIR = dir;
      fs.chmodSync(dir, 0o755);
      const file = path.join(dir, "tracelight.db");
      fs.writeFileSync(file, "", { mode: 0o644 });
      fs.writeFileSync(`${file}-wal`, "", { mode: 0o644 });
      fs.mkdirSync(path.join(dir, "artifacts"), { mode: 0o755 });
      resolveAuthSecret({ provider: "sqlite", url: `file:${file}`, file }, {} as NodeJS.ProcessEnv);
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(path.join(dir, "auth-secret"))).toBe(0o600);
      restrictDataPermissions({ provider: "sqlite", url: `file:${file}`, file });
      expect(mode(dir)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(path.join(dir, "artifacts"))).toBe(0o700);
    } finally {
      process.env.DATA_DIR = saved.DATA_DIR;
      process.env.NEXTAUTH_SECRET = saved.NEXTAUTH_SECRET;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
