// The start and admin commands as a user runs them: real processes, real (temporary) SQLite files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { signInBanner, writeInitialPassword } from "../lib/bootstrap/sign-in-banner";

// Each case starts a real process (tsx, the password estimator's dictionaries): seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string | undefined>) {
  // `npm start` is plain JavaScript (it starts its TypeScript preparer itself); the admin CLI goes through tsx.
  const [command, prefix] = script.endsWith(".mjs")
    ? [process.execPath, []]
    : [path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server"]];
  const res = spawnSync(command, [...prefix, script, ...args], {
    env: { ...process.env, DATABASE_URL: "", NEXTAUTH_SECRET: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr.trim() };
}

describe("npm start refuses bad configuration with one readable line", () => {
  it.each([
    [
      "an unsupported DATABASE_URL",
      { DATABASE_URL: "mysql://root@localhost/x" },
      /^tracelight: DATABASE_URL must start with postgres:\/\/, postgresql:\/\/ or file:/,
    ],
    [
      "an unreachable PostgreSQL",
      { DATABASE_URL: "postgresql://nobody:pw@127.0.0.1:1/db", NEXTAUTH_SECRET: "x".repeat(32) },
      /^tracelight: Cannot reach the PostgreSQL database at postgresql:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/db: .*Is it running/,
    ],
    [
      "PostgreSQL without a session secret",
      { DATABASE_URL: "postgresql://root@127.0.0.1:5432/postgres" },
      /^tracelight: NEXTAUTH_SECRET is not set: with PostgreSQL/,
    ],
    ["a bad port", { PORT: "http", DATA_DIR: path.join(tmp, "port") }, /^tracelight: PORT must be a number/],
    [
      "a bad admin email on a fresh database",
      { ADMIN_EMAIL: "not-an-email", DATA_DIR: path.join(tmp, "admin"), PORT: "1" },
      /^tracelight: ADMIN_EMAIL is not an email address/,
    ],
    [
      "a weak ADMIN_PASSWORD on a fresh database",
      { ADMIN_PASSWORD: "password", DATA_DIR: path.join(tmp, "weak-admin"), PORT: "1" },
      /^tracelight: ADMIN_PASSWORD is too weak: This password is too easy to guess\./,
    ],
  ])("%s", (_name, env, message) => {
    const res = run("scripts/start.mjs", [], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.split("\n")).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm run admin", () => {
  const dataDir = path.join(tmp, "admin-cli");

  it("creates a user, prints a generated password once, and refuses a duplicate", () => {
    const created = run("scripts/admin.ts", ["create-user", "--email", "Ana@Example.com", "--role", "REVIEWER"], {
      DATA_DIR: dataDir,
    });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created reviewer ana@example.com/);
    expect(created.stdout).toMatch(/password \(shown once\): [A-Za-z0-9]{20}/);
    const again = run("scripts/admin.ts", ["create-user", "--email", "ana@example.com", "--role", "REVIEWER"], {
      DATA_DIR: dataDir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("tracelight admin: A user with email ana@example.com already exists");
  });

  it("creates an API key and prints only the key", () => {
    const res = run("scripts/admin.ts", ["create-api-key", "--email", "ana@example.com", "--name", "ci"], {
      DATA_DIR: dataDir,
    });
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^tl_[A-Za-z0-9_-]{32}$/);
  });

  it("resets a password to a given one", () => {
    const res = run(
      "scripts/admin.ts",
      ["reset-password", "--email", "ana@example.com", "--password", "new-password-123"],
      { DATA_DIR: dataDir },
    );
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe("password changed");
  });

  it("refuses a weak password with plain-words feedback", () => {
    const res = run("scripts/admin.ts", ["reset-password", "--email", "ana@example.com", "--password", "password"], {
      DATA_DIR: dataDir,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^tracelight admin: password: This password is too easy to guess\. .*heavily used/);
  });

  it("explains bad options", () => {
    const res = run("scripts/admin.ts", ["create-user", "--email", "x", "--role", "KING"], { DATA_DIR: dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^tracelight admin: --email: must be an email address; --role: /);
    expect(run("scripts/admin.ts", ["frobnicate"], { DATA_DIR: dataDir }).code).toBe(2);
  });
});

describe("the start banner's commands work as printed", () => {
  const dataDir = path.join(tmp, "banner");

  it("names the password file, and its reset-password command resets the admin's password", () => {
    const created = run("scripts/admin.ts", ["create-user", "--email", "first@example.com", "--role", "ADMIN"], {
      DATA_DIR: dataDir,
    });
    expect(created.code, created.stderr).toBe(0);
    const file = writeInitialPassword(dataDir, "first@example.com", "generated-pw");
    const banner = signInBanner("first@example.com", "generated-pw", file);
    expect(banner.join("\n")).toContain(file);
    expect(fs.readFileSync(file, "utf8")).toBe("first@example.com\ngenerated-pw\n");
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const commands = banner.flatMap((l) => /npm run admin -- (.+)$/.exec(l)?.[1] ?? []);
    expect(commands).toEqual(["reset-password first@example.com"]);
    for (const command of commands) {
      // `npm run admin -- <args>` is `tsx scripts/admin.ts <args>` (package.json).
      const res = run("scripts/admin.ts", command.split(" "), { DATA_DIR: dataDir });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/new password \(shown once\): \S{12,}/);
    }
  }, 180_000); // two processes

  it("says how to give the email when it is missing", () => {
    const res = run("scripts/admin.ts", ["reset-password"], { DATA_DIR: dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe("tracelight admin: reset-password needs an email: npm run admin -- reset-password <email>");
  });
});
