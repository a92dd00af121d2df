"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { ZSignInForm, type TSignInForm } from "@/lib/auth/schemas";
import { safeRedirectPath } from "@/lib/auth/redirect";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  // Only this app's own pages: resolved the way the browser will (`/\\host`, tabs, `https:host`...
  // lead elsewhere), see lib/auth/redirect.ts. Computed on submit, where `window` exists.
  const raw = params.get("callbackUrl");
  const form = useForm<TSignInForm>({
    resolver: zodResolver(ZSignInForm),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    const res = await signIn("credentials", { email, password, redirect: false });
    if (!res || res.error) {
      // The server's reason (wrong password, slowed down, locked) is meant to be shown as is.
      const message = res?.error && res.error !== "CredentialsSignin" ? res.error : "Wrong email or password.";
      form.setError("root.server", { type: "server", message });
      return;
    }
    router.replace(safeRedirectPath(raw, window.location.origin));
    router.refresh();
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
        aria-invalid={errors.email ? true : undefined}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        aria-invalid={errors.password ? true : undefined}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <FormError errors={errors} />
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
