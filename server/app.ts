import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import type { Config } from './config';
import type { Database } from './db/database';
import type { GuestInvitationMail } from './domain/guestService';
import { createServices, type Services } from './domain/services';
import { identify } from './http/authentication';
import { agreementRoutes } from './http/agreementRoutes';
import { apiRoutes, type RouteHandlers } from './http/apiRoutes';
import { attendanceRoutes } from './http/attendanceRoutes';
import { authRoutes } from './http/authRoutes';
import { caseRoutes } from './http/caseRoutes';
import { clientPages } from './http/clientPages';
import { directoryRoutes } from './http/directoryRoutes';
import { apiNotFound, errorHandler } from './http/errorHandler';
import { healthRoutes } from './http/healthRoutes';
import { matterRoutes } from './http/matterRoutes';
import { minutesRoutes } from './http/minutesRoutes';
import { followUpRoutes } from './http/followUpRoutes';
import { guestRoutes } from './http/guestRoutes';
import { noticeRoutes } from './http/noticeRoutes';
import { pathwayRoutes } from './http/pathwayRoutes';
import { pdfRoutes } from './http/pdfRoutes';
import { sameOriginWrites } from './http/sameOrigin';
import { securityHeaders } from './http/securityHeaders';
import { sessionRoutes } from './http/sessionRoutes';
import { studyRoutes } from './http/studyRoutes';
import { pinoHttp } from 'pino-http';
import { errorFields, log, logger } from './logger';
import type { MediaServer } from './media/mediaServer';
import { createMetrics } from './metrics/metrics';
import { METRICS_PATH, metricsOff } from './metrics/metricsEndpoint';
import { startNotices, type Notices } from './notices/notices';
import { PdfJobs } from './pdf/pdfJobs';
import { ResumableMemberships } from './realtime/resumableMemberships';
import type { SharedAdapter } from './realtime/redisAdapter';
import { accountChecker, createSocketServer, noticePusher, sessionNotifier, type AppSocketServer, type InterServerEvents } from './realtime/socketServer';

export interface AppDeps {
  config: Pick<
    Config,
    'clientDistDir' | 'trustProxy' | 'uploadMaxBytes' | 'roomResumeGraceMs' | 'media' | 'instanceId' | 'metricsToken' | 'mail' | 'publicUrl' | 'agreementNoticeDays'
  >;
  db: Database;
  media: MediaServer;
  /** Shared with the other instances: notices and room news reach sockets held by any of them. */
  adapter?: SharedAdapter['adapter'];
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: AppSocketServer;
  services: Services;
  /** Notices, decided and delivered in the background (email too with a mail server); stop them before the database closes. */
  notices: Notices;
}

/** Wires HTTP and Socket.IO onto the given database and media server; does not listen. */
export function createApp(deps: AppDeps): App {
  let io: AppSocketServer | undefined;
  const checkSockets = accountChecker(
    () => io,
    () => services.auth,
  );
  // What concerns live rooms and open sockets, done on this instance: for its own rooms and sockets.
  const here: InterServerEvents = {
    'room:agreement': (sessionIds, agreement) => {
      for (const sessionId of new Set(sessionIds)) deps.media.rooms.find(sessionId)?.broadcastAll('agreement:changed', agreement);
    },
    'room:ended': (sessionId) => deps.media.rooms.find(sessionId)?.close('ended'),
    // Every instance, this one included, forgets its recent checks of the account, then checks its sockets.
    'account:changed': (userId) => {
      services.auth.forget(userId);
      checkSockets(userId);
    },
    'session:audience': (sessionId) => services.sessions.forgetAudience(sessionId),
    'centers:changed': () => services.centers.forgetKinds(),
  };
  /** Done here, and by every other instance for the rooms and sockets it holds. */
  function everywhere<E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>): void {
    (here[event] as (...values: typeof args) => void)(...args);
    if (deps.adapter) io?.serverSideEmit(event, ...args);
  }
  const services = createServices(
    deps.db,
    {
      session: sessionNotifier(() => io),
      // Called only once a request changes a session or invites a guest, when the notices below exist.
      sessionMail: (change) => {
        notices.sessions.told(change);
        notices.guests?.sessionChanged(change);
      },
      // A guest (no account, nothing listed in the app) is emailed only with a mail server.
      ...(deps.config.mail ? { guestMail: async (invitation: GuestInvitationMail) => (await notices.guests?.invited(invitation)) ?? false } : {}),
      // Written over REST, so nobody in the room asked by socket: everyone in it hears it.
      agreement: (sessionIds, agreement) => everywhere('room:agreement', sessionIds, agreement),
      sessionEnded: (sessionId) => everywhere('room:ended', sessionId),
      account: (userId) => everywhere('account:changed', userId),
      sessionAudience: (sessionId) => everywhere('session:audience', sessionId),
      centers: () => everywhere('centers:changed'),
    },
    deps.config.instanceId,
  );
  const notices = startNotices(
    deps.db.models,
    services,
    deps.config,
    noticePusher(() => io),
  );
  const pdfJobs = new PdfJobs(deps.db.models, deps.db.connection, deps.config.instanceId);
  // Without a token nothing is measured, and /metrics answers 404.
  const metrics = deps.config.metricsToken ? createMetrics({ ...deps, token: deps.config.metricsToken }) : undefined;
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.trustProxy) app.set('trust proxy', deps.config.trustProxy);
  if (metrics) app.use(metrics.httpTiming);
  app.use(securityHeaders());
  // One line per request, with its status and time; health checks are not worth a line each.
  app.use(
    pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/api/health' }, customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info') }),
  );
  app.use('/api', sameOriginWrites);
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', identify(services.auth));
  const handlers: RouteHandlers = {
    ...healthRoutes({ ...deps, uploadMaxBytes: deps.config.uploadMaxBytes }),
    ...authRoutes(services.auth, services.users),
    ...noticeRoutes(services.noticeSettings, services.noticeInbox, notices.delivery.sendsEmail),
    ...directoryRoutes(services.centers, services.users),
    ...sessionRoutes(services.sessions),
    ...guestRoutes(services.guests, deps.config.publicUrl),
    ...caseRoutes(services.cases, deps.config.uploadMaxBytes),
    ...pathwayRoutes({ pathway: services.pathway, commitments: services.commitments, reports: services.pathwayReports }),
    ...studyRoutes({ studies: services.studies, turnarounds: services.turnarounds, reports: services.laboratoryReports, maxUploadBytes: deps.config.uploadMaxBytes }),
    ...followUpRoutes({ followUp: services.followUp, reports: services.followUpReports }),
    ...agreementRoutes(services.agreements),
    ...matterRoutes({ matters: services.matters, reports: services.workingGroupReports }),
    ...minutesRoutes(services.minutes, pdfJobs),
    ...pdfRoutes(pdfJobs, services.dictamen),
    ...attendanceRoutes({ attendance: services.attendance, exports: services.attendanceExport, certificates: services.certificates, reports: services.reports }),
  };
  app.use('/api', apiRoutes(handlers));
  app.use('/api', apiNotFound);
  app.get(METRICS_PATH, metrics?.endpoint ?? metricsOff);
  app.use(clientPages(deps.config.clientDistDir));
  app.use(errorHandler);

  const httpServer = createServer(app);
  io = createSocketServer(httpServer, {
    rooms: deps.media.rooms,
    presence: services.presence,
    auth: services.auth,
    access: services.roomAccess,
    live: services.live,
    cases: services.cases,
    opinions: services.opinions,
    recommendations: services.recommendations,
    votes: services.votes,
    resumable: new ResumableMemberships(),
    resumeGraceMs: deps.config.roomResumeGraceMs,
    ice: { turn: deps.config.media.turn, policy: deps.config.media.iceTransportPolicy },
    ...(metrics ? { observeRequest: metrics.observeRequest } : {}),
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  // What another instance did everywhere, done here too: every entry of the table, none forgotten.
  for (const event of Object.keys(here) as (keyof InterServerEvents)[]) io.on(event, here[event]);
  endAbandonedSessions(services, deps.media, httpServer);
  return { app, httpServer, io, services, notices };
}

const SWEEP_MS = 10 * 60_000;

/** Sessions the coordinator forgot to end are ended once their room has stayed empty long past the scheduled end. */
function endAbandonedSessions(services: Services, media: MediaServer, httpServer: HttpServer): void {
  const sweep = setInterval(() => {
    services.minutes
      .endAbandoned(new Date(), (sessionId) => !media.rooms.find(sessionId)?.peerList().length)
      .then((ended) => {
        if (ended.length) log.info('ended sessions left open', { sessions: ended });
      })
      .catch((error: unknown) => log.error('ending sessions left open failed', errorFields(error)));
  }, SWEEP_MS);
  sweep.unref();
  httpServer.on('close', () => clearInterval(sweep));
}
