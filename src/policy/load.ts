import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { PolicySnapshot } from '../../workflows/policy';
import { canonicalJson } from '../lib/canonical-json';
import { policySchema, type Policy } from './schema';
import { prcCalendarData } from './calendar-data';

export class PolicyError extends Error {}

/**
 * The defaults of DESIGN §6, overridden by the given object, with the shipped PRC
 * calendar unless the override brings its own. The version is a hash of the result, so
 * an order's pinned snapshot shows exactly which rules governed it.
 */
export function buildPolicy(override: unknown = {}): PolicySnapshot {
  const input = override ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new PolicyError('invalid policy: expected an object of policy settings');
  const parsed = policySchema.safeParse({ calendar: prcCalendarData(), ...(input as Record<string, unknown>) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(policy)'}: ${i.message}`);
    throw new PolicyError(`invalid policy:\n${lines.join('\n')}`);
  }
  const policy: Policy = parsed.data;
  const version = createHash('sha256').update(canonicalJson(policy)!).digest('hex').slice(0, 16);
  return { version, policy };
}

export function loadPolicy(file?: string): PolicySnapshot {
  if (!file) return buildPolicy();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyError(`POLICY_FILE: cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new PolicyError(`POLICY_FILE: ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
  try {
    return buildPolicy(data);
  } catch (err) {
    throw new PolicyError(`POLICY_FILE ${file}: ${(err as Error).message}`);
  }
}
