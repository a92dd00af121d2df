import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockedUrlError,
  checkUrl,
  guardedFetch,
  MAX_REDIRECTS,
  normaliseAllowEntry,
  refusedRange,
  type Resolver,
} from "./url-guard";

const NONE = { allowed: [] };
// Names resolved without the network: what a hostile DNS answer would be.
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = table[host];
    if (!list) throw new Error(`ENOTFOUND ${host}`);
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("checkUrl refuses internal addresses in every notation", () => {
  const loopback = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/x",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://127.1/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://127.000.000.001/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "https://127.0.0.2:443/",
  ];
  for (const url of loopback)
    it(`${url} → loopback`, async () => {
      const err = await checkUrl(url, "body.outputSource.url", NONE).catch((e) => e);
      expect(err).toBeInstanceOf(BlockedUrlError);
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/^body\.outputSource\.url: .*\(loopback\)/);
      expect(err.message).toContain("Settings → Allowed internal hosts");
    });

  const others: [string, string][] = [
    ["http://0.0.0.0/", "unspecified"],
    ["http://0/", "unspecified"],
    ["http://[::]/", "unspecified"],
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.1.10/", "private"],
    ["http://3232235786/", "private"],
    ["http://[::ffff:192.168.1.10]/", "private"],
    ["http://169.254.169.254/latest/meta-data", "linkLocal"],
    ["http://[fe80::1]/", "linkLocal"],
    ["http://[fd12:3456::1]/", "uniqueLocal"],
    ["http://100.64.0.1/", "carrierGradeNat"],
    ["http://224.0.0.1/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://240.0.0.1/", "reserved"],
  ];
  for (const [url, range] of others)
    it(`${url} → ${range}`, async () => {
      await expect(checkUrl(url, "f", NONE)).rejects.toThrow(`(${range})`);
    });

  it("refuses a name that resolves to an internal address, even among public ones", async () => {
    const dns = fakeDns({ "evil.test": ["93.184.216.34", "10.0.0.5"], "ok.test": ["93.184.216.34"] });
    await expect(checkUrl("http://evil.test/", "body.baseUrl", NONE, dns)).rejects.toThrow(
      "body.baseUrl: 'evil.test' resolves to 10.0.0.5 (private), an internal address the server does not call. An admin can allow it in Settings → Allowed internal hosts (add 'evil.test').",
    );
    const ok = await checkUrl("http://ok.test/v1", "f", NONE, dns);
    expect(ok.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("accepts public addresses, refuses other schemes, credentials and unknown hosts", async () => {
    expect((await checkUrl("https://93.184.216.34/v1", "f", NONE)).addresses[0]!.address).toBe("93.184.216.34");
    expect((await checkUrl("http://[2606:4700::1111]/", "f", NONE)).addresses[0]!.family).toBe(6);
    await expect(checkUrl("file:///etc/passwd", "f", NONE)).rejects.toThrow("only http and https");
    await expect(checkUrl("http://u:p@93.184.216.34/", "f", NONE)).rejects.toThrow("credentials");
    await expect(checkUrl("http://nope.test/", "f", NONE, fakeDns({}))).rejects.toThrow("does not resolve");
  });

  it("allows exactly what the admin listed: a host name, an address or a range", async () => {
    const dns = fakeDns({ "llm.internal": ["10.0.0.7"], localhost: ["127.0.0.1", "::1"] });
    await checkUrl("http://llm.internal:8000/v1", "f", { allowed: ["llm.internal"] }, dns);
    await checkUrl("http://localhost:11434/v1", "f", { allowed: ["localhost"] }, dns);
    await checkUrl("http://10.0.0.9/", "f", { allowed: ["10.0.0.0/24"] });
    await checkUrl("http://[::ffff:10.0.0.9]/", "f", { allowed: ["10.0.0.0/24"] });
    await checkUrl("http://2130706433/", "f", { allowed: ["127.0.0.1"] });
    await checkUrl("http://[fd00::5]/", "f", { allowed: ["fd00::/8"] });
    // ...and nothing more.
    await expect(checkUrl("http://10.0.1.9/", "f", { allowed: ["10.0.0.0/24"] })).rejects.toThrow("private");
    await expect(checkUrl("http://127.0.0.2/", "f", { allowed: ["127.0.0.1"] })).rejects.toThrow("loopback");
    await expect(checkUrl("http://127.0.0.1/", "f", { allowed: ["localhost"] })).rejects.toThrow("loopback");
  });
});

describe("allow-list entries", () => {
  it("are normalised or refused", () => {
    expect(normaliseAllowEntry(" LocalHost. ")).toBe("localhost");
    expect(normaliseAllowEntry("127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAllowEntry("[::1]")).toBe("::1");
    expect(normaliseAllowEntry("10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(normaliseAllowEntry("fd00::/8")).toBe("fd00::/8");
    expect(() => normaliseAllowEntry("10.0.0.0/99")).toThrow("not a valid CIDR range");
    expect(() => normaliseAllowEntry("llm internal")).toThrow("not a host name");
  });
  it("refusedRange is null only for public unicast", () => {
    expect(refusedRange("8.8.8.8")).toBeNull();
    expect(refusedRange("::ffff:127.0.0.1")).toBe("loopback");
    expect(refusedRange("garbage")).toBe("unparseable");
  });
});

describe("guardedFetch", () => {
  let server: http.Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, "http://x");
      if (url.pathname === "/redirect-internal") {
        res.writeHead(302, { location: `http://10.0.0.1:${port}/secret` }).end();
      } else if (url.pathname === "/redirect-loop") {
        res.writeHead(307, { location: "/redirect-loop" }).end();
      } else if (url.pathname === "/see-other") {
        res.writeHead(303, { location: "/echo" }).end();
      } else if (url.pathname === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("x".repeat(4000));
        res.end("y".repeat(4000));
      } else if (url.pathname === "/slow") {
        setTimeout(() => res.end("late"), 2000);
      } else {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ method: req.method, path: url.pathname, host: req.headers.host, body }));
        });
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const LOCAL = { allowed: ["127.0.0.1"] };

  it("refuses 127.0.0.1 unless allowed, then works", async () => {
    await expect(guardedFetch(`${base}/echo`, {}, { field: "f", policy: { allowed: [] } })).rejects.toThrow("loopback");
    const res = await guardedFetch(`${base}/echo`, { method: "POST", body: "hi" }, { field: "f", policy: LOCAL });
    expect(await res.json()).toMatchObject({ method: "POST", path: "/echo", body: "hi" });
  });

  it("re-checks every redirect hop, follows 303 as GET, and stops after the redirect limit", async () => {
    await expect(guardedFetch(`${base}/redirect-internal`, {}, { field: "f", policy: LOCAL })).rejects.toThrow(
      "f (redirect 1): '10.0.0.1:",
    );
    const seeOther = await guardedFetch(
      `${base}/see-other`,
      { method: "POST", body: "x" },
      { field: "f", policy: LOCAL },
    );
    expect(await seeOther.json()).toMatchObject({ method: "GET", path: "/echo", body: "" });
    await expect(guardedFetch(`${base}/redirect-loop`, {}, { field: "f", policy: LOCAL })).rejects.toThrow(
      `more than ${MAX_REDIRECTS} redirects`,
    );
  });

  it("connects to the vetted address, not to a second DNS answer", async () => {
    // "pinned.test" exists only in the guard's resolver: the connection can only have gone to
    // the address the guard checked (system DNS would fail), with the Host header unchanged.
    const dns = fakeDns({ "pinned.test": ["127.0.0.1"] });
    const res = await guardedFetch(
      `http://pinned.test:${port}/echo`,
      {},
      {
        field: "f",
        policy: { allowed: ["pinned.test"] },
        resolve: dns,
      },
    );
    expect(await res.json()).toMatchObject({ host: `pinned.test:${port}` });
  });

  it("caps the response size and the total time", async () => {
    const big = await guardedFetch(`${base}/big`, {}, { field: "f", policy: LOCAL, maxResponseBytes: 5000 });
    await expect(big.text()).rejects.toThrow();
    const fits = await guardedFetch(`${base}/big`, {}, { field: "f", policy: LOCAL, maxResponseBytes: 8000 });
    expect((await fits.text()).length).toBe(8000);
    const t0 = Date.now();
    await expect(guardedFetch(`${base}/slow`, {}, { field: "f", policy: LOCAL, timeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});
