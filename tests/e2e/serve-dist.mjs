#!/usr/bin/env node
// The web server of the @playwright/test suite (playwright.config.mjs starts
// it): dist/ on 127.0.0.1:$PASV_E2E_PORT, also below /nested/pasv-lens/ so
// tests can check that the page works from a sub-path. Build dist/ first
// (`trunk build --release --offline`).
import { stat } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = resolve(process.env.DIST_DIR || join(repo, 'dist'));
const port = Number(process.env.PASV_E2E_PORT || 4173);
try {
  await stat(join(distDir, 'index.html'));
} catch {
  console.error(`e2e: ${distDir}/index.html not found; build the page first (trunk build --release --offline)`);
  process.exit(2);
}
const server = await startStaticServer(distDir, { port });
console.log(`e2e: serving ${distDir} at ${server.baseUrl}`);
