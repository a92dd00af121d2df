import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const h = (o: Record<string, string>) => new Headers(o);

describe("client address", () => {
  it("uses the socket address stamped by the server and ignores X-Forwarded-For by default", () => {
    const headers = h({ "x-tracelight-client-address": "::ffff:10.0.0.7", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(headers, {})).toBe("10.0.0.7");
  });

  it("honours X-Forwarded-For only with TRUST_PROXY, counting hops from the right", () => {
    const headers = h({ "x-tracelight-client-address": "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddress(headers, { TRUST_PROXY: "1" })).toBe("203.0.113.9");
    expect(clientAddress(headers, { TRUST_PROXY: "2" })).toBe("6.6.6.6");
    expect(clientAddress(headers, { TRUST_PROXY: "0" })).toBe("127.0.0.1");
  });
});
