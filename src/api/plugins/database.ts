import fp from 'fastify-plugin';
import { openDatabase, type Database, type Db } from '../../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
  }
}

/** A database the caller opened and closes (shared with a worker in one process), or one to open here. */
export type DatabasePluginOptions = { database: Database } | { url?: string; dataDir?: string };

/** The projections' database on `app.db`; closed with the app when this plugin opened it. */
export default fp<DatabasePluginOptions>(
  async (app, opts) => {
    let database: Database;
    if ('database' in opts) {
      database = opts.database;
    } else {
      database = await openDatabase(opts);
      app.addHook('onClose', () => database.close());
    }
    app.decorate('database', database);
    app.decorate('db', database.db);
  },
  { name: 'database' },
);
