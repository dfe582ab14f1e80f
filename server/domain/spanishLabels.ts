import type { FollowThroughStatus, PatientCourse } from '../../shared/followUp';
import type { GuestKind } from '../../shared/guests';
import type { Commitment } from '../../shared/pathway';
import type { SessionKind } from '../../shared/sessions';
import type { StudyType } from '../../shared/studies';

/** Spanish words for coded values in documents the server writes (minutes, PDFs, CSV). */
export const SESSION_KIND_LABEL: Record<SessionKind, string> = {
  case_review: 'Revisión de casos clínicos',
  training: 'Capacitación',
  keynote: 'Conferencia magistral',
  working_group: 'Mesa de trabajo con familias',
};

/** An invited guest in the attendance CSV: "Invitado (familiar)". */
export const GUEST_KIND_LABEL: Record<GuestKind, string> = {
  family: 'familiar',
  speaker: 'ponente',
  other: 'otro',
};

export const OPINION_CATEGORY_LABEL: Record<string, string> = {
  diagnosis: 'Diagnóstico',
  treatment: 'Tratamiento',
  referral: 'Referencia',
  palliative_care: 'Cuidados paliativos',
  further_study: 'Estudios adicionales',
  second_opinion: 'Segunda opinión',
};

export const AGREEMENT_STATUS_LABEL: Record<string, string> = { pending: 'pendiente', in_progress: 'en proceso', done: 'cumplido' };

export const COMMITMENT_LABEL: Record<Commitment, string> = { diagnosis: 'Diagnóstico', treatment: 'Tratamiento' };

export const STUDY_TYPE_LABEL: Record<StudyType, string> = {
  immunohistochemistry: 'Inmunohistoquímica',
  immunophenotype: 'Inmunofenotipo',
  molecular: 'Biología molecular',
  cytogenetics: 'Citogenética',
  other: 'Otro',
};

export const FOLLOW_THROUGH_LABEL: Record<FollowThroughStatus, string> = {
  carried_out: 'Llevada a cabo',
  carried_out_with_changes: 'Llevada a cabo con cambios',
  not_carried_out: 'No llevada a cabo',
};

export const PATIENT_COURSE_LABEL: Record<PatientCourse, string> = { in_treatment: 'En tratamiento', remission: 'En remisión', relapse: 'Recaída', deceased: 'Defunción' };
