// The start banner's command (`npm run admin -- reset-password <email>`) run as a user runs it:
// while the server is up, against the server's own database. It used to fail there on SQLite
// because the CLI opened Prisma's schema engine, which takes the file exclusively.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { signInBanner } from "../../lib/bootstrap/sign-in-banner";
import { E2E } from "../support/env";
import { signIn } from "../support/sign-in";

function admin(args: string[]) {
  // `npm run admin -- <args>` is `tsx --conditions=react-server scripts/admin.ts <args>` (package.json).
  const res = spawnSync(
    path.join("node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "scripts/admin.ts", ...args],
    {
      env: { ...process.env, DATA_DIR: E2E.dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

test("the banner's reset-password command works while the server runs", async () => {
  test.setTimeout(180_000);
  const email = `cli-${Date.now()}@e2e.test`;
  const created = admin(["create-user", "--email", email, "--role", "DEVELOPER"]);
  expect(created.code, created.stderr).toBe(0);

  // The command exactly as the banner prints it.
  const printed = signInBanner(email, "unused", "/dev/null").flatMap(
    (l) => /npm run admin -- (.+)$/.exec(l)?.[1] ?? [],
  );
  expect(printed).toEqual([`reset-password ${email}`]);
  const started = Date.now();
  const reset = admin(printed[0].split(" "));
  expect(reset.code, reset.stderr).toBe(0);
  expect(Date.now() - started, "the command must not wait out a lock").toBeLessThan(30_000);
  const password = /new password \(shown once\): (\S+)/.exec(reset.stdout)?.[1];
  expect(password).toBeTruthy();

  // The running server accepts the new password.
  const ctx = await request.newContext({ baseURL: E2E.baseURL });
  await signIn(ctx, email, password!);
  await ctx.dispose();
});
