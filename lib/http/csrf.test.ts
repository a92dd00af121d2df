import { afterEach, describe, expect, it } from "vitest";
import { assertCookieRequestAllowed, hasSessionCookie } from "./csrf";

const APP = "http://127.0.0.1:3000";
const COOKIE = "next-auth.session-token=abc";
function req(method: string, headers: Record<string, string>, body?: string) {
  return new Request(`${APP}/api/users`, {
    method,
    headers: { host: "127.0.0.1:3000", ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
    body,
  });
}
const outcome = (r: Request) => {
  try {
    assertCookieRequestAllowed(r);
    return "ok";
  } catch (e) {
    return `${(e as { status: number }).status} ${(e as { code: string }).code}`;
  }
};

describe("cross-site request checks", () => {
  afterEach(() => {
    delete process.env.APP_URL;
  });
  it("refuses same-site and cross-site fetch metadata, and foreign or null origins", () => {
    const json = { cookie: COOKIE, "content-type": "application/json" };
    expect(outcome(req("POST", { ...json, "sec-fetch-site": "same-site" }, "{}"))).toBe(
      "403 CROSS_SITE_REQUEST_REFUSED",
    );
    expect(outcome(req("POST", { ...json, "sec-fetch-site": "cross-site" }, "{}"))).toBe(
      "403 CROSS_SITE_REQUEST_REFUSED",
    );
    expect(outcome(req("DELETE", { ...json, origin: "http://127.0.0.1:4000" }))).toBe("403 CROSS_SITE_REQUEST_REFUSED");
    expect(outcome(req("PUT", { ...json, origin: "null" }, "{}"))).toBe("403 CROSS_SITE_REQUEST_REFUSED");
  });
  it("accepts the app's own origin (Host or APP_URL) and non-browser clients without Origin", () => {
    const json = { cookie: COOKIE, "content-type": "application/json" };
    expect(outcome(req("POST", { ...json, origin: APP, "sec-fetch-site": "same-origin" }, "{}"))).toBe("ok");
    process.env.APP_URL = "https://tracelight.example.com/base";
    expect(outcome(req("POST", { ...json, origin: "https://tracelight.example.com" }, "{}"))).toBe("ok");
    expect(outcome(req("POST", json, "{}"))).toBe("ok");
    expect(outcome(req("GET", { cookie: COOKIE, origin: "http://evil.test", "sec-fetch-site": "cross-site" }))).toBe(
      "ok",
    );
  });
  it("requires JSON for bodies sent with the session cookie; API keys and anonymous requests are not affected", () => {
    expect(outcome(req("POST", { cookie: COOKIE, "content-type": "text/plain" }, "{}"))).toBe(
      "415 UNSUPPORTED_MEDIA_TYPE",
    );
    expect(outcome(req("POST", { cookie: COOKIE }, "{}"))).toBe("415 UNSUPPORTED_MEDIA_TYPE");
    expect(outcome(req("POST", { cookie: COOKIE, "content-type": "application/merge-patch+json" }, "{}"))).toBe("ok");
    expect(outcome(req("POST", { cookie: COOKIE }))).toBe("ok");
    const key = { authorization: "Bearer k", "content-type": "application/x-protobuf" };
    expect(outcome(req("POST", { ...key, origin: "http://evil.test", "sec-fetch-site": "cross-site" }, "x"))).toBe(
      "ok",
    );
    expect(outcome(req("POST", { "content-type": "application/x-protobuf" }, "x"))).toBe("ok");
    expect(hasSessionCookie(new Headers({ cookie: "a=1; __Secure-next-auth.session-token.0=x" }))).toBe(true);
    expect(hasSessionCookie(new Headers({ cookie: "next-auth.csrf-token=x" }))).toBe(false);
  });
});
