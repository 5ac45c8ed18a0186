// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate has no UTF-8 encoding: a
// string with either can never be stored, so it is refused where it enters.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string can be stored and echoed as it is. */
export const isCleanText = (s: string): boolean => !unstorable.test(s);
