// ESLint flat config (ESLint 10, typescript-eslint 8).
// Type-aware rules run on src/ only: that is where a floating promise or a switch that misses a
// case ships to users; tests, scripts and the simulator get the fast syntactic rules.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import prettier from 'eslint-config-prettier'
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

  // Turns off stylistic rules that would fight Prettier. Must stay last.
  prettier
])
