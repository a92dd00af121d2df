import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, readDbConfig } from "./config";

const saved = { url: process.env.DATABASE_URL, dir: process.env.DATA_DIR };
afterEach(() => {
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved.url;
  if (saved.dir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = saved.dir;
});

describe("readDbConfig", () => {
  it("follows DATABASE_URL and DATA_DIR as they change (the answer is kept per value, not once)", () => {
    process.env.DATABASE_URL = "postgresql://u@127.0.0.1:5432/one";
    expect(readDbConfig()).toEqual({ provider: "postgresql", url: "postgresql://u@127.0.0.1:5432/one" });
    process.env.DATABASE_URL = "postgresql://u@127.0.0.1:5432/two";
    expect(readDbConfig().url).toBe("postgresql://u@127.0.0.1:5432/two");
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = "/tmp/tracelight-config-test-a";
    expect(readDbConfig().file).toBe("/tmp/tracelight-config-test-a/tracelight.db");
    process.env.DATA_DIR = "/tmp/tracelight-config-test-b";
    expect(readDbConfig().file).toBe("/tmp/tracelight-config-test-b/tracelight.db");
  });

  it("reports a bad URL every time it is asked, and reads an explicit environment as given", () => {
    process.env.DATABASE_URL = "mysql://nope";
    expect(() => readDbConfig()).toThrow(ConfigError);
    expect(() => readDbConfig()).toThrow(/must start with postgres/);
    expect(readDbConfig({ ...process.env, DATABASE_URL: "file:/tmp/x.db" })).toEqual({
      provider: "sqlite",
      url: "file:/tmp/x.db",
      file: "/tmp/x.db",
    });
  });
});
