"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { ZCreateExperimentBody, type TCreateExperimentBody } from "@/lib/experiments/schemas";

export function CreateExperimentForm() {
  const router = useRouter();
  const form = useForm<TCreateExperimentBody>({
    resolver: zodResolver(ZCreateExperimentBody),
    defaultValues: { name: "" },
  });
  const create = useMutation({
    mutationFn: (body: TCreateExperimentBody) => api.post<{ id: string }>("/api/experiments", body),
    onSuccess: (exp) => {
      router.push(`/experiments/${exp.id}/traces`);
      // The experiment switcher in the shell is rendered on the server: refresh it.
      router.refresh();
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, ["name"]);
    }
  });
  const { errors } = form.formState;
  const error = errors.name?.message ?? errors.root?.server?.message;
  const name = form.watch("name");

  return (
    <form onSubmit={onSubmit} className="flex items-start gap-2" noValidate>
      <div>
        <input
          aria-label="New experiment name"
          placeholder="New experiment name"
          aria-invalid={Boolean(error)}
          className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          {...form.register("name")}
        />
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={create.isPending || !name.trim()}>
        Create
      </Button>
    </form>
  );
}
