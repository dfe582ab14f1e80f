import nodemailer from 'nodemailer';
import type { MessageContent } from './messages';

export interface OutgoingMail extends MessageContent {
  to: string;
}

/** Hands one message to the mail server; resolves once the server took it, rejects with why not. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The sender's name and address, from MAIL_FROM ("OncoBoard <avisos@…>" or a bare address). */
export function senderOf(from: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'OncoBoard', email: match[2]! } : { name: 'OncoBoard', email: from.trim() };
}

/** A mailer over SMTP (nodemailer), from SMTP_URL: smtps:// is TLS from the start, smtp:// upgrades with STARTTLS when offered. */
export function smtpMailer(settings: { smtpUrl: string; from: string }): Mailer {
  // Short waits: a mail server that does not answer is a failed attempt, retried later, not a stuck sender.
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Both an alternative part with its METHOD (what calendar programs act on) and an .ics attachment.
        ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: 'sesion.ics', content: mail.calendar.content } } : {}),
      });
    },
    close: () => transport.close(),
  };
}
