/**
 * The first admin's sign-in details as `npm start` prints them. The generated password is also
 * written to a file in the data folder (owner-only), because the build's output that follows
 * scrolls the first print away; the box is printed again beside "serving on".
 */
import fs from "node:fs";
import path from "node:path";

export const INITIAL_PASSWORD_FILE = "initial-admin-password.txt";

/** The commands the banner tells people to run (scripts/cli.test.ts runs them as printed). */
export const bannerCommands = (email: string) => [`npm run admin -- reset-password ${email}`];

export function writeInitialPassword(dir: string, email: string, password: string): string {
  const file = path.join(dir, INITIAL_PASSWORD_FILE);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
  return file;
}

export function signInBanner(email: string, password: string, file: string): string[] {
  return [
    "┌──────────────────────────────────────────────────────────────",
    `│ Sign in as ${email}`,
    `│ Admin password (generated once): ${password}`,
    `│ Also saved in ${file} (delete it once you have signed in)`,
    ...bannerCommands(email).map((c) => `│ Change it with: ${c}`),
    "└──────────────────────────────────────────────────────────────",
  ];
}
