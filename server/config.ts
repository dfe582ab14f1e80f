import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { logLevels } from './logger';

/** Paths of the locally built tools, written by scripts/setup.sh (the link emulator is the network tests'). */
const TOOLCHAIN_FILE = path.resolve(import.meta.dirname, '..', '.oncoboard', 'toolchain.json');

const toolchainSchema = z.object({
  mediasoupWorkerBin: z.string().optional(),
  embeddedDatabaseBin: z.string().optional(),
  linkEmulatorBin: z.string().optional(),
});

export function readToolchain(): z.infer<typeof toolchainSchema> {
  if (!existsSync(TOOLCHAIN_FILE)) return {};
  return toolchainSchema.parse(JSON.parse(readFileSync(TOOLCHAIN_FILE, 'utf8')));
}

const port = z.coerce.number().int().min(0).max(65535);

/** The environment, checked and turned into the server's settings in one schema: `Config` is its output. */
const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  DATA_DIR: z.string().default(path.resolve(import.meta.dirname, '..', 'data')),
  EMBEDDED_DATABASE_BIN: z.string().optional(),
  MEDIASOUP_WORKER_BIN: z.string().optional(),
  MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  MEDIASOUP_WORKER_CONSUMERS: z.coerce.number().int().min(1).default(500),
  MEDIASOUP_LISTEN_IP: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
  MEDIASOUP_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  RTC_MIN_PORT: port.default(40000),
  RTC_MAX_PORT: port.default(49999),
  RTC_PORT: port.min(1).optional(),
  TURN_URLS: z
    .string()
    .transform((urls) =>
      urls
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, 'each must be a turn: or turns: URL')).min(1))
    .optional(),
  TURN_SECRET: z.string().min(16, 'must have at least 16 characters').optional(),
  TURN_CREDENTIAL_TTL_HOURS: z.coerce.number().positive().max(168).default(12),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'must have at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  INSTANCE_ID: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits and . : - _ only, up to 64')
    .optional(),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  ROOM_RESUME_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(45),
  CLIENT_DIST_DIR: z.string().default(path.resolve(import.meta.dirname, '..', 'dist', 'client')),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, or a name and <address>')
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  MAIL_RETRY_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  AGREEMENT_NOTICE_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  // Checked here so a typo stops the start; the logger reads it itself, before the configuration loads.
  LOG_LEVEL: z.enum(logLevels).optional(),
});

/** Every variable the server reads (deploy/oncoboard.env.example lists them all). */
export const configVariables = Object.keys(environment.shape);

const configSchema = environment
  .refine((env) => !env.TURN_URLS === !env.TURN_SECRET, { message: 'TURN_URLS and TURN_SECRET go together', path: ['TURN_SECRET'] })
  .refine((env) => env.ICE_TRANSPORT_POLICY === 'all' || env.TURN_URLS, { message: 'relay needs TURN_URLS', path: ['ICE_TRANSPORT_POLICY'] })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM, { message: 'SMTP_URL needs MAIL_FROM', path: ['MAIL_FROM'] })
  .refine((env) => !env.SMTP_URL || env.PUBLIC_URL, { message: 'SMTP_URL needs PUBLIC_URL, for the links in the messages', path: ['PUBLIC_URL'] })
  .refine((env) => env.RTC_MIN_PORT <= env.RTC_MAX_PORT, {
    message: 'RTC_MIN_PORT must not exceed RTC_MAX_PORT',
    path: ['RTC_MIN_PORT'],
  })
  .transform((e) => {
    const toolchain = readToolchain();
    return {
      env: e.NODE_ENV,
      http: { host: e.HOST, port: e.PORT },
      database: {
        /** Unset: the embedded database, started by the server. */
        uri: e.MONGODB_URI,
        dataDir: e.DATA_DIR,
        embeddedBin: e.EMBEDDED_DATABASE_BIN ?? toolchain.embeddedDatabaseBin,
      },
      /** Seed demo centres, accounts and sessions into an empty database (never by default on a real MongoDB). */
      seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === 'true' : !e.MONGODB_URI,
      uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 2 ** 20),
      /** How long a participant whose link dropped stays in the room, for their page to come back as the same peer. */
      roomResumeGraceMs: e.ROOM_RESUME_GRACE_SECONDS * 1000,
      media: {
        workerBin: e.MEDIASOUP_WORKER_BIN ?? toolchain.mediasoupWorkerBin,
        workers: e.MEDIASOUP_WORKERS,
        /** Consumers a worker forwards to before a session on it spreads to another worker. */
        consumersPerWorker: e.MEDIASOUP_WORKER_CONSUMERS,
        listenIp: e.MEDIASOUP_LISTEN_IP,
        announcedAddress: e.MEDIASOUP_ANNOUNCED_ADDRESS,
        rtcMinPort: e.RTC_MIN_PORT,
        rtcMaxPort: e.RTC_MAX_PORT,
        /** All WebRTC of worker n on RTC_PORT + n (UDP and TCP), instead of a port per transport from the range. */
        rtcPort: e.RTC_PORT,
        /** TURN for networks that let nothing but TCP/TLS 443 out, with time-limited credentials from the shared secret. */
        turn: e.TURN_URLS && e.TURN_SECRET ? { urls: e.TURN_URLS, secret: e.TURN_SECRET, ttlSeconds: Math.round(e.TURN_CREDENTIAL_TTL_HOURS * 3600) } : undefined,
        /** 'relay' makes every page use TURN even where a direct path exists. */
        iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
      },
      clientDistDir: e.CLIENT_DIST_DIR,
      /** Where the pages are, as people outside reach them: invited guests' links point there (else to the address a coordinator used). */
      publicUrl: e.PUBLIC_URL,
      /** Express "trust proxy" setting, when TLS ends at a reverse proxy. */
      trustProxy: e.TRUST_PROXY,
      /** What several instances share (Socket.IO's Redis adapter); unset: this instance alone. */
      redisUrl: e.REDIS_URL,
      /** The bearer token Prometheus sends to read /metrics; unset: /metrics answers 404. */
      metricsToken: e.METRICS_TOKEN,
      /** Open agreements due within this many days are reminded to their responsible centre (0: on the day), in the app and by email. */
      agreementNoticeDays: e.AGREEMENT_NOTICE_DAYS,
      /** Email notices; unset: none is ever queued or sent (the app still lists them). */
      mail:
        e.SMTP_URL && e.MAIL_FROM && e.PUBLIC_URL
          ? {
              smtpUrl: e.SMTP_URL,
              from: e.MAIL_FROM,
              /** Where the pages are, as the people written to reach them (links in the messages). */
              publicUrl: e.PUBLIC_URL,
              /** The first retry's wait; each later one waits twice the one before. */
              retryBaseMs: e.MAIL_RETRY_SECONDS * 1000,
              maxAttempts: e.MAIL_MAX_ATTEMPTS,
            }
          : undefined,
      /** Names this instance in what instances share (its heartbeat, the room connections it holds). */
      instanceId: e.INSTANCE_ID ?? `${hostname()}:${e.PORT}`,
    };
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment once; a bad variable stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
