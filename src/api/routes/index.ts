import type { FastifyPluginAsync } from 'fastify';
import calendar from './calendar/routes';
import changes from './changes/routes';
import complaints from './complaints/routes';
import exceptions from './exceptions/routes';
import finance from './finance/routes';
import history from './history/routes';
import inspections from './inspections/routes';
import issues from './issues/routes';
import kpis from './kpis/routes';
import notifications from './notifications/routes';
import orders from './orders/routes';
import repair from './repair/routes';
import reports from './reports/routes';
import risks from './risks/routes';
import spareParts from './spare-parts/routes';
import tasks from './tasks/routes';
import tickets from './tickets/routes';
import tracking from './tracking/routes';

/** Every resource's routes; each module holds its routes, and beside them its queries and views. */
const routes: FastifyPluginAsync = async (app) => {
  for (const resource of [
    orders,
    history,
    tasks,
    changes,
    reports,
    exceptions,
    tracking,
    risks,
    notifications,
    kpis,
    spareParts,
    calendar,
    repair,
    inspections,
    issues,
    complaints,
    tickets,
    finance,
  ]) {
    await app.register(resource);
  }
};

export default routes;
