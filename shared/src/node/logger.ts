import { pino, type Logger } from 'pino';

export type TLogger = Logger;

/** Structured logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(options: { name: string; level?: string }): TLogger {
  return pino({
    name: options.name,
    level: options.level ?? 'info',
    redact: {
      paths: [
        '*.password',
        '*.accessToken',
        '*.refreshToken',
        '*.credentials',
        '*.authorization',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
      ],
      censor: '[redacted]',
    },
  });
}
