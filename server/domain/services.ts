import type { Database } from '../db/database';
import { FileStore } from '../db/fileStore';
import { AgreementService, type AgreementNotifier } from './agreementService';
import { AttendanceExport } from './attendanceExport';
import { AttendanceService } from './attendanceService';
import { AuditLog } from './auditLog';
import { AuthService } from './authService';
import { CaseService } from './caseService';
import { CenterService } from './centerService';
import { CertificateService } from './certificateService';
import { CommitmentService } from './commitmentService';
import { DictamenService } from './dictamenService';
import { LaboratoryReportService } from './laboratoryReportService';
import { FollowUpReportService } from './followUpReportService';
import { FollowUpService } from './followUpService';
import { GuestService, type GuestMail } from './guestService';
import { LiveSession } from './liveSession';
import { MatterService } from './matterService';
import { MinutesService } from './minutesService';
import { NoticeInboxService } from './noticeInboxService';
import { NoticeSettingsService } from './noticeSettingsService';
import { OpinionService } from './opinionService';
import { PathwayReportService } from './pathwayReportService';
import { PathwayService } from './pathwayService';
import { PresenceLedger } from './presenceLedger';
import { PresenceRecovery } from './presenceRecovery';
import { RecommendationService } from './recommendationService';
import { ReportService } from './reportService';
import { RoomAccess } from './roomAccess';
import { SessionService, type SessionMail, type SessionNotifier } from './sessionService';
import { StudyService } from './studyService';
import { TurnaroundService } from './turnaroundService';
import { UserService } from './userService';
import { VoteService } from './voteService';
import { WorkingGroupReportService } from './workingGroupReportService';

/** The use cases of the app over one database. */
export function createServices(
  db: Database,
  notify: {
    session?: SessionNotifier;
    /** Notices (in the app, and by email) of schedulings, changes and cancellations. */
    sessionMail?: SessionMail;
    agreement?: AgreementNotifier;
    sessionEnded?: (sessionId: string) => void;
    /** A centre was made or changed: every instance forgets the centres' kinds it keeps. */
    centers?: () => void;
    /** A session's centres changed: every instance forgets who it was for. */
    sessionAudience?: (sessionId: string) => void;
    /** An account signed out or was changed by an administrator: every instance forgets its recent checks of it and checks its open sockets. */
    account?: (userId: string) => void;
    /** Emails an invited guest their link (unset without a mail server). */
    guestMail?: GuestMail;
  } = {},
  /** This server instance's name in what instances share (see PresenceRecovery). */
  instance?: string,
) {
  const audit = new AuditLog(db.models);
  // A guest's sign-in ends like an account's: their open sockets are checked at once.
  const auth = new AuthService(db.models, notify.account);
  const centers = new CenterService(db.models, audit, notify.centers);
  const sessions = new SessionService(db.models, centers, audit, { session: notify.session, mail: notify.sessionMail, audience: notify.sessionAudience });
  const files = new FileStore(db.connection);
  const cases = new CaseService(db.models, files, sessions, audit);
  const commitments = new CommitmentService(db.models, audit);
  const turnarounds = new TurnaroundService(db.models, audit);
  const recommendations = new RecommendationService(db.models, audit);
  const presence = new PresenceLedger(db.models, undefined, instance);
  const attendance = new AttendanceService(db.models, presence, sessions, audit);
  const matters = new MatterService(db.models, sessions, centers, audit);
  return {
    audit,
    auth,
    guests: new GuestService(db.models, sessions, auth, audit, notify.guestMail),
    centers,
    users: new UserService(db.models, centers, audit, notify.account),
    noticeSettings: new NoticeSettingsService(db.models, audit),
    noticeInbox: new NoticeInboxService(db.models, audit),
    sessions,
    files,
    cases,
    commitments,
    pathway: new PathwayService(db.models, sessions, commitments, audit),
    turnarounds,
    studies: new StudyService(db.models, files, sessions, turnarounds, audit),
    dictamen: new DictamenService(db.models, cases, recommendations),
    presence,
    presenceRecovery: new PresenceRecovery(db.models, presence),
    roomAccess: new RoomAccess(db.models, sessions),
    live: new LiveSession(db.models),
    opinions: new OpinionService(db.models, audit),
    recommendations,
    matters,
    agreements: new AgreementService(db.models, sessions, centers, matters, audit, notify.agreement),
    votes: new VoteService(db.models, audit),
    minutes: new MinutesService(db.models, presence, sessions, audit, notify.sessionEnded),
    attendance,
    attendanceExport: new AttendanceExport(db.models, sessions, attendance),
    certificates: new CertificateService(db.models, sessions, attendance, audit),
    reports: new ReportService(db.models, attendance),
    pathwayReports: new PathwayReportService(db.models, commitments),
    laboratoryReports: new LaboratoryReportService(db.models),
    followUp: new FollowUpService(db.models, sessions, audit),
    followUpReports: new FollowUpReportService(db.models),
    workingGroupReports: new WorkingGroupReportService(db.models, presence),
  };
}

export type Services = ReturnType<typeof createServices>;
