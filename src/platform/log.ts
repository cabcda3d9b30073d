import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): Logger {
  return pino({ level: config.env === 'test' ? 'silent' : config.logLevel, base: undefined });
}
