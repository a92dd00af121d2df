/**
 * The production server (`npm start`) keeps an idle keep-alive connection open longer than
 * Node's default 5 s, so a client reusing it after a pause is answered instead of reset
 * (scripts/start-prepare.ts). One connection, two requests 6 s apart: the second goes over the same socket.
 */
import http from "node:http";
import type { Socket } from "node:net";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";

function get(agent: http.Agent, path: string): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${E2E.baseURL}${path}`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, socket: req.socket! }));
    });
    req.on("error", reject);
  });
}

test("an idle keep-alive connection is still open after 6 s and serves the next request", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = await get(agent, "/api/health");
  expect(first.status).toBe(200);
  let closedByServer = false;
  first.socket.once("close", () => (closedByServer = true));
  await new Promise((r) => setTimeout(r, 6000));
  expect(closedByServer).toBe(false);
  const second = await get(agent, "/api/health");
  expect(second.status).toBe(200);
  expect(second.socket).toBe(first.socket);
  agent.destroy();
});
