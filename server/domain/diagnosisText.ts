import { findTopography } from '../../shared/icdO3Topography';
import { morphologyName } from '../../shared/icdO3Morphology';
import { isRiskField, riskLabels, stagingFieldLabels, stagingFields, type RiskLevel, type StagingField } from '../../shared/staging';

/** A case's coding and staging as stored; cases saved before these fields existed lack them. */
export type CodedCase = { icdO3Topography?: string | null; icdO3Morphology?: string | null; icdO3Behaviour?: string | null; riskGroup?: string | null; stage?: string | null } & {
  [F in StagingField]?: string | null;
};

/** "C74.9 Glándula suprarrenal, SAI; 9500/3 Neuroblastoma, SAI", or '' when the case has no ICD-O-3 coding. */
export function icdO3Text(coded: CodedCase): string {
  const parts: string[] = [];
  if (coded.icdO3Topography) parts.push(`${coded.icdO3Topography} ${findTopography(coded.icdO3Topography)?.name ?? ''}`.trim());
  if (coded.icdO3Morphology) {
    const code = `${coded.icdO3Morphology}/${coded.icdO3Behaviour ?? ''}`;
    parts.push(`${code} ${morphologyName(coded.icdO3Morphology, coded.icdO3Behaviour ?? '') ?? ''}`.trim());
  }
  return parts.join('; ');
}

/** "Estadio INRG M; Grupo de riesgo INRG alto; otra etapa: M3 (Chang)", or '' when nothing is recorded. */
export function stagingText(coded: CodedCase): string {
  const parts = stagingFields.flatMap((field) => {
    const value = coded[field];
    if (!value) return [];
    return [`${stagingFieldLabels[field]} ${isRiskField(field) ? (riskLabels[value as RiskLevel] ?? value).toLowerCase() : value}`];
  });
  if (coded.stage) parts.push(`otra etapa: ${coded.stage}`);
  if (coded.riskGroup) parts.push(`grupo de riesgo: ${coded.riskGroup}`);
  return parts.join('; ');
}
