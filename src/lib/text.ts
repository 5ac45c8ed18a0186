import { z } from 'zod';

/** Required text: trimmed, not empty, at most `max` characters. */
export const text = (max = 2000) => z.string().trim().min(1).max(max);
