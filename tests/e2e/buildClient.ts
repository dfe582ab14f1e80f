import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** End-to-end tests load the client the way users do: built, and served by the real server. */
export default async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
