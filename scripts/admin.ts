// npm run admin -- <command> [options]: user and key administration from a shell, for automation.
//   create-user --email E --role ADMIN|DEVELOPER|REVIEWER [--name N] [--password P]
//   create-api-key --email E --name N          prints the new key once
//   reset-password E [--password P]            prints a generated password once; ends the user's sessions
//   unlock E                                   lifts a sign-in lock after too many failed sign-ins
// The email may be given as `--email E` or as the word after the command (as the start banner prints it).
// Uses DATABASE_URL / DATA_DIR like the server, and applies pending migrations first.
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "../lib/auth/actor";
import { ConfigError, readDbConfig } from "../lib/db/config";
import { applyMigrations } from "../lib/db/migrations/apply";
import { checkDatabaseReachable } from "../lib/bootstrap/check-database";
import { ownerOnlyUmask } from "../lib/bootstrap/permissions";
import { db } from "../lib/db/client";
import { ZCreateUserBody } from "../lib/users/schemas";
import { createUser, resetPassword } from "../lib/users/service";
import { createApiKey } from "../lib/users/api-keys/service";
import { unlockUser } from "../lib/users/locks";
import { AppError } from "../lib/errors";

const USAGE = `usage: npm run admin -- <command> [options]
  create-user --email E --role ADMIN|DEVELOPER|REVIEWER [--name N] [--password P]
  create-api-key --email E --name N
  reset-password <email> [--password P]
  unlock <email>
(every command takes the email as --email E or as the word after the command)`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  const command = positionals[0];
  // `reset-password ana@example.com` and `reset-password --email ana@example.com` alike.
  if (!values.email && positionals[1]) values.email = positionals[1];
  ownerOnlyUmask();
  const config = readDbConfig();
  await checkDatabaseReachable(config);
  await applyMigrations(config);

  switch (command) {
    case "create-user": {
      const body = ZCreateUserBody.parse({
        email: values.email,
        role: values.role,
        name: values.name,
        password: values.password,
      });
      const { user, password } = await createUser(SYSTEM_ACTOR, body);
      console.log(`created ${user.role.toLowerCase()} ${user.email}`);
      if (password) console.log(`password (shown once): ${password}`);
      break;
    }
    case "create-api-key": {
      if (!values.email || !values.name) throw new ConfigError("create-api-key needs --email and --name");
      const user = await db().user.findUnique({ where: { email: values.email.toLowerCase() } });
      if (!user) throw new ConfigError(`no user with email ${values.email}`);
      const { key } = await createApiKey(SYSTEM_ACTOR, values.name, user.id);
      console.log(key);
      break;
    }
    case "reset-password": {
      if (!values.email)
        throw new ConfigError("reset-password needs an email: npm run admin -- reset-password <email>");
      const { password } = await resetPassword(SYSTEM_ACTOR, values.email, values.password);
      console.log(password ? `new password (shown once): ${password}` : "password changed");
      break;
    }
    case "unlock": {
      if (!values.email) throw new ConfigError("unlock needs an email: npm run admin -- unlock <email>");
      const user = await db().user.findUnique({ where: { email: values.email.toLowerCase() } });
      if (!user) throw new ConfigError(`no user with email ${values.email}`);
      const { unlocked } = await unlockUser(SYSTEM_ACTOR, user.id);
      console.log(unlocked ? `unlocked ${user.email}` : `${user.email} was not locked`);
      break;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main()
  .catch((err) => {
    const message =
      err instanceof ConfigError || err instanceof AppError
        ? err.message
        : err?.issues
          ? err.issues
              .map((i: { path: unknown[]; message: string }) => `--${i.path.join(".")}: ${i.message}`)
              .join("; ")
          : String(err?.message ?? err);
    console.error(`tracelight admin: ${message}`);
    process.exitCode = 1;
  })
  .finally(() => db().$disconnect());
