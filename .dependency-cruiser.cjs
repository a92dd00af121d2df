/**
 * Structure checks run by `npm run lint:deps` (part of `npm test`): no import cycle between
 * modules and none between folders. Layering (which folder may import which) is in
 * eslint.config.mjs, where each violation points at the import line.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules must not import each other in a loop.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-circular-folders",
      severity: "error",
      scope: "folder",
      comment:
        "Folders of lib/, components/ and app/ must not depend on each other in a loop (a loop means one of them is in the wrong place).",
      // In components/, shared query keys live in components/cache and a feature that composes
      // another (traces shows the assessments panel and chips) is the only one importing it.
      from: { path: "^(lib|components|app)/" },
      to: { path: "^(lib|components|app)/", circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: ["^(node_modules|lib/db/generated|\\.next|data|test-results|playwright-report)", "\\.test\\.tsx?$"],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
