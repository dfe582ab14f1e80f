import { computed, type Ref } from 'vue';
import type { CaseFields } from '../shared/cases';
import { morphologyName } from '../shared/icdO3Morphology';
import { findTopography } from '../shared/icdO3Topography';
import { isRiskField, stagingFields } from '../shared/staging';
import { i18n } from './i18n';

export interface LabelledValue {
  label: string;
  value: string;
}

type Coded = Pick<CaseFields, 'icdO3Topography' | 'icdO3Morphology' | 'icdO3Behaviour' | (typeof stagingFields)[number]>;

/** A case's ICD-O-3 coding and structured staging as label and value pairs, in the page's language; only what is recorded. */
export function useCaseCoding(record: Ref<Coded | null | undefined>) {
  const t = i18n.global.t;
  return computed<LabelledValue[]>(() => {
    const coded = record.value;
    if (!coded) return [];
    const items: LabelledValue[] = [];
    if (coded.icdO3Topography) {
      items.push({ label: t('coding.topography'), value: `${coded.icdO3Topography} · ${findTopography(coded.icdO3Topography)?.name ?? ''}` });
    }
    if (coded.icdO3Morphology) {
      const name = morphologyName(coded.icdO3Morphology, coded.icdO3Behaviour) ?? '';
      items.push({ label: t('coding.morphology'), value: `${coded.icdO3Morphology}/${coded.icdO3Behaviour} · ${name}` });
      if (coded.icdO3Behaviour) items.push({ label: t('coding.behaviour'), value: `/${coded.icdO3Behaviour} ${t(`coding.behaviours.${coded.icdO3Behaviour}`)}` });
    }
    for (const field of stagingFields) {
      const value = coded[field];
      if (value) items.push({ label: t(`coding.fields.${field}`), value: isRiskField(field) ? t(`coding.risks.${value}`) : value });
    }
    return items;
  });
}
