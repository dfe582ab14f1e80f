import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../../server/config';
import { databaseNamedIn } from '../../server/db/database';

describe('configuration from the environment', () => {
  it('defaults to the embedded database, loopback media and port 3000', () => {
    const config = loadConfig({});
    expect(config.database.uri).toBeUndefined();
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.media.listenIp).toBe('127.0.0.1');
    expect(config.media.workers).toBeGreaterThan(0);
    expect(config.seedDemoData).toBe(true);
  });

  it('never seeds demo accounts into a real MongoDB unless asked to', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db/oncoboard' }).seedDemoData).toBe(false);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db/oncoboard', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
  });

  it('reads MONGODB_URI, ports and the announced address', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://db1:27017,db2:27017/oncoboard?replicaSet=rs0',
      PORT: '8080',
      MEDIASOUP_ANNOUNCED_ADDRESS: 'media.oncoboard.example',
      RTC_MIN_PORT: '41000',
      RTC_MAX_PORT: '41100',
    });
    expect(config.database.uri).toBe('mongodb://db1:27017,db2:27017/oncoboard?replicaSet=rs0');
    expect(config.http.port).toBe(8080);
    expect(config.media).toMatchObject({ announcedAddress: 'media.oncoboard.example', rtcMinPort: 41000, rtcMaxPort: 41100 });
  });

  it('reads the fenced-network settings: one WebRTC port, TURN with its shared secret, the ICE policy, the resume grace', () => {
    const config = loadConfig({
      RTC_PORT: '40443',
      TURN_URLS: 'turn:turn.oncoboard.example:443?transport=tcp, turns:turn.oncoboard.example:443',
      TURN_SECRET: 'un-secreto-compartido-largo',
      ICE_TRANSPORT_POLICY: 'relay',
      ROOM_RESUME_GRACE_SECONDS: '30',
    });
    expect(config.media).toMatchObject({
      rtcPort: 40443,
      turn: { urls: ['turn:turn.oncoboard.example:443?transport=tcp', 'turns:turn.oncoboard.example:443'], secret: 'un-secreto-compartido-largo', ttlSeconds: 43_200 },
      iceTransportPolicy: 'relay',
    });
    expect(config.roomResumeGraceMs).toBe(30_000);
    expect(loadConfig({}).media).toMatchObject({ rtcPort: undefined, turn: undefined, iceTransportPolicy: 'all' });
  });

  it.each([
    [{ TURN_URLS: 'turn:turn.oncoboard.example:443' }, 'TURN_SECRET'],
    [{ TURN_URLS: 'http://turn.oncoboard.example', TURN_SECRET: 'un-secreto-compartido-largo' }, 'TURN_URLS'],
    [{ ICE_TRANSPORT_POLICY: 'relay' }, 'ICE_TRANSPORT_POLICY'],
  ])('refuses TURN settings that cannot work (%o)', (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(variable);
  });

  it('sends email notices only with SMTP_URL, with the sender and the public address the links use', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ MAIL_FROM: 'avisos@red.example.mx', PUBLIC_URL: 'https://oncoboard.example.mx' }).mail).toBeUndefined();
    const config = loadConfig({
      SMTP_URL: 'smtps://avisos:clave@smtp.example.mx:465',
      MAIL_FROM: 'OncoBoard <avisos@red.example.mx>',
      PUBLIC_URL: 'https://oncoboard.example.mx/',
    });
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://avisos:clave@smtp.example.mx:465',
      from: 'OncoBoard <avisos@red.example.mx>',
      publicUrl: 'https://oncoboard.example.mx',
      retryBaseMs: 60_000,
      maxAttempts: 8,
    });
    expect(config.agreementNoticeDays).toBe(3);
    expect(loadConfig({ AGREEMENT_NOTICE_DAYS: '0' }).agreementNoticeDays).toBe(0);
  });

  it.each([
    [{ SMTP_URL: 'smtp://smtp.example.mx', PUBLIC_URL: 'https://oncoboard.example.mx' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://smtp.example.mx', MAIL_FROM: 'avisos@red.example.mx' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://smtp.example.mx', MAIL_FROM: 'avisos@red.example.mx', PUBLIC_URL: 'https://oncoboard.example.mx' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://smtp.example.mx', MAIL_FROM: 'avisos', PUBLIC_URL: 'https://oncoboard.example.mx' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://smtp.example.mx', MAIL_FROM: 'avisos@red.example.mx', PUBLIC_URL: 'oncoboard.example.mx' }, 'PUBLIC_URL'],
    [{ AGREEMENT_NOTICE_DAYS: '31' }, 'AGREEMENT_NOTICE_DAYS'],
    [{ AGREEMENT_NOTICE_DAYS: '1.5' }, 'AGREEMENT_NOTICE_DAYS'],
  ])('refuses mail settings that cannot work (%o)', (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(variable);
  });

  it('turns the environment into settings: megabytes to bytes, explicit binaries over the built ones', () => {
    const config = loadConfig({ UPLOAD_MAX_MB: '1.5', TRUST_PROXY: 'loopback', MEDIASOUP_WORKER_BIN: '/opt/worker', EMBEDDED_DATABASE_BIN: '/opt/db', SEED_DEMO_DATA: 'false' });
    expect(config.uploadMaxBytes).toBe(1_572_864);
    expect(config.trustProxy).toBe('loopback');
    expect(config.media.workerBin).toBe('/opt/worker');
    expect(config.database.embeddedBin).toBe('/opt/db');
    expect(config.seedDemoData).toBe(false);
  });

  it('turns metrics on with a token only', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'c0ffee-token-de-prometheus' }).metricsToken).toBe('c0ffee-token-de-prometheus');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://db/oncoboard' }, 'MONGODB_URI'],
    [{ MEDIASOUP_LISTEN_IP: 'localhost:3' }, 'MEDIASOUP_LISTEN_IP'],
    [{ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' }, 'RTC_MIN_PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ INSTANCE_ID: 'una instancia' }, 'INSTANCE_ID'],
    [{ METRICS_TOKEN: 'corto' }, 'METRICS_TOKEN'],
    [{ METRICS_TOKEN: 'un token con espacios dentro' }, 'METRICS_TOKEN'],
  ])('stops with a message naming the bad variable (%o)', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}: `));
  });

  it('names each instance by its host and port unless told, and reads Redis and the database named in MONGODB_URI', () => {
    expect(loadConfig({ PORT: '3001' }).instanceId).toMatch(/:3001$/);
    expect(loadConfig({ INSTANCE_ID: 'oncoboard-2', REDIS_URL: 'redis://127.0.0.1:6379/0' })).toMatchObject({ instanceId: 'oncoboard-2', redisUrl: 'redis://127.0.0.1:6379/0' });
    expect(databaseNamedIn('mongodb://db1.example.mx,db2.example.mx/red_oncocrean?replicaSet=rs0')).toBe('red_oncocrean');
    expect(databaseNamedIn('mongodb://%2Fvar%2Frun%2Fmongodb.sock/oncoboard_2')).toBe('oncoboard_2');
    for (const unnamed of ['mongodb://localhost:27017', 'mongodb://localhost:27017/', 'mongodb://localhost/?w=majority']) expect(databaseNamedIn(unnamed)).toBeUndefined();
  });
});

describe('the configuration example for deployments', () => {
  it('lists every variable the server reads', () => {
    const example = readFileSync(path.resolve(import.meta.dirname, '../../deploy/oncoboard.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(configVariables.filter((variable) => !listed.has(variable))).toEqual([]);
  });
});
