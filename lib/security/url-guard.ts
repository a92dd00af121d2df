/**
 * The one guard for server-side requests to user-supplied URLs (evaluation app endpoints, judge
 * base URLs, any future webhook or agent endpoint). Without it, anyone who may configure a URL
 * can make the server call its own loopback services or the private network and read the reply.
 *
 * - {@link checkUrl} parses the URL (http/https only), resolves the host through DNS and refuses
 *   loopback, private, link-local, unique-local, unspecified, multicast and every other
 *   non-unicast address, in every notation: the WHATWG URL parser already folds `2130706433`,
 *   `0x7f000001`, `017700000001` and `127.1` into `127.0.0.1`, and IPv4-mapped IPv6
 *   (`[::ffff:127.0.0.1]`) is unwrapped before the check. Address classes come from ipaddr.js.
 *   A host name that resolves to several addresses is refused if any one of them is refused.
 * - {@link guardedFetch} calls {@link checkUrl} for the URL and again for every redirect hop
 *   (followed by hand, at most {@link MAX_REDIRECTS}), connects to the very address it checked
 *   (an undici dispatcher whose `lookup` returns the vetted address, so a second DNS answer cannot
 *   swap in 127.0.0.1: no rebinding gap), and caps the response size and the total time.
 * - An admin can allow hosts and ranges explicitly (Settings → Allowed internal hosts; see
 *   ./allowed-hosts.ts): a local model server is a legitimate target. Entries are host names
 *   (`localhost`, `llm.internal`), addresses (`127.0.0.1`, `::1`) or CIDR ranges (`10.0.0.0/8`).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import { ValidationError } from "@/lib/errors";

/** Where admins allow internal hosts; named in every refusal so the fix is one click away. */
export const ALLOW_SETTING = "Settings → Allowed internal hosts";
export const MAX_REDIRECTS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 120_000;

/** The admin's allow-list, as stored (host names, addresses, CIDR ranges). */
export interface NetworkPolicy {
  allowed: readonly string[];
}
export const NO_INTERNAL_HOSTS: NetworkPolicy = { allowed: [] };

export class BlockedUrlError extends ValidationError {
  constructor(field: string, url: string, reason: string, allowHint?: string) {
    const fix = allowHint ? ` An admin can allow it in ${ALLOW_SETTING} (add '${allowHint}').` : "";
    super(`${field}: ${reason}.${fix}`, {
      field,
      url,
      setting: ALLOW_SETTING,
      ...(allowHint ? { allow: allowHint } : {}),
    });
  }
}

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses an address, unwrapping IPv4-mapped IPv6 (`::ffff:127.0.0.1` is 127.0.0.1). */
export function parseAddress(text: string): Addr | null {
  const bare = text.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return null;
  const a = ipaddr.parse(bare);
  return a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

/**
 * The address class when it is refused (`loopback`, `private`, `linkLocal`, `uniqueLocal`,
 * `unspecified`, ...), or null for an ordinary public unicast address.
 */
export function refusedRange(address: string): string | null {
  const a = parseAddress(address);
  if (!a) return "unparseable";
  const range = a.range();
  return range === "unicast" ? null : range;
}

/** Validates one allow-list entry; returns it normalised, or throws ValidationError. */
export function normaliseAllowEntry(entry: string): string {
  const e = entry.trim().toLowerCase().replace(/\.$/, "");
  if (e.includes("/")) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(e.replace(/^\[|\](?=\/)/g, ""));
      return `${addr.toString()}/${bits}`;
    } catch {
      throw new ValidationError(`'${entry}' is not a valid CIDR range (e.g. 10.0.0.0/8 or fd00::/8)`);
    }
  }
  const a = parseAddress(e);
  if (a) return a.toString();
  if (/^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(e))
    return e;
  throw new ValidationError(`'${entry}' is not a host name, an IP address or a CIDR range`);
}

function allows(policy: NetworkPolicy, hostname: string, address: Addr): boolean {
  for (const raw of policy.allowed) {
    const entry = raw.trim().toLowerCase();
    if (entry === hostname) return true;
    try {
      if (entry.includes("/")) {
        const [net, bits] = ipaddr.parseCIDR(entry);
        if (net.kind() === address.kind() && address.match(net, bits)) return true;
      } else {
        const a = parseAddress(entry);
        if (a && a.kind() === address.kind() && a.toString() === address.toString()) return true;
      }
    } catch {
      // a malformed stored entry allows nothing
    }
  }
  return false;
}

/** A URL that passed the guard, with the addresses to connect to. */
export interface VettedUrl {
  url: URL;
  hostname: string;
  addresses: LookupAddress[];
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;
const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Checks that `rawUrl` may be fetched by the server. Throws BlockedUrlError (400, naming `field`
 * and the setting that allows the host) otherwise.
 */
export async function checkUrl(
  rawUrl: string,
  field: string,
  policy: NetworkPolicy,
  resolve: Resolver = systemResolver,
): Promise<VettedUrl> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new BlockedUrlError(field, rawUrl, `'${rawUrl}' is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new BlockedUrlError(field, rawUrl, `only http and https URLs can be called (got '${url.protocol}')`);
  if (url.username || url.password)
    throw new BlockedUrlError(field, rawUrl, "credentials in the URL are not accepted (use the API key field)");
  const hostname = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  const literal = parseAddress(hostname);
  let addresses: LookupAddress[];
  if (literal) addresses = [{ address: literal.toString(), family: literal.kind() === "ipv4" ? 4 : 6 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (e) {
      throw new BlockedUrlError(field, rawUrl, `host '${hostname}' does not resolve (${(e as Error).message})`);
    }
    if (addresses.length === 0) throw new BlockedUrlError(field, rawUrl, `host '${hostname}' does not resolve`);
  }
  const vetted: LookupAddress[] = [];
  for (const a of addresses) {
    const parsed = parseAddress(a.address);
    const range = refusedRange(a.address);
    if (range && !(parsed && allows(policy, hostname, parsed))) {
      const shown = literal ? `'${url.host}' is ${a.address}` : `'${hostname}' resolves to ${a.address}`;
      throw new BlockedUrlError(
        field,
        rawUrl,
        `${shown} (${range}), an internal address the server does not call`,
        literal ? a.address : hostname,
      );
    }
    vetted.push({ address: parsed ? parsed.toString() : a.address, family: parsed?.kind() === "ipv6" ? 6 : 4 });
  }
  return { url, hostname, addresses: vetted };
}

/** An undici dispatcher that connects only to the vetted addresses, whatever DNS says now. */
function pinnedAgent(v: VettedUrl): Agent {
  return new Agent({
    connect: {
      lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (options?.all) cb(null, v.addresses);
        else cb(null, v.addresses[0]!.address, v.addresses[0]!.family);
      }) as never,
    },
  });
}

export interface GuardOptions {
  /** The field the URL came from, as the API names it (`body.app.url`), for messages. */
  field: string;
  policy: NetworkPolicy;
  maxResponseBytes?: number;
  /** Total time for all hops and the body. */
  timeoutMs?: number;
  resolve?: Resolver;
}

function cappedBody(body: ReadableStream<Uint8Array> | null, limit: number, field: string, onDone: () => void) {
  if (!body) {
    onDone();
    return null;
  }
  let total = 0;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          onDone();
          controller.close();
          return;
        }
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel().catch(() => {});
          onDone();
          controller.error(new Error(`response of ${field} is larger than the limit of ${limit} bytes`));
          return;
        }
        controller.enqueue(value);
      } catch (e) {
        onDone();
        controller.error(e);
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => {});
      onDone();
    },
  });
}

/**
 * `fetch` for user-supplied URLs: every hop checked by {@link checkUrl} and pinned to the vetted
 * address, redirects followed by hand (303, and 301/302 of a POST, become GET without a body),
 * body capped at `maxResponseBytes`, everything within `timeoutMs`. Drop-in for the `fetch`
 * option of SDK clients (the openai client accepts one).
 */
export async function guardedFetch(input: string | URL, init: RequestInit, opts: GuardOptions): Promise<Response> {
  const limit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let url = String(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop++) {
    const vetted = await checkUrl(
      url,
      hop === 0 ? opts.field : `${opts.field} (redirect ${hop})`,
      opts.policy,
      opts.resolve,
    );
    const agent = pinnedAgent(vetted);
    const close = () => void agent.close().catch(() => {});
    let res;
    try {
      res = await undiciFetch(vetted.url, {
        method,
        headers,
        body: body as never,
        signal,
        redirect: "manual",
        dispatcher: agent,
      });
    } catch (e) {
      close();
      throw e;
    }
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => {});
      close();
      if (hop >= MAX_REDIRECTS) throw new Error(`${opts.field}: more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, vetted.url);
      if (next.origin !== vetted.url.origin) headers.delete("authorization");
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      url = next.toString();
      continue;
    }
    const declared = Number(res.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      await res.body?.cancel().catch(() => {});
      close();
      throw new Error(`response of ${opts.field} is larger than the limit of ${limit} bytes`);
    }
    const nullBody = [101, 204, 205, 304].includes(res.status);
    if (nullBody) await res.body?.cancel().catch(() => {});
    const stream = nullBody ? null : (res.body as ReadableStream<Uint8Array> | null);
    return new Response(cappedBody(stream, limit, opts.field, close), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers as unknown as Headers,
    });
  }
}
