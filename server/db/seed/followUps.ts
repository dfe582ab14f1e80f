import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { type FollowThroughStatus, type OutcomeCheckpoint, type PatientCourse } from '../../../shared/followUp';
import { addDays, addMonths } from '../../../shared/pathway';
import { calendarDayOf } from '../../../shared/time';
import { mortalityReviewItem } from '../../domain/followUpService';
import type { PresentedCase } from './demoActivity';

/** What the referring centre recorded of a demo recommendation, as days from its confirmation and its checkpoints. */
interface DemoFollowUp {
  followThrough?: { status: FollowThroughStatus; reason?: string; daysAfterConfirmation: number };
  outcomes?: { months: OutcomeCheckpoint; course: PatientCourse; daysAfterDue: number; diedDaysBefore?: number; causeOfDeath?: string; notes?: string }[];
  /** The death is on the agenda of the upcoming case review that reviews deaths. */
  reviewed?: true;
}

/**
 * By case code: each follow-through status (with its reasons), outcomes of each course at 3, 6 and
 * 12 months, a death reviewed and one not; what is left unrecorded is what the reminders show:
 * the follow-through due (JAL) and overdue (SLP, CHIS, MICH), checkpoints due (YUC-2026-003 at 3
 * months, YUC-2025-021 at 12) and overdue (YUC-2025-033 at 6, MICH at 3).
 */
const demoFollowUpPlans: Readonly<Record<string, DemoFollowUp>> = {
  'VER-2025-014': {
    followThrough: { status: 'carried_out', daysAfterConfirmation: 6 },
    outcomes: [
      { months: 3, course: 'in_treatment', daysAfterDue: 2, notes: 'Cuarto ciclo de consolidación sin complicaciones' },
      { months: 6, course: 'remission', daysAfterDue: 5, notes: 'Tomografía sin actividad tumoral' },
      { months: 12, course: 'remission', daysAfterDue: 1 },
    ],
  },
  'YUC-2025-021': {
    followThrough: {
      status: 'carried_out_with_changes',
      reason: 'Se sustituyó la bleomicina por ifosfamida por la función pulmonar limítrofe',
      daysAfterConfirmation: 10,
    },
    outcomes: [
      { months: 3, course: 'remission', daysAfterDue: 4, notes: 'Alfafetoproteína normalizada' },
      { months: 6, course: 'remission', daysAfterDue: -3 },
    ],
  },
  'SIN-2025-008': {
    followThrough: { status: 'carried_out', daysAfterConfirmation: 3 },
    outcomes: [
      { months: 3, course: 'in_treatment', daysAfterDue: 1 },
      { months: 6, course: 'relapse', daysAfterDue: 8, notes: 'Recaída mediastinal y medular' },
      { months: 12, course: 'deceased', daysAfterDue: -2, diedDaysBefore: 12, causeOfDeath: 'Progresión de la enfermedad con insuficiencia respiratoria' },
    ],
    reviewed: true,
  },
  'TAB-2025-009': {
    followThrough: { status: 'not_carried_out', reason: 'La familia no aceptó el traslado a la unidad de referencia', daysAfterConfirmation: 14 },
    outcomes: [
      { months: 3, course: 'relapse', daysAfterDue: 3, notes: 'Recaída local en la pared torácica' },
      { months: 6, course: 'deceased', daysAfterDue: 6, diedDaysBefore: 9, causeOfDeath: 'Choque séptico durante neutropenia febril' },
    ],
  },
  'YUC-2025-033': {
    followThrough: { status: 'carried_out', daysAfterConfirmation: 8 },
    outcomes: [{ months: 3, course: 'in_treatment', daysAfterDue: 2, notes: 'Radioterapia de flanco terminada' }],
  },
  'YUC-2026-003': {
    followThrough: {
      status: 'carried_out_with_changes',
      reason: 'Se inició blinatumomab; el trasplante se difirió por falta de donador compatible',
      daysAfterConfirmation: 5,
    },
  },
  'OAX-2026-002': { followThrough: { status: 'carried_out', daysAfterConfirmation: 12 } },
  'SON-2026-005': { followThrough: { status: 'carried_out', daysAfterConfirmation: 4 } },
};

/** The demo follow-ups of the confirmed recommendations, recorded by `recorderOf` the case, and the agenda items of the deaths reviewed. */
export function demoFollowUps(
  cases: readonly PresentedCase[],
  recommendations: readonly Record<string, unknown>[],
  recorderOf: (presented: PresentedCase) => Types.ObjectId,
  reviewSessionId: Types.ObjectId,
  now: Date,
) {
  const today = calendarDayOf(now);
  // Recorded in the afternoon of the day, or now if that is later than now.
  const recordedOn = (day: string) => new Date(Math.min(Date.parse(`${day}T20:00:00Z`), now.getTime()));
  const notAfterToday = (day: string) => (day > today ? today : day);
  const agendaItems: ReturnType<typeof mortalityReviewItem<ReturnType<typeof randomUUID>>>[] = [];
  const followUps = cases.flatMap((presented) => {
    const plan = demoFollowUpPlans[presented.caseCode];
    const confirmedAt = recommendations.find((recommendation) => String(recommendation._id) === String(presented._id))?.confirmedAt;
    if (!plan || !(confirmedAt instanceof Date)) return [];
    const confirmedOn = calendarDayOf(confirmedAt);
    const recordedBy = recorderOf(presented);
    const decidedOn = plan.followThrough && notAfterToday(addDays(confirmedOn, plan.followThrough.daysAfterConfirmation));
    const outcomes = (plan.outcomes ?? []).map(({ months, course, daysAfterDue, diedDaysBefore, causeOfDeath, notes }) => {
      const assessedOn = notAfterToday(addDays(addMonths(confirmedOn, months), daysAfterDue));
      const diedOn = diedDaysBefore === undefined ? '' : addDays(assessedOn, -diedDaysBefore);
      return { months, course, assessedOn, diedOn, causeOfDeath: causeOfDeath ?? '', notes: notes ?? '', recordedBy, recordedAt: recordedOn(assessedOn) };
    });
    let mortalityReview = null;
    if (plan.reviewed) {
      const item = mortalityReviewItem(randomUUID(), String(presented._id), presented.caseCode);
      agendaItems.push(item);
      mortalityReview = { sessionId: reviewSessionId, agendaItemId: item.id, requestedBy: recordedBy, requestedAt: recordedOn(outcomes.at(-1)!.assessedOn) };
    }
    return [
      {
        _id: presented._id,
        followThrough:
          plan.followThrough && decidedOn
            ? { status: plan.followThrough.status, reason: plan.followThrough.reason ?? '', decidedOn, recordedBy, recordedAt: recordedOn(decidedOn) }
            : null,
        outcomes,
        mortalityReview,
        version: 1 + outcomes.length + (mortalityReview ? 1 : 0),
      },
    ];
  });
  return { followUps, agendaItems };
}
