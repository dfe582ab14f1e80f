import { canEverywhere } from '../../shared/permissions';
import type { DateRangeQuery } from '../../shared/attendance';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import type { Models } from '../db/models';
import { authorize, type Actor } from './actor';
import type { AttendanceRow, AttendanceService } from './attendanceService';
import { toCsv, type CsvFile } from './csv';
import { idOf } from './documents';
import { heldSessionsIn } from './heldSessions';
import type { SessionService } from './sessionService';
import { GUEST_KIND_LABEL, SESSION_KIND_LABEL } from './spanishLabels';

/** "2026-11-23 10:05": sortable in a spreadsheet, on the session's clock. */
const wallTime = (iso: string | null, timeZone: string) => (iso ? utcToZonedWallTime(new Date(iso), timeZone).replace('T', ' ') : null);
const yesNo = (value: boolean) => (value ? 'Sí' : 'No');

/** Attendance as CSV: one session's ledger, or a centre's people over a date range. */
export class AttendanceExport {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'centers'>,
    private readonly sessions: SessionService,
    private readonly attendance: AttendanceService,
  ) {}

  async session(actor: Actor, sessionId: string): Promise<CsvFile> {
    const session = await this.sessions.visible(actor, sessionId);
    const rows = ((await this.attendance.rowsOf([session])).get(sessionId) ?? []).filter((row) => this.attendance.mayRead(actor, row));
    const centerName = await this.centerNames();
    const csv = toCsv(
      [
        'Nombre',
        'Centro',
        'Primera entrada',
        'Última salida',
        'Minutos calculados',
        'Minutos presente',
        '% de la sesión',
        'Acreditado',
        'Motivo de corrección',
        'Corrigió',
        'Código de constancia',
      ],
      rows.map((row) => [
        row.name,
        centerName(row),
        wallTime(row.firstJoinAt, session.timeZone),
        wallTime(row.lastLeaveAt, session.timeZone),
        row.computedMinutes,
        row.minutesPresent,
        row.percentOfSession,
        yesNo(row.credited),
        row.correction?.reason ?? null,
        row.correction?.byName ?? null,
        row.certificateCode,
      ]),
    );
    return { filename: `Asistencia sesión ${session.number}.csv`, csv };
  }

  /** Coordinators export any centre or all; others their own centre only. */
  async range(actor: Actor, range: DateRangeQuery): Promise<CsvFile> {
    if (range.centerId) authorize(actor, 'attendance.read', range.centerId);
    // Whoever may not read every centre exports their own.
    const scope: DateRangeQuery = range.centerId || canEverywhere(actor, 'attendance.read') ? range : { ...range, centerId: actor.centerId };
    const sessions = await heldSessionsIn(this.models.sessions, scope);
    const attendance = await this.attendance.rowsOf(sessions);
    const centerName = await this.centerNames();
    const belongs = (row: AttendanceRow) => (!scope.centerId || row.centerId === scope.centerId) && this.attendance.mayRead(actor, row);
    const csv = toCsv(
      ['Sesión', 'Fecha', 'Tipo', 'Título', 'Nombre', 'Centro', 'Minutos presente', '% de la sesión', 'Acreditado'],
      sessions.flatMap((session) =>
        (attendance.get(idOf(session._id)) ?? [])
          .filter(belongs)
          .map((row) => [
            session.number,
            wallTime(session.startsAt.toISOString(), DEFAULT_TIME_ZONE),
            SESSION_KIND_LABEL[session.kind],
            session.title,
            row.name,
            centerName(row),
            row.minutesPresent,
            row.percentOfSession,
            yesNo(row.credited),
          ]),
      ),
    );
    const who = scope.centerId ? ` ${centerName({ centerId: scope.centerId, guest: null })}` : '';
    return { filename: `Asistencia${who} ${range.from} a ${range.to}.csv`, csv };
  }

  /** Where a row's person comes from: their centre, or "Invitado (familiar)" for an invited guest. */
  private async centerNames(): Promise<(row: Pick<AttendanceRow, 'centerId' | 'guest'>) => string> {
    const names = new Map((await this.models.centers.find({}, { name: 1 }).lean()).map((center) => [idOf(center._id), center.name]));
    return (row) => (row.guest ? `Invitado (${GUEST_KIND_LABEL[row.guest.kind]})` : (names.get(row.centerId) ?? row.centerId));
  }
}
