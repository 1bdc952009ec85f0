// ESLint flat config (ESLint 10, typescript-eslint 8).
// Type-aware rules are deliberately left out to keep `npm run lint` fast; `npm run typecheck`
// (tsc --noEmit) covers type errors.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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

  // Turns off stylistic rules that would fight Prettier. Must stay last.
  prettier
])
