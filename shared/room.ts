import { z } from 'zod';

/** Room names end up in URLs and logs: a short slug, no spaces. */
export const roomNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, 'must be 3 to 64 letters, digits, "-" or "_", starting with a letter or digit');

/** A person's name as shown under their video: printable text only. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[^\p{C}]+$/u, 'must not contain control characters');

export const peerIdSchema = z.string().min(1).max(64);

export const joinRoomRequestSchema = z.object({
  roomName: roomNameSchema,
  displayName: displayNameSchema,
});
export type JoinRoomRequest = z.infer<typeof joinRoomRequestSchema>;

export const emptyRequestSchema = z.object({}).strict();
