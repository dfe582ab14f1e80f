/*
 * ICD-O-3 behaviour codes and their Spanish names, apart from the morphology catalogue: the
 * client's messages carry the names on every page, the catalogue is loaded with the case pages.
 */

/** The fifth digit: how the tumour behaves, chosen apart from the histology (a 8500 can be /2 or /3). */
export const behaviourCodes = ['0', '1', '2', '3', '6', '9'] as const;
export type BehaviourCode = (typeof behaviourCodes)[number];

export const behaviourLabels: Readonly<Record<BehaviourCode, string>> = {
  0: 'Benigno',
  1: 'Incierto si es benigno o maligno (límite, bajo potencial maligno)',
  2: 'Carcinoma in situ (intraepitelial, no infiltrante, no invasor)',
  3: 'Maligno, sitio primario',
  6: 'Maligno, sitio metastásico (secundario)',
  9: 'Maligno, incierto si el sitio es primario o metastásico',
};
