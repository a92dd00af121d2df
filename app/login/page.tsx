import type { Metadata } from "next";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <div className="flex min-h-full items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <div className="mb-6 flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          <h1 className="text-lg font-semibold">Sign in to Tracelight</h1>
        </div>
        <Suspense>
          <LoginForm />
        </Suspense>
        <p className="mt-6 text-xs text-slate-500">
          First start? The admin account is the one in ADMIN_EMAIL / ADMIN_PASSWORD, or the password printed once in the
          server log.
        </p>
      </div>
    </div>
  );
}
