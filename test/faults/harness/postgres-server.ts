import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort, waitFor } from './processes';

// A private PostgreSQL cluster in a temporary folder, on its own port, that a test can stop
// and start again without touching the shared server. initdb refuses to run as root, so as
// root the cluster belongs to the postgres user.

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (set PG_BIN)');
  return join(base, newest, 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): void {
  const bin = join(binDir(), command);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe', cwd: '/' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

export class PostgresServer {
  port = 0;
  private readonly data: string;

  constructor(private readonly dir: string) {
    this.data = join(dir, 'pgdata');
  }

  /** The URL of the `orders` database on this cluster. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/orders`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
    }
    run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await this.start();
    const admin = postgres(`postgres://postgres@127.0.0.1:${this.port}/postgres`, { max: 1, onnotice: () => {} });
    await admin`create database orders`;
    await admin.end();
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`;
    run('pg_ctl', ['start', '-w', '-D', this.data, '-l', join(this.dir, 'postgres.log'), '-o', options]);
    await waitFor('PostgreSQL to accept connections', async () => {
      const sql = postgres(`postgres://postgres@127.0.0.1:${this.port}/postgres`, { max: 1, connect_timeout: 2, onnotice: () => {} });
      try {
        await sql`select 1`;
        return true;
      } finally {
        await sql.end();
      }
    });
  }

  /** Fast shutdown: open connections are ended, as when the server is stopped for maintenance. */
  stop(): void {
    run('pg_ctl', ['stop', '-w', '-D', this.data, '-m', 'fast']);
  }

  /** Stops it for good; the folder is removed with the test's temporary folder. */
  destroy(): void {
    try {
      run('pg_ctl', ['stop', '-w', '-D', this.data, '-m', 'immediate']);
    } catch {
      // already stopped
    }
  }
}
