/**
 * ESLint (npm run lint, part of npm test): Next's rules (React, hooks, accessibility, core web
 * vitals) and typescript-eslint, Prettier owning formatting, and the house's import boundaries:
 *
 * - components/ (browser code) and client-safe contracts (schemas.ts) never import a module that
 *   says `import "server-only"` (scripts/lint/eslint-plugin-tracelight.mjs);
 * - lib/ is layered, lowest first (CONTRIBUTING.md, "Layers"); a folder imports only from its own
 *   layer or lower ones, never upwards, and lib/ never imports components/ or app/.
 *
 * Import cycles between modules and between folders are checked by dependency-cruiser
 * (.dependency-cruiser.cjs, npm run lint:deps).
 */
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import tracelight from "./scripts/lint/eslint-plugin-tracelight.mjs";

/** lib/ layers, lowest first. Paths are folders (or root files) under lib/. */
const LAYERS = [
  ["errors.ts", "ids.ts", "db", "paging", "security"],
  ["auth", "http", "jobs"],
  ["experiments", "users", "tracking-runs", "seed", "allowed-hosts", "logged-models", "costs", "agents"],
  ["assessments", "ingestion"],
  ["traces"],
  ["evaluation", "artifacts", "feedback", "conversations"],
  ["labeling"],
  ["mlflow", "bootstrap", "chat", "pairwise", "monitoring"],
];

const isFile = (p) => p.endsWith(".ts");
const glob = (p) => (isFile(p) ? `./lib/${p}` : `./lib/${p}/**`);
const layerZones = LAYERS.flatMap((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  if (higher.length === 0) return [];
  return [
    {
      target: layer.map(glob),
      from: higher.map(glob),
      message: `lib/ layers run one way: ${layer.join(", ")} must not import a higher layer (see CONTRIBUTING.md, "Layers").`,
    },
  ];
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    // Tests may reach across layers to set up or compare (a decoder test reading with the mapping).
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./components", "./app"], message: "lib/ never imports components/ or app/." },
            { target: "./components", from: "./app", message: "components/ never import app/ (routes)." },
            ...layerZones,
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    rules: {
      // The only images are the small SVG logo; next/image's optimiser adds nothing for an SVG.
      "@next/next/no-img-element": "off",
      // The build does not use the React Compiler, so "the compiler skips this hook" (TanStack
      // Virtual's useVirtualizer) is no finding.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      // Unused names are errors, but a leading underscore marks a deliberately unused argument.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/schemas.ts"],
    plugins: { tracelight },
    rules: { "tracelight/no-server-only-import": "error" },
  },
  {
    // End-to-end specs walk parsed JSON answers of the API in their assertions.
    files: ["e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([
    "node_modules/**",
    ".next/**",
    ".next-*/**",
    "lib/db/generated/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    ".tmp/**",
    "next-env.d.ts",
  ]),
]);
