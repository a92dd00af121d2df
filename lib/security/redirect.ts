/**
 * Redirect targets (`callbackUrl` after sign-in, next-auth's redirects) are accepted only when
 * they resolve to the app's own origin. Checking the string (`starts with "/" but not "//"`) is
 * not enough: browsers read `/\host` as `//host`, drop tabs and newlines (`/\t/host`), and take
 * `https:host` as absolute. So the target is resolved with the WHATWG URL parser — the browser's
 * own algorithm — against the app origin, and only a same-origin result is kept. Used on the
 * client (login form) and the server (lib/auth/next-auth.ts); no server-only imports.
 */

/** The same-origin path (`/x?y#z`) `raw` leads to, or `fallback` when it leads anywhere else. */
export function safeRedirectPath(raw: string | null | undefined, appOrigin: string, fallback = "/"): string {
  if (!raw) return fallback;
  let target: URL;
  try {
    target = new URL(raw, appOrigin);
  } catch {
    return fallback;
  }
  if (target.origin !== new URL(appOrigin).origin) return fallback;
  const path = target.pathname + target.search + target.hash;
  // A path that itself starts with "//" or "/\" would be read as another host when used as a relative URL.
  return /^\/[/\\]/.test(path) ? fallback : path;
}
