// ESLint flat config (ESLint 10, typescript-eslint 8).
// Type-aware rules run on src/ only: that is where a floating promise or a switch that misses a
// case ships to users; tests, scripts and the simulator get the fast syntactic rules.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import jest from 'eslint-plugin-jest'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { importGraphPlugin } from './scripts/lint/import-graph.js'

const sourceFiles = ['src', '__tests__', 'simulator', 'scripts'].map(
  dir => `${dir}/**/*.{ts,mts,cts,js,mjs,cjs}`
)

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', 'node_modules/', 'docs/']),

  // Root-level config files (eslint.config.js, jest.config.js, ...).
  {
    files: ['*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node }
    }
  },

  // Action source, tests, simulator and helper scripts.
  {
    files: sourceFiles,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node }
    },
    rules: {
      // Match tsconfig's noUnusedParameters convention: a leading underscore marks "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_'
        }
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off'
    }
  },

  // The action's source: rules that need the types (typescript-eslint's project service reads
  // tsconfig.json).
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true }
      ]
    }
  },

  // Data flows one way (inputs -> phases -> one verdict -> report): an import that leads back to
  // its own file fails lint, whether static, type-only or dynamic (scripts/lint/import-graph.js;
  // `npm run imports` lists the graph).
  {
    files: ['src/**/*.ts'],
    plugins: { imports: importGraphPlugin },
    rules: { 'imports/no-cycle': ['error', { root: 'src' }] }
  },

  // The tests: Jest's recommended rules (a test without an assertion, a skipped or focused test, a
  // conditional expect). Jest's globals come from @jest/globals imports, so none are declared.
  {
    files: ['__tests__/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    languageOptions: { globals: {} },
    rules: {
      // Helpers named expect* assert; tests that need a tool are it or it.skip by its presence.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
      'jest/no-standalone-expect': [
        'error',
        { additionalTestBlockFunctions: ['itWithOpenssl', 'itWithIpv6'] }
      ]
    }
  },

  // Generated cases (fast-check): each case picks the promise that holds for it (an envelope never
  // suspects api-url, anything else does), so expects inside a branch are the point.
  {
    files: ['__tests__/**/*.property.test.ts', '__tests__/**/*-properties.test.ts'],
    rules: { 'jest/no-conditional-expect': 'off' }
  },

  // Turns off stylistic rules that would fight Prettier. Must stay last.
  prettier
])
