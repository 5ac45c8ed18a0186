// The task engine every workflow shares: see host.ts for what a workflow gives it.
export * from './types';
export * from './host';
export * from './engine';
export * from './messages';
export * from './guards';
export { registerTaskActions, type TaskActionOptions } from './actions';
export { projectionActivities } from './projection';
export { waitUntil } from './wait';
export { now, workingDaysAfter, hoursAfter } from './time';
