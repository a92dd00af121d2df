import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { authenticateWithPassword } from "./credentials";

/**
 * Email + password sign-in with JWT sessions. The token carries only the user id: role and
 * disabled state are re-read from the database on every request (see lib/auth/session.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await authenticateWithPassword(credentials.email, credentials.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (callbackUrl of sign-in/sign-out) stays on this app's origin.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
