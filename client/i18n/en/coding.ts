import type { messages as spanish } from '../es-MX/coding';

/** The English messages of the ICD-O-3 coding and the staging of a case, to merge beside the main messages. */
export const messages: typeof spanish = {
  coding: {
    topography: 'Topography (ICD-O-3)',
    topographyHint: 'Type the code (C71.6) or the site…',
    morphology: 'Morphology (ICD-O-3)',
    morphologyHint: 'Type the code (9500/3), the name or an abbreviation (LLA, NB, TW)…',
    behaviour: 'Behaviour',
    behaviours: {
      0: 'Benign',
      1: 'Uncertain whether benign or malignant (borderline, low malignant potential)',
      2: 'Carcinoma in situ (intraepithelial, non-infiltrating, non-invasive)',
      3: 'Malignant, primary site',
      6: 'Malignant, metastatic site (secondary)',
      9: 'Malignant, uncertain whether primary or metastatic site',
    },
    noBehaviour: '—',
    noResults: 'No results for “{query}”',
    staging: 'Staging and risk',
    stagingHint: 'The systems shown are those that fit the diagnosis (ICD-10 or ICD-O-3 morphology).',
    notRecorded: 'Not recorded',
    fields: {
      inrgStage: 'INRG stage',
      inrgRisk: 'INRG risk group',
      cogRenalStage: 'COG stage (renal tumour)',
      cogRenalRisk: 'COG risk group (renal tumour)',
      murphyStage: 'St. Jude/Murphy stage',
      hodgkinStage: 'Ann Arbor/Lugano stage',
      allNciRisk: 'NCI risk',
      allFinalRisk: 'Final risk',
    },
    risks: { very_low: 'Very low', low: 'Low', intermediate: 'Intermediate', standard: 'Standard', higher: 'Higher', high: 'High', very_high: 'Very high' },
  },
};
