import { availableParallelism } from 'node:os'

// The tests are ES modules, which Jest runs only with Node's --experimental-vm-modules. The npm
// scripts pass it; for a bare `npx jest path/to/file` the workers get it from here (they inherit
// this environment), and `workerIdleMemoryLimit` below keeps even one file out of this process.
const VM_MODULES = '--experimental-vm-modules'
if (!`${process.env.NODE_OPTIONS ?? ''}`.includes(VM_MODULES)) {
  process.env.NODE_OPTIONS =
    `${process.env.NODE_OPTIONS ?? ''} ${VM_MODULES} --disable-warning=ExperimentalWarning`.trim()
}

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__', '<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/__tests__/helpers/esbuild-jest-transform.js',
    '/node_modules/@actions/workflow-parser/dist/.+\\.js$':
      '<rootDir>/__tests__/judges/json-import-attributes.cjs'
  },
  transformIgnorePatterns: ['/node_modules/(?!@actions/workflow-parser/)'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  // At least 90% of the lines of src/ run under the tests.
  coverageThreshold: { global: { lines: 90 } },
  // A hang detector only, far above any healthy test: no test asserts how fast something ran.
  testTimeout: 180_000,
  // The bundle tests mostly wait on child processes, sockets and timers, not the CPU, so more
  // workers than cores pay: four per core. Measured on 2 cores (docs/development.md, "Worker
  // counts"). The unit and in-process tests are CPU-bound: `npm run test:unit` runs one worker per
  // core (--maxWorkers=100%).
  maxWorkers: 4 * availableParallelism(),
  // Jest runs a single file in its own process unless this is set; its workers have the flag above.
  // Far above any worker's memory, so it never restarts one.
  workerIdleMemoryLimit: '4GB',
  verbose: false
}
