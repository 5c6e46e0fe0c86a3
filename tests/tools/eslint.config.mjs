// ESLint for the site's JavaScript (docs/javascripts/, ES modules), the browser runtime's own scripts
// (scripts/web/) and the Node tests (tests/js/*.mjs). Run by tests/test_js_lint.py from this folder, where the
// pinned eslint lives (package-lock.json); the project root is two folders up.
import js from "@eslint/js";
import globals from "globals";

const rules = {
  "no-var": "error",
  "prefer-const": "error",
  "no-undef": "error",
  "no-unused-vars": ["error", {args: "after-used", caughtErrors: "none"}],
};

const root = ".";   // patterns are relative to the working directory: the project root (tests/test_js_lint.py)

export default [
  {basePath: root, ignores: ["**/node_modules/**", "site/**", ".cache/**"]},
  {
    basePath: root,
    files: ["docs/javascripts/**/*.js", "scripts/web/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      // Material for MkDocs' instant navigation: `document$` is its observable of each page shown.
      globals: {...globals.browser, document$: "readonly"},
    },
    rules: {...js.configs.recommended.rules, ...rules},
  },
  {
    basePath: root,
    files: ["docs/javascripts/live-worker.js"],   // a module worker: its global scope is the worker's, not a window's
    languageOptions: {globals: {...globals.worker}},
  },
  {
    basePath: root,
    files: ["tests/js/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: {ecmaVersion: 2024, sourceType: "module", globals: {...globals.node}},
    rules: {...js.configs.recommended.rules, ...rules},
  },
];
