// `npm run lint`, in `npm test`'s first step: ESLint's and typescript-eslint's recommended rules,
// without type information (so it stays fast), on src/, test/ and scripts/.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc refuses unused names already (noUnusedLocals, noUnusedParameters), and this rule was half of lint's time.
      '@typescript-eslint/no-unused-vars': 'off',
      // Empty interfaces are the event maps features fill by declaration merging (timeline-events.ts, settings-events.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'always' }],
      // French text writes its no-break spaces (U+00A0, U+202F) in strings and comments; src/i18n/typography.spec.ts checks them.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipTemplates: true, skipRegExps: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Playwright evaluates a string predicate again at each poll, inside the page, where the desk's CSP (no
      // 'unsafe-eval') refuses it as a page error: the browser tests failed so when the machine was loaded.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForFunction'] > :matches(Literal, TemplateLiteral).arguments:first-child",
          message: 'Give waitForFunction a function, or wait for a selector: a string is evaluated at each poll, which the desk’s CSP refuses.',
        },
      ],
    },
  },
]);
