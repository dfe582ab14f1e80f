import { randomInt } from 'node:crypto';
import { CERTIFICATE_CODE_ALPHABET, type CertificateVerificationDto, type MyCertificateDto } from '../../shared/attendance';
import { certifies, certifyingKinds, heldStatuses, isHeld } from '../../shared/sessions';
import type { Models } from '../db/models';
import type { Certificate } from '../db/models/certificate';
import { authorize, type Actor } from './actor';
import type { AttendanceService } from './attendanceService';
import type { AuditLog } from './auditLog';
import { isDuplicateKey } from '../db/failures';
import { idOf } from './documents';
import { conflictBecause, notFound } from './errors';
import type { SessionDoc, SessionService } from './sessionService';

/** What a certificate PDF says. */
export interface CertificateForExport {
  code: string;
  name: string;
  centerName: string;
  minutesPresent: number;
  issuedAt: Date;
  session: Pick<SessionDoc, 'number' | 'title' | 'kind' | 'startsAt' | 'timeZone' | 'durationMinutes'>;
}

function newCode(): string {
  const group = () => Array.from({ length: 4 }, () => CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/**
 * Certificates (constancias) for those credited at a training or keynote, issued once per person
 * and session, and checked by anyone through their code.
 */
export class CertificateService {
  constructor(
    private readonly models: Pick<Models, 'certificates' | 'sessions' | 'centers'>,
    private readonly sessions: SessionService,
    private readonly attendance: AttendanceService,
    private readonly audit: AuditLog,
  ) {}

  /** The holder's certificate, issued on first request; only the holder or a coordinator asks. */
  async issue(actor: Actor, sessionId: string, userId: string): Promise<CertificateForExport> {
    if (actor.id !== userId) authorize(actor, 'certificates.issueAny');
    const session = await this.sessions.visible(actor, sessionId);
    if (!certifies(session)) throw conflictBecause('not_certifying', 'only trainings and keynote conferences give certificates');
    if (!isHeld(session)) throw conflictBecause('not_ended', 'certificates are issued once the session has ended');
    const row = await this.attendance.rowFor(session, userId);
    if (row?.guest) throw conflictBecause('not_certifying', 'an invited guest receives no certificate');
    if (!row?.credited) throw conflictBecause('not_credited', 'this attendance does not reach the session’s threshold for a certificate');

    const holderKey = `${sessionId}:${userId}`;
    let certificate = await this.models.certificates.findOne({ holderKey }).lean<Certificate>();
    if (!certificate) {
      const center = await this.models.centers.findById(row.centerId, { name: 1 }).lean();
      try {
        certificate = (
          await this.models.certificates.create({
            code: newCode(),
            holderKey,
            sessionId,
            userId,
            name: row.name,
            centerName: center?.name ?? '',
            minutesPresent: row.minutesPresent,
          })
        ).toObject();
        await this.audit.record(actor, 'issue', 'certificate', certificate.code, `constancia de ${row.name}, sesión ${session.number}`, { sessionId, userId });
      } catch (error) {
        // Someone asked at the same moment and was first: theirs is the certificate.
        if (!isDuplicateKey(error)) throw error;
        certificate = await this.models.certificates.findOne({ holderKey }).lean<Certificate>();
      }
    }
    if (!certificate || certificate.revokedAt) throw conflictBecause('revoked', 'this certificate was revoked');
    const { code, name, centerName, minutesPresent, issuedAt } = certificate;
    return { code, name, centerName, minutesPresent, issuedAt, session };
  }

  /** What the public verification page may say about a code: whose, for which session; nothing else. */
  async verify(code: string): Promise<CertificateVerificationDto> {
    const certificate = await this.models.certificates.findOne({ code }).lean<Certificate>();
    const session = certificate && (await this.models.sessions.findById(certificate.sessionId).lean<SessionDoc>());
    if (!certificate || !session || !certifies(session)) throw notFound('certificate');
    return {
      code,
      name: certificate.name,
      sessionNumber: session.number,
      sessionTitle: session.title,
      sessionKind: session.kind as CertificateVerificationDto['sessionKind'],
      sessionDate: session.startsAt.toISOString(),
      issuedAt: certificate.issuedAt.toISOString(),
      revoked: Boolean(certificate.revokedAt),
    };
  }

  /** The certifying sessions where this person is credited, newest first: their list of certificates to download. */
  async mine(actor: Actor): Promise<MyCertificateDto[]> {
    const sessions = await this.models.sessions
      .find({ kind: { $in: certifyingKinds }, status: { $in: heldStatuses } })
      .sort({ startsAt: -1 })
      .lean<SessionDoc[]>();
    const rows = await this.attendance.rowsOf(sessions);
    return sessions.flatMap((session) => {
      const row = rows.get(idOf(session._id))?.find((candidate) => candidate.userId === actor.id && candidate.credited);
      return row
        ? [
            {
              sessionId: idOf(session._id),
              number: session.number,
              title: session.title,
              kind: session.kind as MyCertificateDto['kind'],
              startsAt: session.startsAt.toISOString(),
              minutesPresent: row.minutesPresent,
              code: row.certificateCode,
            },
          ]
        : [];
    });
  }
}
