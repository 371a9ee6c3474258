import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/.nx/**",
      "**/coverage/**",
      "**/bench-results/**",
      "docs/api/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports only." },
      ],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "realm",
              allowTypeImports: true,
              message:
                "realm's native binary cannot load here: use `import type` and take the module as an argument.",
            },
          ],
          patterns: [
            {
              group: ["@realm-recovery/*/src/*", "@realm-recovery/core/*", "!@realm-recovery/core/testing"],
              message: "Import packages through their public entry points only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Plugins depend on core only: no plugin may import another plugin.
    files: ["packages/strategy-*/**/*.ts", "packages/tracker-*/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@realm-recovery/strategy-*", "@realm-recovery/tracker-*"],
              message: "Plugins depend on @realm-recovery/core only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tool configs must default-export.
    files: ["*.config.{ts,mjs}", "**/vitest.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setImmediate: "readonly",
        Buffer: "readonly",
        AbortController: "readonly",
      },
    },
  },
);
