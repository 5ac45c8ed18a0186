import { fields } from './en/fields';
import { terms } from './en/terms';
import { ui } from './en/ui';

// English. The keys mirror the Chinese exactly; a unit test checks that neither language lacks one.

export const en = { ...ui, ...terms, field: fields.field };
