import { z } from 'zod';

/** A time in a record: an ISO 8601 string with its offset (the store writes UTC, `…Z`). */
export const isoTime = z.string().datetime({ offset: true });
