"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { ZAcceptInvitationBody, type TAcceptInvitationBody } from "@/lib/users/schemas";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const form = useForm<TAcceptInvitationBody>({
    resolver: zodResolver(ZAcceptInvitationBody),
    defaultValues: { token, name: "", password: "" },
  });
  const accept = useMutation({
    mutationFn: (body: TAcceptInvitationBody) => api.post("/api/invitations/accept", body),
    onSuccess: () => router.push(`/login?email=${encodeURIComponent(email)}`),
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await accept.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, ["name", "password"]);
    }
  });
  const { errors } = form.formState;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">
        You are joining as <strong>{email}</strong>.
      </p>
      <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...form.register("name")} />
      <TextField
        label="Choose a password (8+ characters)"
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <FormError errors={errors} />
      <Button type="submit" disabled={accept.isPending || accept.isSuccess} className="w-full">
        Create account
      </Button>
    </form>
  );
}
