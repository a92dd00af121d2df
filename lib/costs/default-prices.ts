/**
 * Default model prices, seeded once into the editable price table (Settings → Model prices).
 * These are the providers' public LIST PRICES AS OF WRITING (late 2025), in USD per one million
 * tokens, standard tier, no batch or cache discounts. They change: admins should check their
 * contracts and edit the table; the app never updates these rows by itself. Llama prices are a
 * typical hosted rate (Together/Fireworks-like), since Meta publishes none.
 */
export interface DefaultPrice {
  model: string;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

export const DEFAULT_MODEL_PRICES: readonly DefaultPrice[] = [
  // OpenAI
  { model: "gpt-4o", inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
  { model: "gpt-4o-mini", inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 },
  { model: "gpt-4.1", inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  { model: "gpt-4.1-mini", inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
  { model: "gpt-4.1-nano", inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
  { model: "o1", inputUsdPerMillion: 15, outputUsdPerMillion: 60 },
  { model: "o1-mini", inputUsdPerMillion: 1.1, outputUsdPerMillion: 4.4 },
  { model: "o3", inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  { model: "o3-mini", inputUsdPerMillion: 1.1, outputUsdPerMillion: 4.4 },
  { model: "o4-mini", inputUsdPerMillion: 1.1, outputUsdPerMillion: 4.4 },
  { model: "text-embedding-3-small", inputUsdPerMillion: 0.02, outputUsdPerMillion: 0 },
  { model: "text-embedding-3-large", inputUsdPerMillion: 0.13, outputUsdPerMillion: 0 },
  // Anthropic
  { model: "claude-3-5-haiku", inputUsdPerMillion: 0.8, outputUsdPerMillion: 4 },
  { model: "claude-3-5-sonnet", inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  { model: "claude-3-7-sonnet", inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  { model: "claude-sonnet-4", inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  { model: "claude-opus-4", inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
  { model: "claude-3-opus", inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
  { model: "claude-3-haiku", inputUsdPerMillion: 0.25, outputUsdPerMillion: 1.25 },
  // Google
  { model: "gemini-2.5-pro", inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
  { model: "gemini-2.5-flash", inputUsdPerMillion: 0.3, outputUsdPerMillion: 2.5 },
  { model: "gemini-2.0-flash", inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
  { model: "gemini-1.5-pro", inputUsdPerMillion: 1.25, outputUsdPerMillion: 5 },
  { model: "gemini-1.5-flash", inputUsdPerMillion: 0.075, outputUsdPerMillion: 0.3 },
  // Meta Llama (hosted)
  { model: "llama-3.1-8b-instruct", inputUsdPerMillion: 0.18, outputUsdPerMillion: 0.18 },
  { model: "llama-3.1-70b-instruct", inputUsdPerMillion: 0.88, outputUsdPerMillion: 0.88 },
  { model: "llama-3.1-405b-instruct", inputUsdPerMillion: 3.5, outputUsdPerMillion: 3.5 },
  { model: "llama-3.3-70b-instruct", inputUsdPerMillion: 0.88, outputUsdPerMillion: 0.88 },
];
