import type postgres from 'postgres';

// Each activity of the bare twin does exactly one PostgreSQL write, idempotent as the
// service's are.

export const createBareActivities = (sql: postgres.Sql) => ({
  async openTask(orderNo: string, taskId: string): Promise<void> {
    await sql`insert into bare_tasks (id, order_no, status) values (${taskId}, ${orderNo}, 'OPEN') on conflict (id) do nothing`;
  },
  async closeTask(taskId: string): Promise<void> {
    await sql`update bare_tasks set status = 'COMPLETED', completed_at = now() where id = ${taskId}`;
  },
  async recordStep(orderNo: string, step: string): Promise<void> {
    await sql`update bare_orders set step = ${step}, updated_at = now() where order_no = ${orderNo}`;
  },
});

export type BareActivities = ReturnType<typeof createBareActivities>;

export async function createBareTables(sql: postgres.Sql): Promise<void> {
  await sql`create table if not exists bare_orders (
    order_no text primary key, status text not null, step text, created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`;
  await sql`create table if not exists bare_tasks (
    id text primary key, order_no text not null, status text not null, completed_at timestamptz)`;
  await sql`create index if not exists bare_tasks_order_idx on bare_tasks (order_no, status)`;
}
