import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { precompress } from './tools/build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const serverPort = Number(process.env.PORT ?? 3000);

/**
 * The end-to-end files whose traffic a proxy can change (media and signalling over wss, streamed
 * uploads and downloads, a dropped connection, a guest's link, cookie and rate limit) run behind
 * nginx over HTTPS, as deployed, and only so: the other files (screens, which TLS does not change)
 * and the network tests enter rooms over the plain server. https and severalInstances stand
 * behind their own proxy in either project.
 */
const e2eThroughProxy = ['videoRoom', 'caseFiles', 'dicomStage', 'minutes', 'opinions', 'roomStage', 'guests'].map((name) => `tests/e2e/${name}.test.ts`);

/** Files that start the built client in real browsers: one at a time, each with a database and the build. */
const inBrowsers = {
  globalSetup: ['tests/support/databaseSetup.ts', 'tests/e2e/buildClient.ts'],
  hookTimeout: 120_000,
  testTimeout: 90_000,
  fileParallelism: false,
};

export default defineConfig({
  root: `${root}client`,
  plugins: [vue(), precompress()],
  // pdf.js (~500 kB) is its own lazily loaded chunk: only case pages that open a PDF fetch it.
  build: { outDir: `${root}dist/client`, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/socket.io': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root,
    reporters: ['default', './tests/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/databaseSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: e2eThroughProxy,
          // After the other projects: browsers, media and CPU-bound audio analysis get the machine to themselves.
          sequence: { groupOrder: 1 },
          ...inBrowsers,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-tls',
          include: e2eThroughProxy,
          // Read by tests/support/tlsProxy.ts: every test server behind its own nginx, every page at https://oncoboard.test.
          env: { E2E_THROUGH_PROXY: '1' },
          sequence: { groupOrder: 2 },
          ...inBrowsers,
        },
      },
      {
        extends: true,
        test: {
          name: 'network',
          include: ['tests/network/**/*.test.ts'],
          // Last and alone: timing measurements through emulated links want an idle machine. Needs root (namespaces, TUN devices).
          sequence: { groupOrder: 3 },
          ...inBrowsers,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
