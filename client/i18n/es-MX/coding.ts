import { behaviourLabels } from '../../../shared/icdO3Behaviour';
import { riskLabels, stagingFieldLabels } from '../../../shared/staging';

/** Messages of the ICD-O-3 coding and the staging of a case, to merge beside the main messages. */
export const messages = {
  coding: {
    topography: 'Topografía (CIE-O-3)',
    topographyHint: 'Escriba la clave (C71.6) o el sitio…',
    morphology: 'Morfología (CIE-O-3)',
    morphologyHint: 'Escriba la clave (9500/3), el nombre o la abreviatura (LLA, NB, TW)…',
    behaviour: 'Comportamiento',
    behaviours: behaviourLabels,
    noBehaviour: '—',
    noResults: 'Sin resultados para «{query}»',
    staging: 'Estadificación y riesgo',
    stagingHint: 'Se muestran los sistemas que corresponden al diagnóstico (CIE-10 o morfología CIE-O-3).',
    notRecorded: 'Sin registrar',
    fields: stagingFieldLabels,
    risks: riskLabels,
  },
};
