import { allows } from '../../../workflows/access';
import type { Actor } from '../../../workflows/order/types';

// What an actor may not see is taken out of an answer here, by the rules of
// workflows/access.ts: customer contact details, and other departments' task data.

/** Contact details in an order (or a revision of one): top-level fields, and fields of its customer. */
const contactFields = ['deliveryAddress', 'callbackUrl', 'email', 'phone', 'contact'];
const customerContactFields = ['email', 'phone', 'address', 'contact', 'contactName'];

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const seesContact = (actor: Actor): boolean => allows(actor, 'readCustomerContact');

export const seesTaskData = (actor: Actor, department: string): boolean => allows(actor, 'readTaskData', { department });

/** The order (or revision) without the customer's contact details, unless the actor may see them. */
export function orderDataFor(actor: Actor, data: Record<string, unknown>): Record<string, unknown> {
  if (seesContact(actor)) return data;
  const out = Object.fromEntries(Object.entries(data).filter(([k]) => !contactFields.includes(k)));
  if (isRecord(data.customer)) {
    out.customer = Object.fromEntries(Object.entries(data.customer).filter(([k]) => !customerContactFields.includes(k)));
  }
  return out;
}

/** Whether a field path of an order (as a version diff names it) holds contact details. */
export function isContactField(field: string): boolean {
  const [head, sub] = field.split('.');
  return contactFields.includes(head) || (head === 'customer' && sub !== undefined && customerContactFields.includes(sub));
}
