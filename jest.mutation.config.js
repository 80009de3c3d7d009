/**
 * The tests StrykerJS runs against each mutant (`npm run test:mutation`): the ones that load the
 * TypeScript sources (pure policies and orchestration with a scripted Graph). Workflow tests load
 * dist/ and the sandbox over HTTP, which would need a build per mutant.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/orchestration'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};
