/** The fault soak (`npm run test:faults`): seeded, reproducible with FAULT_SEED, one worker. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/faults'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// The virtual clock as in npm test, then the shortened request timeouts.
	setupFilesAfterEnv: ['<rootDir>/test/setup-clock.ts', '<rootDir>/test/faults/setup.ts'],
};
