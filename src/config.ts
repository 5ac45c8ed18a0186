import { z } from 'zod';

/** The dev secret signs the tokens `npm run token` prints; production must set its own. */
export const DEV_JWT_SECRET = 'order-bpm-dev-secret-change-me-0123456789';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    /** Where embedded PGlite and the Temporal dev server keep their files when nothing external is configured. */
    DATA_DIR: z.string().min(1).default('.data'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'expected host:port')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('orders'),
    /** Ports of the dev server `npm start` runs when TEMPORAL_ADDRESS is unset: gRPC and Web UI. */
    TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_DEV_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    /** How long the API waits for the engine (an Update: for the order's worker) before answering 503. */
    ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    /** How often each API process starts the workflows of orders stored without one. */
    /** On SIGTERM the worker stops polling and lets running activities finish for this long. */
    WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    /** How often the worker copies the histories of ended orders into the audit archive. */
    ARCHIVE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    /** How long the dev server of `npm start` keeps closed workflows (its Web UI shows them meanwhile). */
    TEMPORAL_DEV_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Replays run at once (POST /orders/:orderNo/replay); more wait in a queue of REPLAY_QUEUE_LIMIT. */
    REPLAY_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    REPLAY_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(8),
    ORPHAN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    /** An identity provider's JWKS: its RS256 and ES256 tokens are accepted beside HS256 ones. */
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The `iss` the provider's tokens must carry; required with AUTH_JWKS_URL. */
    AUTH_ISSUER: z.string().min(1).optional(),
    /** The `aud` the provider's tokens must name; required with AUTH_JWKS_URL. */
    AUTH_AUDIENCE: z.string().min(1).optional(),
    /** How far a token's iat and nbf may lie in the future. */
    AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    POLICY_FILE: z.string().min(1).optional(),
    /** Requests one client address may send per window, before its token is read. */
    RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
    /** Requests one token holder may send per window. */
    RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Customer e-mail (progress reports, delivery notices); unset: e-mail is not a channel. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:port')
      .optional(),
    SMTP_FROM: z.string().min(3).default('orders@localhost'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
      if (env.AUTH_JWKS_URL && !env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when AUTH_JWKS_URL is set' });
    }
    if (env.NODE_ENV === 'production' && env.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_SECRET'],
        message: 'the documented dev default is refused when NODE_ENV=production',
      });
    }
  });

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
