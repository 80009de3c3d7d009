/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test bootstrap, never shipped */
import { mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core's logger writes to stdout and its settings need a user folder; one shared folder is enough.
const userFolder = join(tmpdir(), 'n8n-nodes-instagram-publisher-tests');
mkdirSync(userFolder, { recursive: true });
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_USER_FOLDER ??= userFolder;
