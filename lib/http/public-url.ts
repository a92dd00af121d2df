/**
 * The server's public origin for links handed to people (a session's Review App link): APP_URL,
 * else NEXTAUTH_URL, else the origin the request came in on. Behind a proxy set APP_URL, since
 * the request origin is then the proxy's upstream address.
 */
export function publicOrigin(req?: { nextUrl: { origin: string } }): string {
  const configured = process.env.APP_URL?.trim() || process.env.NEXTAUTH_URL?.trim();
  const origin = configured || req?.nextUrl.origin || "";
  return origin.replace(/\/+$/, "");
}

/** A DTO with a relative `url` plus `reviewUrl`, the same link made absolute on the public origin. */
export function withReviewUrl<T extends { url: string }>(
  dto: T,
  req?: { nextUrl: { origin: string } },
): T & { reviewUrl: string } {
  return { ...dto, reviewUrl: `${publicOrigin(req)}${dto.url}` };
}
