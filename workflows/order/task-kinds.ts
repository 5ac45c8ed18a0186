import type { z } from 'zod';
import type { TaskForms } from '../../src/forms/task-forms';

// Task kinds, their outcomes and the data each outcome carries, derived from the forms the
// API publishes; a renamed form field fails the type check where the workflow reads it.

export type TaskKind = keyof TaskForms;
export type Outcome<K extends TaskKind> = K extends TaskKind ? Extract<keyof TaskForms[K], string> : never;
export type FormData<K extends TaskKind, O> = O extends keyof TaskForms[K]
  ? TaskForms[K][O] extends z.ZodType
    ? z.output<TaskForms[K][O]>
    : never
  : never;
