import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { devServerExecutable } from '../../../src/temporal/binaries';
import { Child, freePort, waitFor } from './processes';

// A Temporal dev server in a child process, keeping its state in a SQLite file so that it
// can be stopped and started again, or frozen with SIGSTOP, and come back with every order.

/** The dev server binary scripts/bootstrap.mjs found or built (`npm run test:faults` runs it first). */
function temporalCli(): string {
  const found = devServerExecutable();
  if (found.type !== 'existing-path') throw new Error('no Temporal CLI: run `node scripts/bootstrap.mjs dev-server`');
  return found.path;
}

export class TemporalServer {
  private child?: Child;
  port = 0;

  constructor(private readonly dir: string) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.child ??= new Child(
      'temporal',
      temporalCli(),
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--headless',
        '--db-filename',
        join(this.dir, 'temporal.sqlite'),
        '--namespace',
        'default',
        '--log-level',
        'error',
      ],
      join(this.dir, 'temporal.log'),
    );
    this.child.start();
    await waitFor(`the Temporal server on ${this.address}`, () => this.answers(), 60_000, 300);
  }

  /** Whether its frontend answers within a second. */
  async answers(): Promise<boolean> {
    const connection = await Connection.connect({ address: this.address, connectTimeout: 1_000 });
    try {
      await connection.withDeadline(Date.now() + 1_000, () => connection.workflowService.getSystemInfo({}));
      return true;
    } finally {
      await connection.close();
    }
  }

  /** A clean shutdown; its state stays in the SQLite file. */
  async stop(): Promise<void> {
    await this.child?.stop();
  }

  pause(): void {
    this.child?.pause();
  }

  resume(): void {
    this.child?.resume();
  }

  tail(): string {
    return this.child?.tail() ?? '';
  }
}
