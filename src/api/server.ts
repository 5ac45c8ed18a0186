import type { Config } from '../config';
import type { Database } from '../db/client';
import type { PolicySnapshot } from '../../workflows/policy';
import type { AppDeps } from './app';

/** The app's dependencies as the environment configures them. */
export function appDepsFromConfig(config: Config, database: Database, temporalAddress: string, policy: PolicySnapshot): AppDeps {
  const { AUTH_JWKS_URL: url, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience } = config;
  return {
    database,
    temporal: { address: temporalAddress, namespace: config.TEMPORAL_NAMESPACE },
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy,
    jwtSecret: config.AUTH_JWT_SECRET,
    jwks: url && issuer && audience ? { url, issuer, audience } : undefined,
    clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
    replay: { concurrency: config.REPLAY_CONCURRENCY, queueLimit: config.REPLAY_QUEUE_LIMIT },
    rateLimit: {
      perIp: config.RATE_LIMIT_PER_IP,
      perToken: config.RATE_LIMIT_PER_TOKEN,
      windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
  };
}
