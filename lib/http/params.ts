/**
 * Typed route params: a route declares its dynamic segments (`params: pathParams("sessionId")`)
 * and its handler gets `params.sessionId` as a string, with no casts. Next always fills the
 * segments of the folder path, so a failure here means the declaration and the folder disagree.
 */
import { z } from "zod";

/** The `[name]` segments of the route's folder path, each a non-empty string. */
export function pathParams<const K extends string>(...names: K[]) {
  const shape = Object.fromEntries(names.map((n) => [n, z.string().min(1)])) as { [P in K]: z.ZodString };
  return z.object(shape);
}
