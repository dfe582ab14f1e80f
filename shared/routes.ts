import { z } from 'zod';
import type { AgreementDto } from './agreements';
import { createAgreementRequestSchema, followUpRequestSchema, updateAgreementRequestSchema } from './agreements';
import {
  certificateCodeSchema,
  correctAttendanceRequestSchema,
  dateRangeQuerySchema,
  type AttendanceEntryDto,
  type AttendanceLedgerDto,
  type CertificateVerificationDto,
  type MyCertificateDto,
} from './attendance';
import { caseFieldsWithoutIdentity, caseUpdateWithoutIdentity } from './caseRules';
import type { AttachmentDto, CaseDto } from './cases';
import type { DicomBlankedItem } from './dicom';
import { centerInputSchema, type CenterDto } from './centers';
import type { HealthReport } from './health';
import { objectIdSchema } from './ids';
import { approveMinutesRequestSchema, correctMinutesRequestSchema, saveMinutesRequestSchema, type MinutesDto } from './minutes';
import type { RecommendationDto } from './opinions';
import type { CommitmentRuleDto, PathwayAttentionDto } from './pathway';
import { commitmentChangeSchema, pathwayChangesSchema } from './pathwaySchemas';
import type { PathwayReportDto } from './pathwayReports';
import type { PdfJobDto } from './pdfJobs';
import type { Action } from './permissions';
import type { ReportDto } from './reports';
import type { Method } from './routePaths';
import type { StudyDto, TurnaroundRuleDto } from './studies';
import { sendStudyRequestSchema, studyReceiptRequestSchema, studyResultRequestSchema, turnaroundChangeSchema } from './studySchemas';
import type { CaseFollowUpDto, FollowUpReportDto } from './followUp';
import { followThroughRequestSchema, mortalityReviewRequestSchema, outcomeRequestSchema } from './followUpSchemas';
import type { LaboratoryReportDto } from './laboratoryReports';
import { guestEnterRequestSchema, guestParams, inviteGuestRequestSchema, type GuestDto, type GuestEntryDto, type GuestInvitationDto } from './guests';
import { markNoticesReadSchema, noticeListQuerySchema, noticeSettingsSchema, type InAppNoticeDto, type NoticeSettingsDto } from './notices';
import { createMatterRequestSchema, matterListQuerySchema, updateMatterRequestSchema, type MatterDto, type WorkingGroupReportDto } from './workingGroup';
import {
  cancelSessionRequestSchema,
  createSessionRequestSchema,
  rescheduleSessionRequestSchema,
  sessionListQuerySchema,
  updateAgendaRequestSchema,
  type SessionDto,
} from './sessions';
import { createUserRequestSchema, loginRequestSchema, updateUserRequestSchema, type UserDto } from './users';

/** How one REST route is called and answered; the route's name is its method and path. */
export interface RouteSpec {
  /** Path parameters; without a schema every `:name` must be a database id. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The status of a success (a handler may still answer another, as health does with 503). */
  status?: 200 | 201 | 202 | 204;
  /** Answered without a sign-in. */
  public?: true;
  /** Refused by role before anything else of the request is read, so a refused body is never examined. */
  permission?: Action;
  /** Answered with a file the browser saves or shows (a link's href, an image's src), not with JSON. */
  file?: true;
  /** The body is the raw bytes of one file, named by the X-File-Name header. */
  upload?: true;
  /** Reachable by a laboratory account, which reaches nothing else (refused with 403 before the body is read). */
  laboratory?: true;
  /** Reachable by an invited guest, who reaches nothing else (refused with 403 before the body is read); the service still checks it is their session. */
  guest?: true;
}

/** A route answering JSON of type A; `answer` exists only in the type. */
type Answering<S extends RouteSpec, A> = S & { readonly answer?: A };
const json =
  <A>() =>
  <const S extends RouteSpec>(spec: S): Answering<S, A> =>
    spec;
const noContent = <const S extends RouteSpec>(spec: S): Answering<S & { status: 204 }, void> => ({ ...spec, status: 204 });
const file = <const S extends RouteSpec>(spec: S): Answering<S & { file: true }, never> => ({ ...spec, file: true });

const jobParams = z.object({ jobId: z.uuid() });
const holderParams = z.object({ id: objectIdSchema, userId: objectIdSchema });
const codeParams = z.object({ code: certificateCodeSchema });
const attachmentQuery = z.object({ download: z.literal('1').optional() });
const attachmentParams = z.object({ id: objectIdSchema, fileId: objectIdSchema });

/**
 * Every REST route of /api, as the socket side's requests are in events.ts: the server registers
 * and validates from this table (a route without a handler does not compile) and the client's calls
 * are typed by it (a wrong path, body or answer does not compile).
 */
export const routes = {
  'GET /health': json<HealthReport>()({ public: true }),
  'GET /settings': json<{ uploadMaxBytes: number }>()({ laboratory: true, guest: true }),

  'POST /auth/login': json<{ user: UserDto }>()({ public: true, laboratory: true, body: loginRequestSchema }),
  'POST /auth/logout': noContent({ public: true, laboratory: true, guest: true }),
  'GET /auth/me': json<{ user: UserDto }>()({ laboratory: true, guest: true }),
  /** An invited guest's link exchanged for a sign-in to its one session; uses are rate-limited per address. */
  'POST /guest/enter': json<GuestEntryDto>()({ public: true, guest: true, body: guestEnterRequestSchema }),

  /** The network's directory; a guest reads it too, for the offices and hospitals their meeting's matters and agreements name. */
  'GET /centers': json<{ centers: CenterDto[] }>()({ guest: true }),
  'POST /centers': json<{ center: CenterDto }>()({ permission: 'centers.manage', body: centerInputSchema, status: 201 }),
  'PATCH /centers/:id': json<{ center: CenterDto }>()({ permission: 'centers.manage', body: centerInputSchema.partial() }),
  'GET /users': json<{ users: UserDto[] }>()({ permission: 'users.read' }),
  'POST /users': json<{ user: UserDto }>()({ permission: 'users.manage', body: createUserRequestSchema, status: 201 }),
  'PATCH /users/:id': json<{ user: UserDto }>()({ permission: 'users.manage', body: updateUserRequestSchema }),

  'GET /sessions': json<{ sessions: SessionDto[] }>()({ query: sessionListQuerySchema }),
  'POST /sessions': json<{ session: SessionDto }>()({ permission: 'sessions.schedule', body: createSessionRequestSchema, status: 201 }),
  'GET /sessions/:id': json<{ session: SessionDto }>()({ guest: true }),
  'PATCH /sessions/:id': json<{ session: SessionDto }>()({ permission: 'sessions.schedule', body: rescheduleSessionRequestSchema }),
  'PUT /sessions/:id/agenda': json<{ session: SessionDto }>()({ permission: 'sessions.schedule', body: updateAgendaRequestSchema }),
  'POST /sessions/:id/cancel': json<{ session: SessionDto }>()({ permission: 'sessions.schedule', body: cancelSessionRequestSchema }),

  /** A session's invited guests and their links' state (never the link: only its hash is kept). */
  'GET /sessions/:id/guests': json<{ guests: GuestDto[] }>()({ permission: 'guests.invite' }),
  /** Invites a guest; the answer is the only time the link is told (also emailed when an address is given). */
  'POST /sessions/:id/guests': json<GuestInvitationDto>()({ permission: 'guests.invite', body: inviteGuestRequestSchema, status: 201 }),
  /** The link stops working at once, and a guest in the room or its lobby is sent out. */
  'POST /sessions/:id/guests/:guestId/revoke': json<{ guest: GuestDto }>()({ permission: 'guests.invite', params: guestParams }),
  /** A new link for a guest who lost theirs; the old one stops working. */
  'POST /sessions/:id/guests/:guestId/link': json<GuestInvitationDto>()({ permission: 'guests.invite', params: guestParams }),

  /** A working-group meeting's matters, in the order raised (its guests read them too). */
  'GET /sessions/:id/matters': json<{ matters: MatterDto[] }>()({ guest: true }),
  'POST /sessions/:id/matters': json<{ matter: MatterDto }>()({ permission: 'matters.record', body: createMatterRequestSchema, status: 201 }),
  'PATCH /matters/:id': json<{ matter: MatterDto }>()({ permission: 'matters.record', body: updateMatterRequestSchema }),
  /** Matters across meetings, newest first: the open ones are followed up at the next meeting. */
  'GET /matters': json<{ matters: MatterDto[] }>()({ query: matterListQuerySchema }),

  'GET /sessions/:id/cases': json<{ cases: CaseDto[] }>()({}),
  'POST /sessions/:id/cases': json<{ case: CaseDto }>()({ permission: 'cases.submit', body: caseFieldsWithoutIdentity, status: 201 }),
  'GET /cases/:id': json<{ case: CaseDto }>()({}),
  'PATCH /cases/:id': json<{ case: CaseDto }>()({ permission: 'cases.edit', body: caseUpdateWithoutIdentity }),
  'DELETE /cases/:id': noContent({ permission: 'cases.remove' }),
  /** A DICOM file is cleaned of patient data on the way in; `blanked` says what held something and was blanked. */
  'POST /cases/:id/attachments': json<{ attachment: AttachmentDto; blanked?: DicomBlankedItem[] }>()({ permission: 'cases.edit', upload: true, status: 201 }),
  'GET /cases/:id/attachments/:fileId': file({ params: attachmentParams, query: attachmentQuery }),
  'GET /cases/:id/attachments/:fileId/slices/:sliceId': file({ params: attachmentParams.extend({ sliceId: objectIdSchema }), query: attachmentQuery }),
  'DELETE /cases/:id/attachments/:fileId': noContent({ permission: 'cases.edit', params: attachmentParams }),
  /** Not bound by the session's cut-off: diagnosis and treatment come after the board. */
  'PATCH /cases/:id/pathway': json<{ case: CaseDto }>()({ permission: 'cases.pathway', body: pathwayChangesSchema }),
  'GET /pathway/attention': json<{ patients: PathwayAttentionDto[] }>()({ permission: 'pathway.watch' }),
  /** Every rule the network has had, oldest first: a clock keeps the rule of the day it started. */
  'GET /settings/commitments': json<{ rules: CommitmentRuleDto[] }>()({}),
  /** Changes the commitments from today on. */
  'PUT /settings/commitments': json<{ rules: CommitmentRuleDto[] }>()({ permission: 'commitments.set', body: commitmentChangeSchema }),
  /** Studies sent to reference laboratories; sending is not bound by the session's cut-off. */
  'POST /cases/:id/studies': json<{ study: StudyDto }>()({ permission: 'studies.send', body: sendStudyRequestSchema, status: 201 }),
  'GET /cases/:id/studies': json<{ studies: StudyDto[] }>()({}),
  /** A laboratory's studies, newest first: of the case only its code. */
  'GET /laboratory/studies': json<{ studies: StudyDto[] }>()({ permission: 'studies.inbox', laboratory: true }),
  'POST /studies/:id/receipt': json<{ study: StudyDto }>()({ permission: 'studies.record', laboratory: true, body: studyReceiptRequestSchema }),
  'POST /studies/:id/result': json<{ study: StudyDto }>()({ permission: 'studies.record', laboratory: true, body: studyResultRequestSchema }),
  /** The laboratory's report, a PDF (told from its bytes); replaces an earlier one. */
  'POST /studies/:id/report': json<{ study: StudyDto }>()({ permission: 'studies.record', laboratory: true, upload: true, status: 201 }),
  'GET /studies/:id/report': file({ laboratory: true, query: attachmentQuery }),
  /** Studies past or near their turnaround, or not received: the presenter's centre's, or the network's for a coordinator. */
  'GET /studies/attention': json<{ studies: StudyDto[] }>()({ permission: 'pathway.watch' }),
  /** The studies of a session's cases, so its agenda can mark the cases whose results are pending. */
  'GET /sessions/:id/studies': json<{ studies: StudyDto[] }>()({}),
  /** Every turnaround rule the network has had, oldest first: a study keeps the turnaround of the day it was sent. */
  'GET /settings/turnarounds': json<{ rules: TurnaroundRuleDto[] }>()({}),
  /** Changes the turnarounds from today on. */
  'PUT /settings/turnarounds': json<{ rules: TurnaroundRuleDto[] }>()({ permission: 'commitments.set', body: turnaroundChangeSchema }),

  /** The confirmed recommendation and what came of it; null until the board confirms one. */
  'GET /cases/:id/follow-up': json<{ followUp: CaseFollowUpDto | null }>()({}),
  'PUT /cases/:id/follow-up/follow-through': json<{ followUp: CaseFollowUpDto }>()({ permission: 'followUp.record', body: followThroughRequestSchema }),
  'PUT /cases/:id/follow-up/outcomes': json<{ followUp: CaseFollowUpDto }>()({ permission: 'followUp.record', body: outcomeRequestSchema }),
  /** Adds the death to a later scheduled case-review session's agenda (kind mortality_review). */
  'POST /cases/:id/follow-up/mortality-review': json<{ followUp: CaseFollowUpDto }>()({ permission: 'followUp.record', body: mortalityReviewRequestSchema }),
  /** Confirmed recommendations whose follow-through or outcome is due: the presenter's centre's, or the network's for a coordinator. */
  'GET /follow-up/due': json<{ cases: CaseFollowUpDto[] }>()({ permission: 'followUp.watch' }),
  'GET /cases/:id/recommendation': json<{ recommendation: RecommendationDto | null }>()({}),
  'GET /cases/:id/dictamen.pdf': file({}),

  /** An invited guest reads them in a working-group meeting only. */
  'GET /sessions/:id/agreements': json<{ agreements: AgreementDto[] }>()({ guest: true }),
  'GET /sessions/:id/agreements/follow-up': json<{ agreements: AgreementDto[] }>()({}),
  'POST /sessions/:id/agreements': json<{ agreement: AgreementDto }>()({ permission: 'agreements.record', body: createAgreementRequestSchema, status: 201 }),
  'PATCH /agreements/:id': json<{ agreement: AgreementDto }>()({ body: updateAgreementRequestSchema }),
  'POST /agreements/:id/follow-ups': json<{ agreement: AgreementDto }>()({ permission: 'agreements.followUp', body: followUpRequestSchema, status: 201 }),

  'POST /sessions/:id/end': json<{ minutes: MinutesDto }>()({ permission: 'minutes.keep', status: 201 }),
  'GET /sessions/:id/minutes': json<{ minutes: MinutesDto }>()({}),
  'PUT /sessions/:id/minutes': json<{ minutes: MinutesDto }>()({ permission: 'minutes.keep', body: saveMinutesRequestSchema }),
  'POST /sessions/:id/minutes/approve': json<{ minutes: MinutesDto }>()({ permission: 'minutes.keep', body: approveMinutesRequestSchema }),
  'POST /sessions/:id/minutes/corrections': json<{ minutes: MinutesDto }>()({ permission: 'minutes.keep', body: correctMinutesRequestSchema, status: 201 }),
  'POST /sessions/:id/minutes/pdf': json<{ job: PdfJobDto }>()({ status: 202 }),
  'GET /pdf-jobs/:jobId': json<{ job: PdfJobDto }>()({ params: jobParams }),
  'GET /pdf-jobs/:jobId/file': file({ params: jobParams }),

  'GET /sessions/:id/attendance': json<{ attendance: AttendanceLedgerDto }>()({}),
  'POST /sessions/:id/attendance/corrections': json<{ entry: AttendanceEntryDto }>()({ permission: 'attendance.correct', body: correctAttendanceRequestSchema, status: 201 }),
  'GET /sessions/:id/attendance.csv': file({}),
  'GET /attendance.csv': file({ query: dateRangeQuerySchema }),
  'GET /sessions/:id/certificates/:userId': file({ params: holderParams }),
  'GET /me/certificates': json<{ certificates: MyCertificateDto[] }>()({}),
  /** The kinds of email notice the signed-in person turned off. */
  'GET /me/notice-settings': json<{ settings: NoticeSettingsDto }>()({}),
  'PUT /me/notice-settings': json<{ settings: NoticeSettingsDto }>()({ body: noticeSettingsSchema }),
  /** The signed-in person's notices, newest first, and how many are unread. */
  'GET /me/notices': json<{ notices: InAppNoticeDto[]; unread: number }>()({ query: noticeListQuerySchema }),
  /** Marks some notices (or all) read. */
  'POST /me/notices/read': json<{ unread: number }>()({ body: markNoticesReadSchema }),
  /** Whoever holds a printed certificate checks it without an account. */
  'GET /certificates/:code': json<{ certificate: CertificateVerificationDto }>()({ public: true, params: codeParams }),
  'GET /reports': json<{ report: ReportDto }>()({ query: dateRangeQuerySchema }),
  /** Days to diagnosis and to treatment against the commitments, per centre, for clocks started in the range. */
  'GET /reports/pathway': json<{ report: PathwayReportDto }>()({ query: dateRangeQuerySchema }),
  'GET /reports/pathway.csv': file({ query: dateRangeQuerySchema }),
  /** Turnaround by laboratory and study type, for studies received in the range. */
  'GET /reports/laboratories': json<{ report: LaboratoryReportDto }>()({ query: dateRangeQuerySchema }),
  'GET /reports/laboratories.csv': file({ query: dateRangeQuerySchema }),
  /** Follow-through and outcomes of the recommendations confirmed in the range, per referring centre. */
  'GET /reports/follow-up': json<{ report: FollowUpReportDto }>()({ query: dateRangeQuerySchema }),
  'GET /reports/follow-up.csv': file({ query: dateRangeQuerySchema }),
  /** Working-group meetings held and the matters raised in the range, by state and by topic. */
  'GET /reports/working-group': json<{ report: WorkingGroupReportDto }>()({ query: dateRangeQuerySchema }),
  'GET /reports/working-group.csv': file({ query: dateRangeQuerySchema }),
} as const;

export type Routes = typeof routes;
export type RouteKey = keyof Routes;

type PathOf<K extends RouteKey> = K extends `${Method} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;
type RouteParamNames<K extends RouteKey> = ParamNames<PathOf<K>>;

/** What the caller gives: the path's parameters, the query and the body, each only where the route has one. */
export type RouteInput<K extends RouteKey> = ([RouteParamNames<K>] extends [never] ? unknown : { params: Record<RouteParamNames<K>, string> }) &
  (Routes[K] extends { query: infer Q extends z.ZodType } ? (object extends z.input<Q> ? { query?: z.input<Q> } : { query: z.input<Q> }) : unknown) &
  (Routes[K] extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown);

/** The same, as the server has them once validated. */
export interface ParsedRoute<K extends RouteKey> {
  params: Routes[K] extends { params: infer P extends z.ZodType } ? z.output<P> : Record<RouteParamNames<K>, string>;
  query: Routes[K] extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
  body: Routes[K] extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
}

export type RouteAnswer<K extends RouteKey> = Routes[K] extends { readonly answer?: infer A } ? Exclude<A, undefined> : never;

/** Routes answered with JSON (or nothing), which the client calls; the others are links. */
export type JsonRouteKey = { [K in RouteKey]: Routes[K] extends { file: true } | { upload: true } ? never : K }[RouteKey];
export type FileRouteKey = { [K in RouteKey]: Routes[K] extends { file: true } ? K : never }[RouteKey];
export type UploadRouteKey = { [K in RouteKey]: Routes[K] extends { upload: true } ? K : never }[RouteKey];
