import type { Connection } from 'mongoose';
import { agreementModel } from './agreement';
import { attendanceMarksModel, attendanceModel } from './attendance';
import { attendanceSummaryModel } from './attendanceSummary';
import { auditEntryModel } from './auditEntry';
import { authSessionModel } from './authSession';
import { caseModel } from './case';
import { certificateModel } from './certificate';
import { chatLinesModel, chatModel } from './chat';
import { commitmentRuleModel } from './commitmentRule';
import { centerModel } from './center';
import { counterModel } from './counter';
import { followUpModel } from './followUp';
import { guestModel } from './guest';
import { heartbeatModel } from './heartbeat';
import { inboxNoticeModel } from './inboxNotice';
import { matterModel } from './matter';
import { minutesModel } from './minutes';
import { noticeModel } from './notice';
import { caseOpinionsModel } from './opinion';
import { pdfJobModel } from './pdfJob';
import { recommendationModel } from './recommendation';
import { sessionModel } from './session';
import { signInFailuresModel } from './signInFailures';
import { studyModel } from './study';
import { turnaroundRuleModel } from './turnaroundRule';
import { userModel } from './user';
import { voteModel } from './vote';

/** Every model of the app, bound to one connection. */
export function registerModels(connection: Connection) {
  return {
    agreements: agreementModel(connection),
    attendances: attendanceModel(connection),
    attendanceMarks: attendanceMarksModel(connection),
    attendanceSummaries: attendanceSummaryModel(connection),
    auditEntries: auditEntryModel(connection),
    authSessions: authSessionModel(connection),
    cases: caseModel(connection),
    certificates: certificateModel(connection),
    chats: chatModel(connection),
    chatLines: chatLinesModel(connection),
    centers: centerModel(connection),
    commitmentRules: commitmentRuleModel(connection),
    counters: counterModel(connection),
    followUps: followUpModel(connection),
    guests: guestModel(connection),
    heartbeats: heartbeatModel(connection),
    inbox: inboxNoticeModel(connection),
    matters: matterModel(connection),
    minutes: minutesModel(connection),
    notices: noticeModel(connection),
    caseOpinions: caseOpinionsModel(connection),
    pdfJobs: pdfJobModel(connection),
    recommendations: recommendationModel(connection),
    sessions: sessionModel(connection),
    signInFailures: signInFailuresModel(connection),
    studies: studyModel(connection),
    turnaroundRules: turnaroundRuleModel(connection),
    users: userModel(connection),
    votes: voteModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
