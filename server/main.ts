import { once } from 'node:events';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { Database } from './db/database';
import { seedDemoData } from './db/seed/demoData';
import { errorFields, log } from './logger';
import { MediaServer } from './media/mediaServer';
import { connectRedisAdapter } from './realtime/redisAdapter';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await Database.fromConfig(config);
  if (config.seedDemoData && (await seedDemoData(db.models)).seeded) log.info('demo data seeded into the empty database');
  const media = await MediaServer.start(config.media).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const shared = config.redisUrl ? await connectRedisAdapter(config.redisUrl) : undefined;
  const { httpServer, io, services, notices } = createApp({ config, db, media, ...(shared ? { adapter: shared.adapter } : {}) });
  const closed = await services.presenceRecovery.closeDangling();
  if (closed) log.warn('closed room connections left open by the last stop', { connections: closed });
  const beat = async () => {
    await services.presenceRecovery.beat();
    const closed = await services.presenceRecovery.closeSilentInstances();
    if (closed) log.warn('closed room connections of instances gone silent', { connections: closed });
  };
  await beat();
  const heartbeat = setInterval(() => void beat().catch((error: unknown) => log.error('heartbeat not written', errorFields(error))), 60_000);
  heartbeat.unref();
  httpServer.listen(config.http.port, config.http.host);
  await once(httpServer, 'listening');
  log.info('OncoBoard listening', { url: `http://${config.http.host}:${config.http.port}` });
  services.attendance
    .summarizeHeld()
    .then((sessions) => log.info('attendance summaries up to date', { sessions }))
    .catch((error: unknown) => log.error('attendance summaries not brought up to date', errorFields(error)));

  let stopping = false;
  // mediasoup only closes its workers on signals; this closes everything else too, then exits.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    clearInterval(heartbeat);
    await io.close();
    await notices?.stop();
    await shared?.close();
    await media.close();
    await db.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(
      signal,
      () =>
        void shutdown(signal).catch((error: unknown) => {
          log.error('shutdown failed', errorFields(error));
          process.exit(1);
        }),
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else log.error('OncoBoard could not start', errorFields(error));
  process.exit(1);
});
