import { fields } from './zh/fields';
import { terms } from './zh/terms';
import { ui } from './zh/ui';

// 简体中文: the default language. Its shape is the type every other language must fill.

export const zh = { ...ui, ...terms, field: fields.field };

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<{ ui: typeof ui; terms: typeof terms; fields: typeof fields }>;
