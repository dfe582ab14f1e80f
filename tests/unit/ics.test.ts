import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFile, escapeText, foldLine, type CalendarEvent } from '../../server/notices/ics';

const event: CalendarEvent = {
  method: 'REQUEST',
  uid: 'sesion-abc@oncoboard.example.mx',
  sequence: 3,
  start: new Date('2026-12-08T16:00:00Z'),
  durationMinutes: 90,
  timeZone: 'America/Mexico_City',
  summary: 'Revisión de casos clínicos: Tumores sólidos; leucemias, linfomas',
  description: 'Su centro está invitado.\nCentro sede: Hospital Infantil de Mérida',
  url: 'https://oncoboard.example.mx/sesiones/abc',
  organizer: { name: 'OncoBoard', email: 'avisos@oncoboard.example.mx' },
  attendee: { name: 'Dra. Pérez, Ana', email: 'ana@prueba.mx' },
  stamp: new Date('2026-12-01T10:00:00Z'),
};

/** The lines of a file as written, before unfolding. */
const physicalLines = (text: string) => text.split('\r\n').filter(Boolean);

describe('iCalendar files for session notices', () => {
  it('folds lines at 75 octets, counting an accented letter as two, without cutting one', () => {
    const line = `DESCRIPTION:${'á'.repeat(60)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBe(2);
    for (const physical of lines) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    // 12 octets of name, then 31 two-octet letters fill 74: the 32nd would pass 75.
    expect(lines[0]).toBe(`DESCRIPTION:${'á'.repeat(31)}`);
    expect(lines[1]).toBe(` ${'á'.repeat(29)}`);
    expect(lines.map((physical, index) => (index ? physical.slice(1) : physical)).join('')).toBe(line);
    expect(foldLine('SUMMARY:corto')).toBe('SUMMARY:corto');
  });

  it('escapes commas, semicolons, backslashes and line breaks in text', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('gives a file whose every line fits, ending with CRLF, that a parser reads back to the same event', () => {
    const text = calendarFile({ ...event, description: `${'Descripción larga del orden del día con acentos. '.repeat(6)}\nFin` });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(vevent.summary).toBe(event.summary);
    expect(vevent.description).toBe(`${'Descripción larga del orden del día con acentos. '.repeat(6)}\nFin`);
    expect(vevent.uid).toBe(event.uid);
    expect(vevent.sequence).toBe(3);
    expect(vevent.attendees[0]!.getParameter('cn')).toBe('Dra. Pérez, Ana');
  });

  it('writes a Mexico City session in its own time zone, with the zone defined, at the right instant', () => {
    const text = calendarFile(event);
    expect(text).toContain('DTSTART;TZID=America/Mexico_City:20261208T100000\r\n');
    expect(text).toContain('DTEND;TZID=America/Mexico_City:20261208T113000\r\n');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/Mexico_City\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0600\r\n/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    vevent.startDate.zone = zone;
    vevent.endDate.zone = zone;
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2026-12-08T17:30:00.000Z');
  });

  it('writes times in UTC for a zone with daylight saving (Tijuana), so no program misreads them', () => {
    const text = calendarFile({ ...event, timeZone: 'America/Tijuana', start: new Date('2026-07-01T17:00:00Z') });
    expect(text).not.toContain('VTIMEZONE');
    expect(text).toContain('DTSTART:20260701T170000Z\r\n');
    expect(text).toContain('DTEND:20260701T183000Z\r\n');
  });

  it('cancels with METHOD:CANCEL and a cancelled event', () => {
    const text = calendarFile({ ...event, method: 'CANCEL', sequence: 4 });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
