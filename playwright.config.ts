import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/env";

// Debian's chromium (apt-get install chromium); Playwright's own browser download is unreachable here.
const executablePath =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: "e2e",
  outputDir: `.tmp/e2e-${E2E.port}/results`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    {
      name: "ui",
      testMatch: /ui\/.*\.spec\.ts/,
      use: { browserName: "chromium", viewport: { width: 1440, height: 900 } },
    },
  ],
  // A production build on a fresh SQLite database in its own data folder, started the way
  // users start it (`npm start`), so the start path itself is under test.
  webServer: {
    command: `rm -rf ${E2E.dataDir} && npm start`,
    url: `${E2E.baseURL}/api/health`,
    timeout: 900_000, // the first start builds the app: minutes on a busy 2-core machine
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(E2E.port),
      DATA_DIR: E2E.dataDir,
      DATABASE_URL: "",
      ADMIN_EMAIL: E2E.admin.email,
      ADMIN_PASSWORD: E2E.admin.password,
      NEXTAUTH_URL: E2E.baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Monitoring scans every second, so the monitoring spec sees scores within seconds.
      MONITORING_SCAN_SECONDS: "1",
    },
  },
});
