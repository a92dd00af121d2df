import { z } from "zod";

/**
 * What the login form sends to next-auth's credentials provider. Only presence is checked here: the
 * server decides whether the pair is right (and says when it is slowed down or locked).
 */
export const ZSignInForm = z.object({
  email: z.string().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
});
export type TSignInForm = z.infer<typeof ZSignInForm>;
