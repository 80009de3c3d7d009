/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Loaded only by jest.e2e.config.js: marks the run as the real-n8n suite (see describeE2E in ./e2e.ts).
process.env.N8N_E2E_SUITE = '1';
