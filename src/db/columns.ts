import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored with its time zone; the API shows it in the policy's. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
