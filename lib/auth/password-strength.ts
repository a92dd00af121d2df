import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { ValidationError } from "../errors";

/**
 * Password strength, estimated with zxcvbn-ts (dictionaries of common passwords, names and
 * words, keyboard patterns, dates, repeats, l33t). A password must reach score 3 of 4
 * ("safely unguessable: moderate protection from offline attacks", about 10^8 guesses and up)
 * and be at least MIN_LENGTH characters. Used on every path that sets a password.
 */
export const MIN_LENGTH = 8;
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Why a password is too weak, in plain words; null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
  // Parts of the email and name are the first guesses an attacker makes.
  const inputs = userInputs.flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/)).filter((s) => s.length >= 3);
  const result: ZxcvbnResult = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_SCORE) return null;
  const parts = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean) as string[];
  const advice = parts.length ? ` ${parts.join(" ")}` : "";
  return `This password is too easy to guess.${advice} A few unrelated words or a generated password work well.`;
}

/** Throws a ValidationError on the `password` field when the password is too weak. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw new ValidationError(`password: ${weakness}`, { field: "password" });
}
