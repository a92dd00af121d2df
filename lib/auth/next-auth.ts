import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { recordAuditEvent } from "@/lib/audit/record";
import { clientAddress } from "./client-address";
import { endSessions } from "./credentials";
import { signInWithPassword } from "./sign-in";

/**
 * Email + password sign-in with JWT sessions, throttled per account and client address
 * (./sign-in.ts). The token carries the user id and the user's session version: role and
 * disabled state are re-read from the database on every request, and a token whose version is
 * older than the user's (after sign-out, a password reset, a role change or disabling) is
 * refused (see lib/auth/session.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const headers = new Headers();
        for (const [k, v] of Object.entries(req?.headers ?? {})) if (typeof v === "string") headers.set(k, v);
        // Throws SignInRefusedError: next-auth hands its message to the login form as `error`.
        const user = await signInWithPassword(credentials.email, credentials.password, clientAddress(headers));
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (callbackUrl of sign-in/sign-out) stays on this app's origin.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        const u = session.user as { id?: string; sv?: number };
        u.id = token.sub;
        u.sv = typeof token.sv === "number" ? token.sv : 0;
      }
      return session;
    },
  },
  events: {
    // Signing out ends the user's sessions: the cookie, even if copied, no longer works.
    async signOut({ token }) {
      if (!token?.sub) return;
      await endSessions(token.sub, typeof token.sv === "number" ? token.sv : undefined);
      await recordAuditEvent({
        actor: null,
        action: "auth.signed_out",
        target: { type: "user", id: token.sub },
        details: { email: token.email ?? null },
      });
    },
  },
};
