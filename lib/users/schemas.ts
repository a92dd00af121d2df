import { z } from "zod";
import { ZRole } from "@/lib/auth/roles";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));
export const ZPassword = z.string().min(8, "must be at least 8 characters").max(200);

export const ZCreateUserBody = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200).optional(),
  role: ZRole,
  /** Omit to have a password generated and returned once. */
  password: ZPassword.optional(),
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .object({
    role: ZRole.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one of role, name, disabled");
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

export const ZCreateApiKeyBody = z.object({ name: z.string().trim().min(1).max(100) });
export type TCreateApiKeyBody = z.infer<typeof ZCreateApiKeyBody>;

export const ZCreateInvitationBody = z.object({ email: ZEmail, role: ZRole });
export type TCreateInvitationBody = z.infer<typeof ZCreateInvitationBody>;

export const ZAcceptInvitationBody = z.object({
  token: z.string().min(10),
  name: z.string().trim().min(1).max(200),
  password: ZPassword,
});
export type TAcceptInvitationBody = z.infer<typeof ZAcceptInvitationBody>;

export const ZResetPasswordBody = z.object({
  /** Omit to have a password generated and returned once. */
  password: ZPassword.optional(),
});
export type TResetPasswordBody = z.infer<typeof ZResetPasswordBody>;

export const ZUnlockAddressBody = z.object({ address: z.string().trim().min(1).max(100) });
