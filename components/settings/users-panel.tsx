"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { ZCreateInvitationBody, type TCreateInvitationBody } from "@/lib/users/schemas";
import type { UserDto as UserRow } from "@/lib/users/types";
import { settingsKeys } from "./query-keys";

const PAGE_SIZE = 50;

/** Admins: create users or invitation links, change roles, disable accounts. */
export function UsersPanel() {
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const users = useQuery({
    queryKey: settingsKeys.users(page),
    queryFn: ({ signal }) =>
      api.get<{ users: UserRow[]; total: number }>(`/api/users?page=${page}&pageSize=${PAGE_SIZE}`, signal),
    placeholderData: keepPreviousData,
  });
  // Every users action answers with the message shown above the table and refreshes the list.
  const action = useMutation({
    mutationFn: (run: () => Promise<string>) => run(),
    onMutate: () => setMessage(null),
    onSuccess: (text) => setMessage(text),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.allUsers }),
  });

  const form = useForm<TCreateInvitationBody>({
    resolver: zodResolver(ZCreateInvitationBody),
    defaultValues: { email: "", role: "REVIEWER" },
  });
  const submit = (mode: "create" | "invite") =>
    form.handleSubmit(async ({ email, role }) => {
      try {
        await action.mutateAsync(async () => {
          if (mode === "invite") {
            const res = await api.post<{ token: string }>("/api/invitations", { email, role });
            return `Invitation link for ${email}: ${window.location.origin}/invite/${res.token}`;
          }
          const res = await api.post<{ password?: string }>("/api/users", { email, role });
          return `Created ${email}. Their password (shown once): ${res.password}`;
        });
      } catch (err) {
        applyServerErrors(err, form.setError, ["email", "role"]);
      }
    });
  const { errors } = form.formState;

  const total = users.data?.total ?? 0;
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Users</h2>
      <form className="mt-3 flex flex-wrap items-start gap-2" onSubmit={submit("create")} noValidate>
        <div>
          <input
            type="email"
            aria-label="Email"
            placeholder="email@example.com"
            aria-invalid={Boolean(errors.email)}
            className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            {...form.register("email")}
          />
          {errors.email ? <p className="mt-1 text-xs text-red-600">{errors.email.message}</p> : null}
        </div>
        <select
          aria-label="Role"
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          {...form.register("role")}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" disabled={action.isPending}>
          Create user
        </Button>
        <Button variant="secondary" disabled={action.isPending} onClick={() => void submit("invite")()}>
          Create invitation link
        </Button>
      </form>
      <div className="mt-2">
        <FormError errors={errors} />
      </div>
      {message ? (
        <p
          role="status"
          data-testid="users-message"
          className="mt-3 break-all rounded-md bg-emerald-50 p-2 text-sm ring-1 ring-emerald-200"
        >
          {message}
        </p>
      ) : null}
      {users.error || (action.error && !form.formState.errors.root) ? (
        <p role="alert" className="mt-3 text-sm text-red-600">
          {errorMessage(users.error ?? action.error)}
        </p>
      ) : null}
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.data?.users.map((u) => (
            <tr key={u.id} className={u.disabled ? "text-slate-500" : ""}>
              <td className="py-1.5">
                {u.email}
                {u.lockedUntil ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">locked</span>
                ) : null}
              </td>
              <td>{u.name}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => {
                    // Read the choice now: the controlled select shows the old role again until the list reloads.
                    const role = e.target.value as Role;
                    action.mutate(async () => {
                      await api.patch(`/api/users/${u.id}`, { role });
                      return `${u.email} is now ${ROLE_LABELS[role]}`;
                    });
                  }}
                  className="rounded border border-slate-300 px-1 py-0.5"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="text-right">
                {u.lockedUntil ? (
                  <Button
                    variant="ghost"
                    title={`Locked after too many failed sign-ins until ${new Date(u.lockedUntil).toLocaleTimeString()}`}
                    onClick={() =>
                      action.mutate(async () => {
                        await api.post(`/api/users/${u.id}/unlock`, {});
                        return `${u.email} is unlocked`;
                      })
                    }
                  >
                    Unlock
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  onClick={() =>
                    action.mutate(async () => {
                      const res = await api.post<{ password?: string }>(`/api/users/${u.id}/password`, {});
                      return `New password for ${u.email} (shown once; their sessions are signed out): ${res.password}`;
                    })
                  }
                >
                  Reset password
                </Button>
                <Button
                  variant="ghost"
                  onClick={() =>
                    action.mutate(async () => {
                      await api.patch(`/api/users/${u.id}`, { disabled: !u.disabled });
                      return `${u.email} ${u.disabled ? "enabled" : "disabled"}`;
                    })
                  }
                >
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} noun="users" />
    </section>
  );
}
