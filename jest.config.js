/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The real-n8n suites and the fault soak have their own configs and commands (npm run test:n8n,
	// npm run test:queue, npm run test:faults).
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/queue/',
		'<rootDir>/test/faults/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 30000,
	// n8n-core's logger writes to stdout unless told otherwise.
	setupFiles: ['<rootDir>/test/setup-env.ts', '<rootDir>/test/setup-dns.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup-clock.ts'],
};
