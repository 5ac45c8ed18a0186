// The signed-in person: the bearer token and the claims it carries. The claims only shape
// the page (which links to show); the API checks the token on every request.

export interface Claims {
  sub: string;
  name: string;
  departments: string[];
  roles: string[];
  exp?: number;
}

const storageKey = 'order-bpm.token';

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
/** The browser's localStorage; absent where the page's logic runs without a browser (tests). */
const storage = (): KeyValueStore | undefined => (globalThis as { localStorage?: KeyValueStore }).localStorage;

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, or undefined when it is not one (the signature is the API's business). */
export function claimsOf(token: string): Claims | undefined {
  const segments = token.trim().split('.');
  if (segments.length !== 3) return undefined;
  try {
    const c = decodeSegment(segments[1]) as Partial<Claims>;
    if (typeof c.sub !== 'string' || typeof c.name !== 'string') return undefined;
    return {
      sub: c.sub,
      name: c.name,
      departments: Array.isArray(c.departments) ? c.departments : [],
      roles: Array.isArray(c.roles) ? c.roles : [],
      exp: typeof c.exp === 'number' ? c.exp : undefined,
    };
  } catch {
    return undefined;
  }
}

export const isReader = (c: Claims): boolean => c.roles.includes('auditor') || c.roles.includes('admin');
export const isHead = (c: Claims): boolean => c.roles.includes('head');

export function storedToken(): string | undefined {
  const token = storage()?.getItem(storageKey) ?? undefined;
  const claims = token ? claimsOf(token) : undefined;
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) return undefined;
  return token;
}

export function storeToken(token: string | undefined): void {
  if (token) storage()?.setItem(storageKey, token);
  else storage()?.removeItem(storageKey);
}
