import { generatePassword, hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import { newId } from "../ids";
import { ZEmail, ZPassword } from "../users/schemas";
import { ConfigError } from "../db/config";
import { passwordWeakness } from "../auth/password-strength";

/**
 * Creates the first admin when there are no users yet, from ADMIN_EMAIL / ADMIN_PASSWORD or
 * with a generated password. Returns what to print once, or null when users already exist.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ email: string; password?: string } | null> {
  if ((await db.user.count()) > 0) return null;
  const email = ZEmail.safeParse(env.ADMIN_EMAIL ?? "admin@example.com");
  if (!email.success) throw new ConfigError(`ADMIN_EMAIL is not an email address: '${env.ADMIN_EMAIL}'`);
  let password = env.ADMIN_PASSWORD;
  if (password !== undefined && !ZPassword.safeParse(password).success) {
    throw new ConfigError("ADMIN_PASSWORD must be at least 8 characters");
  }
  const weakness = password === undefined ? null : passwordWeakness(password, [email.data, "admin"]);
  if (weakness) throw new ConfigError(`ADMIN_PASSWORD is too weak: ${weakness} (or unset it to have one generated)`);
  const generated = password === undefined;
  password ??= generatePassword();
  await db.user.create({
    data: { id: newId(), email: email.data, name: "Admin", role: "ADMIN", passwordHash: await hashPassword(password) },
  });
  return { email: email.data, password: generated ? password : undefined };
}
