import { pino, stdTimeFunctions } from 'pino';

/** The levels LOG_LEVEL may name (checked with the rest of the configuration in config.ts). */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof logLevels)[number];

const fromEnvironment = process.env.LOG_LEVEL as Level | undefined;
const level: Level = fromEnvironment && logLevels.includes(fromEnvironment) ? fromEnvironment : process.env.NODE_ENV === 'test' ? 'warn' : 'info';

/** One-line JSON logs (pino): easy to grep here, easy to ship to a collector in production. */
export const logger = pino({
  level,
  base: undefined,
  messageKey: 'message',
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

type Fields = Record<string, unknown>;
export const log = {
  debug: (message: string, fields: Fields = {}) => logger.debug(fields, message),
  info: (message: string, fields: Fields = {}) => logger.info(fields, message),
  warn: (message: string, fields: Fields = {}) => logger.warn(fields, message),
  error: (message: string, fields: Fields = {}) => logger.error(fields, message),
};

export function errorFields(error: unknown): Fields {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}
