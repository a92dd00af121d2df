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
  ["errors.ts", "ids.ts", "db", "paging"],
  ["auth", "http"],
  ["experiments", "users", "tracking-runs", "seed"],
  ["assessments", "ingestion"],
  ["traces"],
  ["evaluation", "artifacts", "feedback"],
  ["labeling"],
  ["mlflow", "bootstrap"],
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
  // TEMPORARY, removed when the client-safe types land (branch `frontend`, issue 16): these
  // components still import response types from server-only services. The rule stays an error
  // everywhere else, so no new file can join this list.
  {
    files: [
      "components/evaluation/dataset-view.tsx",
      "components/evaluation/datasets-panel.tsx",
      "components/evaluation/new-run-form.tsx",
      "components/evaluation/run-compare.tsx",
      "components/evaluation/run-rows-table.tsx",
      "components/evaluation/run-status.tsx",
      "components/evaluation/run-summary.tsx",
      "components/evaluation/run-view.tsx",
      "components/evaluation/runs-list.tsx",
      "components/evaluation/score-badge.tsx",
      "components/labeling/add-items-form.tsx",
      "components/labeling/create-session-form.tsx",
      "components/labeling/label-schema-form.tsx",
      "components/labeling/schemas-panel.tsx",
      "components/labeling/session-agreement.tsx",
      "components/labeling/session-detail.tsx",
      "components/labeling/session-progress.tsx",
      "components/labeling/session-results.tsx",
      "components/labeling/sessions-panel.tsx",
      "components/review/review-session-list.tsx",
      "components/review/review-trace-panel.tsx",
      "components/review/span-tree-dialog.tsx",
      "components/review/use-review-queue.ts",
      "components/settings/api-keys-panel.tsx",
      "components/settings/judge-settings-panel.tsx",
      "components/settings/users-panel.tsx",
    ],
    rules: { "tracelight/no-server-only-import": "off" },
  },
  // TEMPORARY, removed when TanStack Query lands (branch `frontend`, issue 16): these components
  // fetch on mount in an effect and set state from it, which the query client replaces.
  {
    files: [
      "components/labeling/schemas-panel.tsx",
      "components/labeling/session-detail.tsx",
      "components/labeling/sessions-panel.tsx",
      "components/review/use-review-queue.ts",
      "components/settings/api-keys-panel.tsx",
      "components/settings/users-panel.tsx",
      "components/traces/table/use-trace-search.ts",
    ],
    rules: { "react-hooks/set-state-in-effect": "off", "react-hooks/exhaustive-deps": "off" },
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
