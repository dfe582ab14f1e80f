/** REQUEST adds or updates the event in the recipient's calendar; CANCEL removes it. */
export const calendarMethods = ['REQUEST', 'CANCEL'] as const;

/** An event as a calendar program receives it by email (iTIP over iCalendar, RFC 5545 and 5546). */
export interface CalendarEvent {
  method: (typeof calendarMethods)[number];
  /** The same for every message about one event, so a later one updates the earlier. */
  uid: string;
  /** Rises with every change: a calendar keeps the highest it has seen. */
  sequence: number;
  start: Date;
  durationMinutes: number;
  timeZone: string;
  summary: string;
  description: string;
  /** The page to open; none in a guest's update, whose personal link only their invitation holds. */
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** When the file was written. */
  stamp: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** TEXT values: backslash, semicolon and comma escaped, every line break as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (a name in CN=…): quoted when it holds : ; or , (double quotes cannot be written at all). */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Splits a content line into lines of at most 75 octets, each after the first starting with a
 * space; UTF-8 characters are never cut (an accented letter takes two octets).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

const utcStamp = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function offsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/** The wall-clock reading of an instant in a zone, as iCalendar writes a local time (20261208T100000). */
function localStamp(instant: Date, timeZone: string): string {
  return utcStamp(new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000)).slice(0, -1);
}

/**
 * The zone's offset for the whole year of the event, when it keeps one (Mexico City since 2022,
 * Cancún, Hermosillo); undefined for a zone with daylight saving (Tijuana), whose times are then
 * written in UTC, which every calendar program reads the same.
 */
function steadyOffset(instant: Date, timeZone: string): number | undefined {
  const year = instant.getUTCFullYear();
  const offsets = [0, 3, 6, 9].map((month) => offsetMinutes(new Date(Date.UTC(year, month, 15)), timeZone));
  return offsets.every((offset) => offset === offsets[0]) ? offsets[0] : undefined;
}

/** The text of an .ics file holding one event, lines folded and ended with CRLF. */
export function calendarFile(event: CalendarEvent): string {
  const end = new Date(event.start.getTime() + event.durationMinutes * 60_000);
  const offset = steadyOffset(event.start, event.timeZone);
  const when = (name: string, instant: Date) => (offset === undefined ? `${name}:${utcStamp(instant)}` : `${name};TZID=${event.timeZone}:${localStamp(instant, event.timeZone)}`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OncoBoard//Avisos//ES',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...(offset === undefined
      ? []
      : [
          'BEGIN:VTIMEZONE',
          `TZID:${event.timeZone}`,
          'BEGIN:STANDARD',
          'DTSTART:19700101T000000',
          `TZOFFSETFROM:${offsetText(offset)}`,
          `TZOFFSETTO:${offsetText(offset)}`,
          'END:STANDARD',
          'END:VTIMEZONE',
        ]),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    when('DTSTART', event.start),
    when('DTEND', end),
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `LOCATION:${escapeText(event.url ?? 'OncoBoard')}`,
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${paramValue(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${event.attendee.email}`,
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
