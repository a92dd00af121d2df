import type { APIRequestContext } from "@playwright/test";

/** Signs in through next-auth's credentials endpoint (CSRF token first), as the login form does. */
export async function signIn(ctx: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`sign-in of ${email} failed: ${res.status()}`);
  const session = await (await ctx.get("/api/auth/session")).json();
  if (session?.user?.email !== email) throw new Error(`sign-in of ${email} did not create a session`);
}
