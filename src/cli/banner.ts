import { devActors, signToken } from '../auth/tokens';
import { DEV_JWT_SECRET, type Config } from '../config';

/** What `npm start` prints once the API listens: where everything is, and dev tokens with the dev secret. */
export function startBanner(config: Config, temporalAddress: string, policyVersion: string): string {
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const lines = [
    '',
    `Order BPM is running (policy ${policyVersion})`,
    `  Web          ${base}/`,
    `  API          ${base}`,
    `  API docs     ${base}/docs`,
    ...(config.TEMPORAL_ADDRESS ? [] : [`  Temporal UI  http://127.0.0.1:${config.TEMPORAL_DEV_UI_PORT}`]),
    `  Temporal     ${temporalAddress}`,
  ];
  if (config.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    lines.push('', 'Dev tokens (Authorization: Bearer <token>; more with `npm run token`):');
    for (const actor of devActors) lines.push(`  ${actor.name.padEnd(24)} ${signToken(config.AUTH_JWT_SECRET, actor)}`);
  }
  return lines.join('\n');
}
