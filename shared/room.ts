import { z } from 'zod';
import { objectIdSchema } from './ids';

/** The live room of a session is entered by the session's id; who enters is the signed-in account. */
export const joinRoomRequestSchema = z.object({ sessionId: objectIdSchema });
export type JoinRoomRequest = z.infer<typeof joinRoomRequestSchema>;

export const emptyRequestSchema = z.object({}).strict();

/** Minutes before the start when invited participants may enter; coordinators may enter earlier. */
export const ROOM_OPENS_MINUTES_BEFORE = 30;
