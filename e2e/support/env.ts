import path from "node:path";

/** Where the end-to-end server runs and who exists in it (the admin comes from the start script). */
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3217),
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
  // Per port, so separate runs (say, two checkouts) never share a database or sessions.
  get dataDir() {
    return path.resolve(`.tmp/e2e-${this.port}/data`);
  },
  get authDir() {
    return path.resolve(`.tmp/e2e-${this.port}/auth`);
  },
  admin: { email: "admin@e2e.test", password: "admin-e2e-password" },
  developer: { email: "dev@e2e.test", password: "developer-e2e-password" },
  reviewer: { email: "reviewer@e2e.test", password: "reviewer-e2e-password" },
} as const;

export type E2ERole = "admin" | "developer" | "reviewer";
export const storageState = (role: E2ERole) => path.join(E2E.authDir, `${role}.json`);
