import { createDefaultEsmPreset } from 'ts-jest'

const preset = createDefaultEsmPreset({ tsconfig: 'tsconfig.json' })

/** @type {import('jest').Config} */
export default {
  ...preset,
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__', '<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  // The floor of issue 5: at least 90% of the lines of src/ run under the tests.
  coverageThreshold: { global: { lines: 90 } },
  testTimeout: 60000,
  // The bundle tests mostly wait on child processes and sockets: two workers halve the run on 2 cores.
  maxWorkers: 2,
  verbose: false
}
