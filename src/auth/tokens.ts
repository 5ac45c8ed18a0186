import { createSigner } from 'fast-jwt';
import type { Actor } from '../../workflows/order/types';

export function signToken(secret: string, actor: Actor, expiresInSeconds = 7 * 24 * 3600): string {
  return createSigner({ key: secret, algorithm: 'HS256', expiresIn: expiresInSeconds * 1000 })({ ...actor });
}

/** A cast for trying the service: one person per role, and a reviewer in every reviewing department. */
export const devActors: Actor[] = [
  { sub: 'sally', name: 'Sally (sales)', departments: ['sales'], roles: ['staff'] },
  { sub: 'hank', name: 'Hank (sales head)', departments: ['sales'], roles: ['head'] },
  {
    sub: 'rita',
    name: 'Rita (reviewer)',
    departments: ['production', 'procurement', 'engineering', 'quality', 'finance', 'rnd', 'equipment'],
    roles: ['staff'],
  },
  { sub: 'paul', name: 'Paul (production head)', departments: ['production'], roles: ['head'] },
  { sub: 'mona', name: 'Mona (management)', departments: ['management'], roles: ['head'] },
  { sub: 'ada', name: 'Ada (auditor)', departments: ['audit'], roles: ['auditor'] },
  { sub: 'root', name: 'Root (admin)', departments: [], roles: ['admin'] },
];
