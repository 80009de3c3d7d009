/** Real n8n 2.41.1 end-to-end suite (`npm run test:n8n`): slow, one n8n process at a time. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Each `n8n` CLI call is a cold Node 24 process (~2-4 s); a test runs several.
	testTimeout: 300000,
	maxWorkers: 1,
	globalTeardown: '<rootDir>/test/e2e/teardown.ts',
};
