import type { messages as spanish } from '../es-MX/pathway';

/** The English messages of the patient's pathway and the network's commitments, to merge beside the main messages. */
export const messages: typeof spanish = {
  pathway: {
    title: 'Patient pathway',
    milestones: {
      referredOn: 'Suspicion and referral',
      arrivedOn: 'Arrival at the state reference centre',
      diagnosedOn: 'Diagnosis',
      treatmentStartedOn: 'Start of treatment',
    },
    commitments: { diagnosis: 'Diagnosis', treatment: 'Treatment' },
    due: { diagnosis: 'Diagnosis due', treatment: 'Treatment due' },
    today: 'Today',
    days: '{n} day | {n} days',
    after: 'the same day | the next day | after {n} days',
    clock: {
      waiting: '{commitment}: due today ({date}) | {commitment}: 1 day left (due on {date}) | {commitment}: {n} days left (due on {date})',
      overdue: '{commitment}: overdue by {days} (was due on {date})',
      met: {
        diagnosis: 'Diagnosed {when}: within the commitment of {allowed}',
        treatment: 'Treatment started {when}: within the commitment of {allowed}',
      },
      missed: {
        diagnosis: 'Diagnosed {when}: {late} past the commitment of {allowed}',
        treatment: 'Treatment started {when}: {late} past the commitment of {allowed}',
      },
    },
    brief: {
      waiting: '{commitment}: due today | {commitment}: due tomorrow | {commitment}: due in {n} days',
      overdue: '{commitment} overdue by {days}',
    },
    noDates: 'No dates recorded yet.',
    noClock: 'The diagnosis clock starts with the date of suspicion and referral.',
    record: 'Record dates',
    clear: 'Clear',
    clearDate: 'Clear the date: {milestone}',
    save: 'Save dates',
    saved: 'Saved',
    attention: {
      heading: 'Patients past or near a deadline',
      none: 'No patient past or near a deadline',
      center: 'Centre',
    },
  },
  commitments: {
    heading: 'Commitments to families',
    inForce: 'Diagnosis within {diagnosis} of suspicion; treatment within {treatment} more',
    sinceStart: 'From the start',
    network: 'The network’s original commitment',
    history: 'History',
    effectiveFrom: 'From',
    diagnosisDays: 'Days to diagnosis',
    treatmentDays: 'Days to treatment',
    changedBy: 'Changed by',
    changedAt: 'When',
    change: 'Change the commitments',
    appliesFromToday: 'Applies to patients referred from today on; earlier ones keep the commitment they had.',
    save: 'Apply from today',
    saved: 'Saved',
  },
};
