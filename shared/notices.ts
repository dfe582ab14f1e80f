import { z } from 'zod';
import { objectIdSchema } from './ids';

/** What a notice is about; each person may turn the email of each kind off. */
export const noticeKinds = ['session_invitation', 'session_change', 'guest_invitation', 'agreement_due', 'agreement_overdue', 'commitment_late'] as const;
export const noticeKindSchema = z.enum(noticeKinds);
export type NoticeKind = z.infer<typeof noticeKindSchema>;

/** The kinds of email a person does not want; the rest reach them. */
export const noticeSettingsSchema = z.object({
  emailOptOut: z
    .array(noticeKindSchema)
    .max(noticeKinds.length * 2)
    .transform((kinds) => [...new Set(kinds)]),
});

export interface NoticeSettingsDto {
  emailOptOut: NoticeKind[];
  /** Whether this server sends email at all (SMTP configured): without it the settings keep but nothing is sent. */
  emailSent: boolean;
}

/** What an in-app notice is about: links to the page where it is acted on, and the words it is said with. */
export interface InAppNoticeDto {
  id: string;
  kind: NoticeKind;
  /** The values its sentence is made of (the client says it in its own language by kind): session number and title, a due day, a case's code… */
  params: Record<string, string | number>;
  /** Where in the app it is acted on: "/sesiones/…", "/acuerdos", "/casos/…". */
  link: string;
  at: string;
  readAt: string | null;
}

export const noticeListQuerySchema = z.object({
  unread: z.enum(['1']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Marks the listed notices read, or every notice when `all`. */
export const markNoticesReadSchema = z.union([z.object({ ids: z.array(objectIdSchema).min(1).max(100) }), z.object({ all: z.literal(true) })]);
