import type { Db } from '../src/db/client';
import { createOrderActivities } from './orders';
import { createTaskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
}

export const createActivities = (deps: ActivityDeps) => ({
  ...createTaskActivities(deps.db),
  ...createOrderActivities(deps.db),
});

export type OrderActivities = ReturnType<typeof createActivities>;
