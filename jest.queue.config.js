/** Real n8n 2.41.1 in queue mode (`npm run test:queue`): PostgreSQL, Redis, a main and two workers. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Starting the cluster migrates an empty PostgreSQL database and starts three n8n processes.
	testTimeout: 600000,
	maxWorkers: 1,
	globalTeardown: '<rootDir>/test/e2e/teardown.ts',
};
