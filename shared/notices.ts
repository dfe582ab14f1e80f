import { z } from 'zod';

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
