/** @type {import('next').NextConfig} */

// Trace content is untrusted: on top of rendering it as text, the policy forbids scripts from
// anywhere but this origin and blocks plugins, framing and form posts elsewhere.
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig = {
  poweredByHeader: false,
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
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
