import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { attachmentContentTypes, sexes } from '../../../shared/cases';
import { behaviourCodes } from '../../../shared/icdO3Behaviour';
import { mexicanStateCodes } from '../../../shared/mexico';
import type { PathwayMilestone } from '../../../shared/pathway';
import { stagingFields, stagingFieldValues } from '../../../shared/staging';

const dicomSliceSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    sopInstanceUid: { type: String, required: true },
    instanceNumber: { type: Number, default: null },
    position: { type: Number, default: null },
    frames: { type: Number, required: true },
  },
  { _id: false },
);

/** The files of one DICOM series, kept in the order they are shown. */
const dicomSeriesSchema = new Schema(
  {
    studyInstanceUid: { type: String, required: true },
    seriesInstanceUid: { type: String, required: true },
    modality: { type: String, default: '' },
    slices: { type: [dicomSliceSchema], default: [] },
  },
  { _id: false },
);

/** A stored file; a DICOM series is one attachment whose `fileId` names the series, not a stored file. */
const attachmentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true, enum: attachmentContentTypes },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    series: { type: dicomSeriesSchema, required: false },
  },
  { _id: false },
);

const text = { type: String, default: '' };
/** One of `values`, or blank for "not recorded". */
const choice = (values: readonly string[]) => ({ type: String, default: '', enum: ['', ...values] });
const staging = Object.fromEntries(stagingFields.map((field) => [field, choice(stagingFieldValues[field])]));

/** The patient's pathway: Mexican calendar days (YYYY-MM-DD), '' until known. Written apart from the case form. */
const pathwaySchema = new Schema({ referredOn: text, arrivedOn: text, diagnosedOn: text, treatmentStartedOn: text } satisfies Record<PathwayMilestone, typeof text>, {
  _id: false,
});

/** A pseudonymised clinical case presented at one session; its files live in GridFS. */
const caseSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    caseCode: { type: String, required: true },
    ageYears: { type: Number, required: true },
    ageMonths: { type: Number, default: 0 },
    sex: { type: String, required: true, enum: sexes },
    state: { type: String, required: true, enum: mexicanStateCodes },
    icd10Code: { type: String, required: true },
    diagnosis: { type: String, required: true },
    icdO3Topography: text,
    icdO3Morphology: text,
    icdO3Behaviour: choice(behaviourCodes),
    ...staging,
    riskGroup: text,
    stage: text,
    immunophenotype: text,
    minimalResidualDisease: text,
    immunohistochemistry: text,
    otherResults: text,
    currentProtocol: text,
    clinicalSummary: text,
    question: text,
    attachments: { type: [attachmentSchema], default: [] },
    // Not counted in `version`: recording a date must not make an open case form's save conflict.
    pathway: { type: pathwaySchema, default: () => ({}) },
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
caseSchema.index({ sessionId: 1, caseCode: 1 }, { unique: true });

export type Case = InferSchemaType<typeof caseSchema>;

export function caseModel(connection: Connection) {
  return connection.model('Case', caseSchema);
}
