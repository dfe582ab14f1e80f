import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex digits; anything else (objects, operators) is refused. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hexadecimal id');
