/** @type {import('next').NextConfig} */

// Pages get a nonce-based Content-Security-Policy per request from proxy.ts. API responses are
// data, never documents: nothing may load or run in them.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";
const apiSources = [
  "/api/:path*",
  "/ajax-api/:path*",
  "/v1/:path*",
  "/version",
  "/health",
  "/serving-endpoints/:path*",
];

const nextConfig = {
  poweredByHeader: false,
  // forbidden() and forbidden.tsx (403 pages), still behind this flag in Next 16.
  experimental: {
    authInterrupts: true,
    // Route code loads on a route's first request instead of all at start: the server starts
    // with less memory (docs/benchmarks.md, memory).
    preloadEntriesOnStart: false,
  },
  // Lets several checkouts' end-to-end runs build side by side (NEXT_DIST_DIR=.next-a, ...).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WASM database drivers are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    // The server-side request guard's pinned-address dispatcher (lib/security/url-guard.ts).
    "undici",
  ],
  async headers() {
    if (process.env.NODE_ENV !== "production") return [];
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      ...apiSources.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: apiCsp }] })),
    ];
  },
};

export default nextConfig;
