import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../src/config';

const strongSecret = 'a-production-secret-of-at-least-32-chars';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw`);
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      SMTP_FROM: 'orders@localhost',
      HOST: '127.0.0.1',
      DATA_DIR: '.data',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'orders',
      TEMPORAL_DEV_PORT: 7233,
      TEMPORAL_DEV_UI_PORT: 8233,
      ENGINE_TIMEOUT_MS: 5_000,
      ORPHAN_SWEEP_INTERVAL_MS: 30_000,
      WORKER_SHUTDOWN_GRACE_MS: 10_000,
      ARCHIVE_SWEEP_INTERVAL_MS: 60_000,
      TEMPORAL_DEV_RETENTION_DAYS: 30,
      REPLAY_CONCURRENCY: 1,
      REPLAY_QUEUE_LIMIT: 8,
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      AUTH_CLOCK_SKEW_SECONDS: 60,
      RATE_LIMIT_PER_IP: 1200,
      RATE_LIMIT_PER_TOKEN: 600,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      LOG_LEVEL: 'info',
    });
  });

  it('needs the issuer and audience with an identity provider', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/certs' })).toThrow(
      'invalid environment:\n  AUTH_ISSUER: required when AUTH_JWKS_URL is set\n  AUTH_AUDIENCE: required when AUTH_JWKS_URL is set',
    );
    const config = loadConfig({ AUTH_JWKS_URL: 'https://idp.example/certs', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'orders' });
    expect(config).toMatchObject({
      AUTH_JWKS_URL: 'https://idp.example/certs',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'orders',
    });
    expect(() => loadConfig({ AUTH_JWKS_URL: 'ftp://idp.example/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('reads and coerces given values', () => {
    const config = loadConfig({
      PORT: '8080',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'orders-prod',
      TEMPORAL_TASK_QUEUE: 'orders-v2',
      DATABASE_URL: 'postgres://app:pw@db:5432/orders',
      LOG_LEVEL: 'debug',
    });
    expect(config.PORT).toBe(8080);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal.internal:7233');
    expect(config.TEMPORAL_NAMESPACE).toBe('orders-prod');
    expect(config.TEMPORAL_TASK_QUEUE).toBe('orders-v2');
    expect(config.DATABASE_URL).toBe('postgres://app:pw@db:5432/orders');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).toEqual(loadConfig({}));
  });

  it('refuses a PORT that is not a number, naming it', () => {
    const err = configError({ PORT: 'abc' });
    expect(err.message).toMatch(/^invalid environment/);
    expect(err.message).toMatch(/PORT: /);
    expect(configError({ PORT: '70000' }).message).toContain('PORT');
    expect(configError({ PORT: '80.5' }).message).toContain('PORT');
  });

  it('refuses a TEMPORAL_ADDRESS without port, naming it', () => {
    expect(configError({ TEMPORAL_ADDRESS: 'localhost' }).message).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
    expect(configError({ TEMPORAL_ADDRESS: 'localhost:' }).message).toContain('TEMPORAL_ADDRESS');
    expect(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7233' }).TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });

  it('refuses other bad values, naming each variable', () => {
    expect(configError({ NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toContain('LOG_LEVEL');
    expect(configError({ DATABASE_URL: 'not a url' }).message).toContain('DATABASE_URL');
    const both = configError({ PORT: 'abc', LOG_LEVEL: 'loud' }).message;
    expect(both).toContain('PORT');
    expect(both).toContain('LOG_LEVEL');
  });

  it('refuses the dev JWT secret in production', () => {
    const err = configError({ NODE_ENV: 'production' });
    expect(err.message).toContain('AUTH_JWT_SECRET');
    expect(err.message).toContain('NODE_ENV=production');
    expect(configError({ NODE_ENV: 'production', AUTH_JWT_SECRET: DEV_JWT_SECRET }).message).toContain('AUTH_JWT_SECRET');
    // The dev secret is fine outside production.
    expect(loadConfig({ NODE_ENV: 'test' }).AUTH_JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('accepts a production secret of 32 characters or more', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: strongSecret }).AUTH_JWT_SECRET).toBe(strongSecret);
    const exactly32 = 'x'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: exactly32 }).AUTH_JWT_SECRET).toBe(exactly32);
  });

  it('refuses a short secret in any environment', () => {
    expect(configError({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(31) }).message).toMatch(
      /AUTH_JWT_SECRET: must be at least 32 characters/,
    );
    expect(configError({ AUTH_JWT_SECRET: 'short' }).message).toContain('AUTH_JWT_SECRET');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_TASK_QUEUE: '',
      AUTH_JWT_SECRET: '',
      LOG_LEVEL: '',
    });
    expect(config).toEqual(loadConfig({}));
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    // An empty secret falls back to the dev default, which production still refuses.
    expect(configError({ NODE_ENV: 'production', AUTH_JWT_SECRET: '' }).message).toContain('AUTH_JWT_SECRET');
  });
});
