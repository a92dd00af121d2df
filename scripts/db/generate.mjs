// postinstall: generates the Prisma clients of both providers. `prisma generate` does not need
// the native schema engine, but the CLI insists on finding one; any existing file satisfies it,
// which keeps generation working where Prisma's binary host is unreachable.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync("/bin/false") ? "/bin/false" : process.execPath),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
for (const provider of ["sqlite", "postgresql"]) {
  const res = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", `prisma/${provider}/schema.prisma`], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  if (res.status !== 0) {
    console.error(`prisma generate failed for ${provider}`);
    process.exit(res.status ?? 1);
  }
  console.log(`generated the ${provider} Prisma client`);
}
