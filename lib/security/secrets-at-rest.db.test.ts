import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/test/db";
import { getJudgeSettings, resolveJudgeEndpoint, updateJudgeSettings } from "@/lib/evaluation/judge-settings";
import { restrictDataPermissions } from "@/lib/bootstrap/permissions";
import { resolveAuthSecret } from "@/lib/bootstrap/secret";

describe("judge API keys at rest", () => {
  it("are stored encrypted, never returned, and a legacy plaintext key is encrypted on first read", async () => {
    await updateJudgeSettings(SYSTEM_ACTOR, {
      base_url: "http://judge.example/v1",
      model: "m",
      api_key: "sk-very-secret-9876",
    } as never);
    const row = await db().appSetting.findUnique({ where: { key: "judge.api_key" } });
    expect(row!.value).toMatch(/^enc:v1:/);
    expect(row!.value).not.toContain("very-secret");
    expect((await resolveJudgeEndpoint())!.api_key).toBe("sk-very-secret-9876");
    const dto = await getJudgeSettings(SYSTEM_ACTOR);
    expect(JSON.stringify(dto)).not.toContain("very-secret");
    expect(dto.api_key_hint).toBe("…9876");

    await db().appSetting.update({ where: { key: "judge.api_key" }, data: { value: "sk-legacy-plain-1111" } });
    expect((await resolveJudgeEndpoint())!.api_key).toBe("sk-legacy-plain-1111");
    const migrated = await db().appSetting.findUnique({ where: { key: "judge.api_key" } });
    expect(migrated!.value).toMatch(/^enc:v1:/);
    expect((await resolveJudgeEndpoint())!.api_key).toBe("sk-legacy-plain-1111");
  });
});

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
