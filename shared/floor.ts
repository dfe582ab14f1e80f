import { z } from 'zod';
import type { GuestKind } from './guests';
import type { AttachmentContentType } from './cases';
import { dicomWindowSchema, type DicomWindow } from './dicom';
import { objectIdSchema } from './ids';

/** Requests about who has the floor: hands, chat, agenda, the door and moderation. */
export const raiseHandRequestSchema = z.object({ raised: z.boolean() });
export const lowerHandRequestSchema = z.object({ peerId: z.string().min(1).max(64) });
export const chatSendRequestSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(2000, 'must have at most 2000 characters')
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters'),
});
export const agendaGoToRequestSchema = z.object({ itemId: z.uuid() });
export const lockRoomRequestSchema = z.object({ locked: z.boolean() });
export const admitRequestSchema = z.object({ userId: objectIdSchema });
export const stopMediaRequestSchema = z.object({ peerId: z.string().min(1).max(64), source: z.enum(['microphone', 'camera', 'screen']) });
export const removePeerRequestSchema = z.object({ peerId: z.string().min(1).max(64) });

export const viewerOpenRequestSchema = z.object({ caseId: objectIdSchema, attachmentId: objectIdSchema });
const scrollFraction = z.number().min(0).max(1);
export const viewerUpdateRequestSchema = z.object({
  page: z.number().int().min(1).max(100_000),
  zoom: z.number().int().min(25).max(400),
  /**
   * Scroll position as fractions of the scrollable range, so it means the same on every screen;
   * for a DICOM series, the point of the image (as fractions of its width and height) at the centre.
   */
  x: scrollFraction.default(0),
  y: scrollFraction.default(0),
  /** A DICOM series' window (level); its slice is `page`. */
  window: dicomWindowSchema.optional(),
});

/** The case file the presenter shows: every client loads it itself and follows page (or slice), zoom and window. */
export interface SharedViewer {
  caseId: string;
  attachmentId: string;
  filename: string;
  contentType: AttachmentContentType;
  page: number;
  zoom: number;
  x: number;
  y: number;
  /** A DICOM series' window; null until the presenter's viewer sets one (then the file's own applies). */
  window: DicomWindow | null;
  presenterPeerId: string;
}

export interface RaisedHand {
  peerId: string;
  displayName: string;
  raisedAt: string;
}

export interface ChatMessageDto {
  id: string;
  userId: string;
  displayName: string;
  centerId: string;
  text: string;
  at: string;
}

export interface WaitingPerson {
  userId: string;
  displayName: string;
  centerId: string;
  /** An invited guest always waits here until a coordinator admits them, locked room or not. */
  guest: { kind: GuestKind; affiliation: string } | null;
}

export interface AgendaPosition {
  itemId: string | null;
  startedAt: string | null;
}

/** How many of the chat's latest lines a page entering the room is shown (FloorState.chat). */
export const CHAT_HISTORY = 200;

/** The shared state of a room's floor, sent on entry and kept current by events. */
export interface FloorState {
  hands: RaisedHand[];
  /** The chat's latest CHAT_HISTORY lines, oldest first. */
  chat: ChatMessageDto[];
  agenda: AgendaPosition;
  locked: boolean;
  waiting: WaitingPerson[];
  activeSpeakerPeerId: string | null;
  viewer: SharedViewer | null;
}
