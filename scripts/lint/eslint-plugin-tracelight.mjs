/**
 * Tracelight's own lint rule: browser code never imports a server-only module.
 *
 * A module is server-only when it says `import "server-only"` (services, lib/db, the route
 * wrapper). Next refuses such an import in a client bundle at build time, but a type-only import
 * slips through and still ties browser code to server files; this rule reports both, at the
 * import line. Paths resolve like tsconfig's `@/*` alias and relative specifiers.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SERVER_ONLY = /^\s*import\s+["']server-only["'];?\s*$/m;
const EXTS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
const cache = new Map();

function resolve(fromFile, spec) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const ext of EXTS) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

function isServerOnly(file) {
  if (!cache.has(file)) cache.set(file, SERVER_ONLY.test(fs.readFileSync(file, "utf8")));
  return cache.get(file);
}

const noServerOnlyImport = {
  meta: {
    type: "problem",
    docs: { description: 'Browser code (components/) must not import modules marked `import "server-only"`.' },
    messages: {
      serverOnly:
        "'{{spec}}' is server-only (it imports \"server-only\"); components may import only client-safe modules (schemas, pure logic, types from client-safe files).",
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== "string") return;
      const target = resolve(context.filename, spec);
      if (target && isServerOnly(target))
        context.report({ node: node.source, messageId: "serverOnly", data: { spec } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const plugin = { meta: { name: "tracelight" }, rules: { "no-server-only-import": noServerOnlyImport } };

export default plugin;
