import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';

/** The calendar file a message carries, parsed back by ical.js as a calendar program would. */
export function calendarOf(mail: ParsedMail) {
  const file = mail.attachments.find((attachment) => attachment.filename?.endsWith('.ics'));
  if (!file) throw new Error(`no .ics in "${mail.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) vevent.startDate.zone = new ICAL.Timezone(zone);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: vevent.uid,
    sequence: vevent.sequence,
    start: vevent.startDate.toJSDate().toISOString(),
    description: vevent.description,
  };
}
