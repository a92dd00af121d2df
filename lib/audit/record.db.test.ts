import { describe, expect, it } from "vitest";
import { provider, uniqueName } from "@/test/db";
import { recordAuditEvent } from "./record";
import { listAuditEvents } from "./service";

describe(`audit events (${provider()})`, () => {
  it("are listed newest first in the order they were recorded, also within one millisecond", async () => {
    const action = `${uniqueName("test.burst")}.`;
    for (let i = 0; i < 30; i++)
      await recordAuditEvent({ action: `${action}${String(i).padStart(2, "0")}`, email: "a@b.c" });
    const { events } = await listAuditEvents({ role: "ADMIN" }, { action, page: 1, pageSize: 50 });
    expect(events.map((e) => e.action)).toEqual(
      Array.from({ length: 30 }, (_, i) => `${action}${String(29 - i).padStart(2, "0")}`),
    );
  });
});
