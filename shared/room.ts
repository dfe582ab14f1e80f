import { z } from 'zod';
import { objectIdSchema } from './ids';
import { rtpCapabilitiesSchema } from './media';

/**
 * The live room of a session is entered by the session's id; who enters is the signed-in account.
 * A page whose media device is ready says what it can receive (and whether it sends), and the
 * answer brings its transports and what it receives already made: on a 200 ms round trip each
 * request saved is heard.
 */
export const joinRoomRequestSchema = z.object({
  sessionId: objectIdSchema,
  media: z.object({ rtpCapabilities: rtpCapabilitiesSchema, send: z.boolean() }).optional(),
});
export type JoinRoomRequest = z.infer<typeof joinRoomRequestSchema>;

export const emptyRequestSchema = z.object({}).strict();

/** A page whose link dropped takes its peer back with the secret the join gave it. */
export const resumeRoomRequestSchema = z.object({
  sessionId: objectIdSchema,
  peerId: z.uuid(),
  resumeToken: z.string().regex(/^[\w-]{43}$/, 'must be the token the join gave'),
});
export type ResumeRoomRequest = z.infer<typeof resumeRoomRequestSchema>;

/** Minutes before the start when invited participants may enter; coordinators may enter earlier. */
export const ROOM_OPENS_MINUTES_BEFORE = 30;
