import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { devActors, signToken } from '../auth/tokens';

// npm run token -- --sub alice --name Alice --departments sales,finance --roles staff
// npm run token            (prints the dev cast)

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    name: { type: 'string' },
    departments: { type: 'string', default: '' },
    roles: { type: 'string', default: 'staff' },
    days: { type: 'string', default: '7' },
  },
});

const config = loadConfig();
const ttl = Number(values.days) * 24 * 3600;
if (values.sub) {
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  console.log(
    signToken(
      config.AUTH_JWT_SECRET,
      {
        sub: values.sub,
        name: values.name ?? values.sub,
        departments: list(values.departments),
        roles: list(values.roles),
      },
      ttl,
    ),
  );
} else {
  for (const actor of devActors) {
    console.log(`# ${actor.name}: departments=${actor.departments.join(',') || '-'} roles=${actor.roles.join(',')}`);
    console.log(signToken(config.AUTH_JWT_SECRET, actor, ttl));
  }
}
