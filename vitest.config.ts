import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// `server-only` throws outside React Server Components; in tests services run in plain Node.
const alias = { "@": root, "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          // scripts/cli.test.ts spawns real processes: seconds each on a loaded 2-core machine.
          testTimeout: 60_000,
          include: [
            "lib/**/*.test.ts",
            "lib/**/*.test.tsx",
            "components/**/*.test.ts",
            "components/**/*.test.tsx",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "sqlite",
          include: ["lib/**/*.db.test.ts", "app/**/*.db.test.ts", "test/**/*.db.test.ts"],
          globalSetup: ["test/setup/global-db.ts"],
          setupFiles: ["test/setup/db-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "postgresql",
          include: ["lib/**/*.db.test.ts", "app/**/*.db.test.ts", "test/**/*.db.test.ts"],
          globalSetup: ["test/setup/global-db.ts"],
          setupFiles: ["test/setup/db-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Real app servers (`next start` on the production build) sharing one fresh PostgreSQL
          // database: `npm run test:scale`, after the e2e suite has built the app.
          name: "scale",
          include: ["test/**/*.scale.test.ts"],
          globalSetup: ["test/setup/global-db.ts"],
          setupFiles: ["test/setup/db-env.ts"],
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
