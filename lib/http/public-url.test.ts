import { afterEach, describe, expect, it } from "vitest";
import { publicOrigin, requestOrigin, withReviewUrl } from "./public-url";

const KEYS = ["APP_URL", "NEXTAUTH_URL", "TRACELIGHT_NEXTAUTH_URL_DEFAULTED"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
const set = (env: Partial<Record<(typeof KEYS)[number], string>>) => {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, env);
};
const req = { nextUrl: { origin: "http://127.0.0.1:3000" } };

describe("the one public URL", () => {
  it("is APP_URL first, then an operator's NEXTAUTH_URL, without a trailing slash", () => {
    set({ APP_URL: "https://review.example.com/", NEXTAUTH_URL: "http://localhost:3000" });
    expect(publicOrigin(req)).toBe("https://review.example.com");
    set({ NEXTAUTH_URL: "https://auth.example.com" });
    expect(publicOrigin(req)).toBe("https://auth.example.com");
  });

  it("follows the request when npm start only filled in NEXTAUTH_URL's default", () => {
    set({ NEXTAUTH_URL: "http://localhost:3000", TRACELIGHT_NEXTAUTH_URL_DEFAULTED: "1" });
    expect(publicOrigin(req)).toBe("http://127.0.0.1:3000");
    expect(withReviewUrl({ url: "/review/s1" }, req).reviewUrl).toBe("http://127.0.0.1:3000/review/s1");
    expect(publicOrigin(requestOrigin(new Headers({ host: "tracelight.lan:8080" })))).toBe(
      "http://tracelight.lan:8080",
    );
    expect(
      requestOrigin(new Headers({ host: "a", "x-forwarded-host": "b.example", "x-forwarded-proto": "https" })),
    ).toBe("https://b.example");
  });
});
