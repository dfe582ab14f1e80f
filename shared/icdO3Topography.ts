import { vocabulary } from './vocabulary';

/**
 * ICD-O-3 topography (CIE-O-3, topografía): where the tumour arose, every subsite C00.0–C80.9 with
 * its Spanish name as in the Spanish edition (SAI: sin otra indicación). Curated for OncoBoard;
 * the subsite names are searched together with the name of their site (C71 Encéfalo…).
 */
export interface TopographyEntry {
  /** C00.0–C80.9. */
  code: string;
  name: string;
  /** The three-character site it belongs to (C71). */
  site: string;
}

interface Site {
  code: string;
  name: string;
  subsites: Record<string, string>;
  synonyms?: Record<string, readonly string[]>;
}

const site = (code: string, name: string, subsites: Record<string, string>, synonyms?: Record<string, readonly string[]>): Site => ({ code, name, subsites, synonyms });

const sites: readonly Site[] = [
  site('C00', 'Labio', {
    0: 'Labio superior externo',
    1: 'Labio inferior externo',
    2: 'Labio externo, SAI',
    3: 'Mucosa del labio superior',
    4: 'Mucosa del labio inferior',
    5: 'Mucosa del labio, SAI',
    6: 'Comisura labial',
    8: 'Lesión de sitios contiguos del labio',
    9: 'Labio, SAI',
  }),
  site('C01', 'Base de la lengua', { 9: 'Base de la lengua, SAI' }),
  site('C02', 'Otras partes y las no especificadas de la lengua', {
    0: 'Cara dorsal de la lengua, SAI',
    1: 'Borde de la lengua',
    2: 'Cara ventral de la lengua, SAI',
    3: 'Dos tercios anteriores de la lengua, SAI',
    4: 'Amígdala lingual',
    8: 'Lesión de sitios contiguos de la lengua',
    9: 'Lengua, SAI',
  }),
  site('C03', 'Encía', { 0: 'Encía superior', 1: 'Encía inferior', 9: 'Encía, SAI' }),
  site('C04', 'Piso de la boca', {
    0: 'Parte anterior del piso de la boca',
    1: 'Parte lateral del piso de la boca',
    8: 'Lesión de sitios contiguos del piso de la boca',
    9: 'Piso de la boca, SAI',
  }),
  site('C05', 'Paladar', { 0: 'Paladar duro', 1: 'Paladar blando, SAI', 2: 'Úvula', 8: 'Lesión de sitios contiguos del paladar', 9: 'Paladar, SAI' }),
  site('C06', 'Otras partes y las no especificadas de la boca', {
    0: 'Mucosa de la mejilla',
    1: 'Vestíbulo de la boca',
    2: 'Área retromolar',
    8: 'Lesión de sitios contiguos de otras partes y de las no especificadas de la boca',
    9: 'Boca, SAI',
  }),
  site('C07', 'Glándula parótida', { 9: 'Glándula parótida' }),
  site('C08', 'Otras glándulas salivales mayores y las no especificadas', {
    0: 'Glándula submandibular',
    1: 'Glándula sublingual',
    8: 'Lesión de sitios contiguos de las glándulas salivales mayores',
    9: 'Glándula salival mayor, SAI',
  }),
  site('C09', 'Amígdala', { 0: 'Fosa amigdalina', 1: 'Pilar amigdalino', 8: 'Lesión de sitios contiguos de la amígdala', 9: 'Amígdala, SAI' }),
  site('C10', 'Orofaringe', {
    0: 'Valécula',
    1: 'Cara anterior de la epiglotis',
    2: 'Pared lateral de la orofaringe',
    3: 'Pared posterior de la orofaringe',
    4: 'Hendidura branquial',
    8: 'Lesión de sitios contiguos de la orofaringe',
    9: 'Orofaringe, SAI',
  }),
  site(
    'C11',
    'Nasofaringe',
    {
      0: 'Pared superior de la nasofaringe',
      1: 'Pared posterior de la nasofaringe',
      2: 'Pared lateral de la nasofaringe',
      3: 'Pared anterior de la nasofaringe',
      8: 'Lesión de sitios contiguos de la nasofaringe',
      9: 'Nasofaringe, SAI',
    },
    { 9: ['rinofaringe', 'cavum'] },
  ),
  site('C12', 'Seno piriforme', { 9: 'Seno piriforme' }),
  site('C13', 'Hipofaringe', {
    0: 'Región postcricoidea',
    1: 'Pliegue aritenoepiglótico, cara hipofaríngea',
    2: 'Pared posterior de la hipofaringe',
    8: 'Lesión de sitios contiguos de la hipofaringe',
    9: 'Hipofaringe, SAI',
  }),
  site('C14', 'Otros sitios y los mal definidos del labio, de la cavidad bucal y de la faringe', {
    0: 'Faringe, SAI',
    2: 'Anillo de Waldeyer',
    8: 'Lesión de sitios contiguos del labio, de la cavidad bucal y de la faringe',
  }),
  site('C15', 'Esófago', {
    0: 'Esófago cervical',
    1: 'Esófago torácico',
    2: 'Esófago abdominal',
    3: 'Tercio superior del esófago',
    4: 'Tercio medio del esófago',
    5: 'Tercio inferior del esófago',
    8: 'Lesión de sitios contiguos del esófago',
    9: 'Esófago, SAI',
  }),
  site('C16', 'Estómago', {
    0: 'Cardias, SAI',
    1: 'Fondo del estómago',
    2: 'Cuerpo del estómago',
    3: 'Antro pilórico',
    4: 'Píloro',
    5: 'Curvatura menor del estómago, SAI',
    6: 'Curvatura mayor del estómago, SAI',
    8: 'Lesión de sitios contiguos del estómago',
    9: 'Estómago, SAI',
  }),
  site('C17', 'Intestino delgado', {
    0: 'Duodeno',
    1: 'Yeyuno',
    2: 'Íleon',
    3: 'Divertículo de Meckel',
    8: 'Lesión de sitios contiguos del intestino delgado',
    9: 'Intestino delgado, SAI',
  }),
  site('C18', 'Colon', {
    0: 'Ciego',
    1: 'Apéndice',
    2: 'Colon ascendente',
    3: 'Ángulo hepático del colon',
    4: 'Colon transverso',
    5: 'Ángulo esplénico del colon',
    6: 'Colon descendente',
    7: 'Colon sigmoide',
    8: 'Lesión de sitios contiguos del colon',
    9: 'Colon, SAI',
  }),
  site('C19', 'Unión rectosigmoidea', { 9: 'Unión rectosigmoidea' }),
  site('C20', 'Recto', { 9: 'Recto, SAI' }),
  site('C21', 'Ano y conducto anal', {
    0: 'Ano, SAI',
    1: 'Conducto anal',
    2: 'Zona cloacogénica',
    8: 'Lesión de sitios contiguos del recto, del ano y del conducto anal',
  }),
  site('C22', 'Hígado y vías biliares intrahepáticas', { 0: 'Hígado', 1: 'Vías biliares intrahepáticas' }, { 0: ['hepático'] }),
  site('C23', 'Vesícula biliar', { 9: 'Vesícula biliar' }),
  site('C24', 'Otras partes y las no especificadas de las vías biliares', {
    0: 'Vías biliares extrahepáticas',
    1: 'Ampolla de Vater',
    8: 'Lesión de sitios contiguos de las vías biliares',
    9: 'Vías biliares, SAI',
  }),
  site('C25', 'Páncreas', {
    0: 'Cabeza del páncreas',
    1: 'Cuerpo del páncreas',
    2: 'Cola del páncreas',
    3: 'Conducto pancreático',
    4: 'Páncreas endocrino (islotes de Langerhans)',
    7: 'Otras partes especificadas del páncreas',
    8: 'Lesión de sitios contiguos del páncreas',
    9: 'Páncreas, SAI',
  }),
  site('C26', 'Otros sitios y los mal definidos de los órganos digestivos', {
    0: 'Tracto intestinal, SAI',
    8: 'Lesión de sitios contiguos del sistema digestivo',
    9: 'Tracto gastrointestinal, SAI',
  }),
  site('C30', 'Fosa nasal y oído medio', { 0: 'Fosa nasal', 1: 'Oído medio' }),
  site('C31', 'Senos paranasales', {
    0: 'Seno maxilar',
    1: 'Seno etmoidal',
    2: 'Seno frontal',
    3: 'Seno esfenoidal',
    8: 'Lesión de sitios contiguos de los senos paranasales',
    9: 'Seno paranasal, SAI',
  }),
  site('C32', 'Laringe', {
    0: 'Glotis',
    1: 'Supraglotis',
    2: 'Subglotis',
    3: 'Cartílago laríngeo',
    8: 'Lesión de sitios contiguos de la laringe',
    9: 'Laringe, SAI',
  }),
  site('C33', 'Tráquea', { 9: 'Tráquea' }),
  site('C34', 'Bronquios y pulmón', {
    0: 'Bronquio principal',
    1: 'Lóbulo superior del pulmón',
    2: 'Lóbulo medio del pulmón',
    3: 'Lóbulo inferior del pulmón',
    8: 'Lesión de sitios contiguos del pulmón',
    9: 'Pulmón, SAI',
  }),
  site('C37', 'Timo', { 9: 'Timo' }),
  site('C38', 'Corazón, mediastino y pleura', {
    0: 'Corazón',
    1: 'Mediastino anterior',
    2: 'Mediastino posterior',
    3: 'Mediastino, SAI',
    4: 'Pleura, SAI',
    8: 'Lesión de sitios contiguos del corazón, del mediastino y de la pleura',
  }),
  site('C39', 'Otros sitios y los mal definidos del sistema respiratorio y de los órganos intratorácicos', {
    0: 'Vías respiratorias superiores, SAI',
    8: 'Lesión de sitios contiguos del sistema respiratorio y de los órganos intratorácicos',
    9: 'Sitios mal definidos del sistema respiratorio',
  }),
  site(
    'C40',
    'Huesos, articulaciones y cartílago articular de los miembros',
    {
      0: 'Huesos largos del miembro superior, escápula y articulaciones asociadas',
      1: 'Huesos cortos del miembro superior y articulaciones asociadas',
      2: 'Huesos largos del miembro inferior y articulaciones asociadas',
      3: 'Huesos cortos del miembro inferior y articulaciones asociadas',
      8: 'Lesión de sitios contiguos de los huesos, articulaciones y cartílago articular de los miembros',
      9: 'Hueso de miembro, SAI',
    },
    { 0: ['húmero', 'radio', 'cúbito', 'omóplato'], 2: ['fémur', 'tibia', 'peroné'] },
  ),
  site(
    'C41',
    'Huesos, articulaciones y cartílago articular de otros sitios y de los no especificados',
    {
      0: 'Huesos del cráneo y de la cara y articulaciones asociadas',
      1: 'Mandíbula',
      2: 'Columna vertebral',
      3: 'Costilla, esternón, clavícula y articulaciones asociadas',
      4: 'Huesos de la pelvis, sacro, cóccix y articulaciones asociadas',
      8: 'Lesión de sitios contiguos de los huesos, articulaciones y cartílago articular',
      9: 'Hueso, SAI',
    },
    { 2: ['vértebra'], 4: ['ilíaco', 'sacrococcígeo'] },
  ),
  site(
    'C42',
    'Sistemas hematopoyético y reticuloendotelial',
    { 0: 'Sangre', 1: 'Médula ósea', 2: 'Bazo', 3: 'Sistema reticuloendotelial, SAI', 4: 'Sistema hematopoyético, SAI' },
    { 1: ['MO'] },
  ),
  site('C44', 'Piel', {
    0: 'Piel del labio, SAI',
    1: 'Párpado',
    2: 'Oído externo',
    3: 'Piel de otras partes y de las no especificadas de la cara',
    4: 'Piel del cuero cabelludo y del cuello',
    5: 'Piel del tronco',
    6: 'Piel del miembro superior y del hombro',
    7: 'Piel del miembro inferior y de la cadera',
    8: 'Lesión de sitios contiguos de la piel',
    9: 'Piel, SAI',
  }),
  site(
    'C47',
    'Nervios periféricos y sistema nervioso autónomo',
    {
      0: 'Nervios periféricos y sistema nervioso autónomo de la cabeza, cara y cuello',
      1: 'Nervios periféricos y sistema nervioso autónomo del miembro superior y del hombro',
      2: 'Nervios periféricos y sistema nervioso autónomo del miembro inferior y de la cadera',
      3: 'Nervios periféricos y sistema nervioso autónomo del tórax',
      4: 'Nervios periféricos y sistema nervioso autónomo del abdomen',
      5: 'Nervios periféricos y sistema nervioso autónomo de la pelvis',
      6: 'Nervios periféricos y sistema nervioso autónomo del tronco, SAI',
      8: 'Lesión de sitios contiguos de los nervios periféricos y del sistema nervioso autónomo',
      9: 'Sistema nervioso autónomo, SAI',
    },
    { 3: ['paravertebral torácico', 'mediastino posterior'], 4: ['paravertebral abdominal'] },
  ),
  site('C48', 'Retroperitoneo y peritoneo', {
    0: 'Retroperitoneo',
    1: 'Partes especificadas del peritoneo',
    2: 'Peritoneo, SAI',
    8: 'Lesión de sitios contiguos del retroperitoneo y del peritoneo',
  }),
  site(
    'C49',
    'Tejido conjuntivo, subcutáneo y otros tejidos blandos',
    {
      0: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos de la cabeza, cara y cuello',
      1: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos del miembro superior y del hombro',
      2: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos del miembro inferior y de la cadera',
      3: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos del tórax',
      4: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos del abdomen',
      5: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos de la pelvis',
      6: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos del tronco, SAI',
      8: 'Lesión de sitios contiguos del tejido conjuntivo, subcutáneo y de otros tejidos blandos',
      9: 'Tejido conjuntivo, subcutáneo y otros tejidos blandos, SAI',
    },
    { 0: ['parameníngeo'] },
  ),
  site('C50', 'Mama', {
    0: 'Pezón',
    1: 'Porción central de la mama',
    2: 'Cuadrante superior interno de la mama',
    3: 'Cuadrante inferior interno de la mama',
    4: 'Cuadrante superior externo de la mama',
    5: 'Cuadrante inferior externo de la mama',
    6: 'Prolongación axilar de la mama',
    8: 'Lesión de sitios contiguos de la mama',
    9: 'Mama, SAI',
  }),
  site('C51', 'Vulva', { 0: 'Labio mayor', 1: 'Labio menor', 2: 'Clítoris', 8: 'Lesión de sitios contiguos de la vulva', 9: 'Vulva, SAI' }),
  site('C52', 'Vagina', { 9: 'Vagina, SAI' }),
  site(
    'C53',
    'Cuello del útero',
    { 0: 'Endocérvix', 1: 'Exocérvix', 8: 'Lesión de sitios contiguos del cuello del útero', 9: 'Cuello del útero' },
    { 9: ['cérvix', 'cervicouterino'] },
  ),
  site('C54', 'Cuerpo del útero', {
    0: 'Istmo uterino',
    1: 'Endometrio',
    2: 'Miometrio',
    3: 'Fondo del útero',
    8: 'Lesión de sitios contiguos del cuerpo del útero',
    9: 'Cuerpo del útero',
  }),
  site('C55', 'Útero, SAI', { 9: 'Útero, SAI' }),
  site('C56', 'Ovario', { 9: 'Ovario' }),
  site('C57', 'Otros órganos genitales femeninos y los no especificados', {
    0: 'Trompa de Falopio',
    1: 'Ligamento ancho',
    2: 'Ligamento redondo',
    3: 'Parametrio',
    4: 'Anexos uterinos',
    7: 'Otras partes especificadas de los órganos genitales femeninos',
    8: 'Lesión de sitios contiguos de los órganos genitales femeninos',
    9: 'Tracto genital femenino, SAI',
  }),
  site('C58', 'Placenta', { 9: 'Placenta' }),
  site('C60', 'Pene', { 0: 'Prepucio', 1: 'Glande', 2: 'Cuerpo del pene', 8: 'Lesión de sitios contiguos del pene', 9: 'Pene, SAI' }),
  site('C61', 'Próstata', { 9: 'Próstata' }),
  site('C62', 'Testículo', { 0: 'Testículo no descendido', 1: 'Testículo descendido', 9: 'Testículo, SAI' }),
  site(
    'C63',
    'Otros órganos genitales masculinos y los no especificados',
    {
      0: 'Epidídimo',
      1: 'Cordón espermático',
      2: 'Escroto, SAI',
      7: 'Otras partes especificadas de los órganos genitales masculinos',
      8: 'Lesión de sitios contiguos de los órganos genitales masculinos',
      9: 'Órganos genitales masculinos, SAI',
    },
    { 1: ['paratesticular'] },
  ),
  site('C64', 'Riñón', { 9: 'Riñón, SAI' }, { 9: ['renal'] }),
  site('C65', 'Pelvis renal', { 9: 'Pelvis renal' }),
  site('C66', 'Uréter', { 9: 'Uréter' }),
  site('C67', 'Vejiga urinaria', {
    0: 'Trígono vesical',
    1: 'Cúpula vesical',
    2: 'Pared lateral de la vejiga',
    3: 'Pared anterior de la vejiga',
    4: 'Pared posterior de la vejiga',
    5: 'Cuello de la vejiga',
    6: 'Orificio ureteral',
    7: 'Uraco',
    8: 'Lesión de sitios contiguos de la vejiga',
    9: 'Vejiga, SAI',
  }),
  site('C68', 'Otros órganos urinarios y los no especificados', {
    0: 'Uretra',
    1: 'Glándula parauretral',
    8: 'Lesión de sitios contiguos de los órganos urinarios',
    9: 'Sistema urinario, SAI',
  }),
  site('C69', 'Ojo y anexos', {
    0: 'Conjuntiva',
    1: 'Córnea, SAI',
    2: 'Retina',
    3: 'Coroides',
    4: 'Cuerpo ciliar',
    5: 'Glándula lagrimal',
    6: 'Órbita, SAI',
    8: 'Lesión de sitios contiguos del ojo y sus anexos',
    9: 'Ojo, SAI',
  }),
  site('C70', 'Meninges', { 0: 'Meninges cerebrales', 1: 'Meninges raquídeas', 9: 'Meninges, SAI' }),
  site(
    'C71',
    'Encéfalo',
    {
      0: 'Cerebro',
      1: 'Lóbulo frontal',
      2: 'Lóbulo temporal',
      3: 'Lóbulo parietal',
      4: 'Lóbulo occipital',
      5: 'Ventrículo, SAI',
      6: 'Cerebelo, SAI',
      7: 'Tallo cerebral',
      8: 'Lesión de sitios contiguos del encéfalo',
      9: 'Encéfalo, SAI',
    },
    { 5: ['cuarto ventrículo', 'tercer ventrículo'], 6: ['fosa posterior'], 7: ['tronco encefálico', 'puente', 'protuberancia', 'bulbo raquídeo', 'mesencéfalo'] },
  ),
  site(
    'C72',
    'Médula espinal, nervios craneales y otras partes del sistema nervioso central',
    {
      0: 'Médula espinal',
      1: 'Cola de caballo',
      2: 'Nervio olfatorio',
      3: 'Nervio óptico',
      4: 'Nervio acústico',
      5: 'Nervio craneal, SAI',
      8: 'Lesión de sitios contiguos del encéfalo y del sistema nervioso central',
      9: 'Sistema nervioso, SAI',
    },
    { 9: ['sistema nervioso central', 'SNC'] },
  ),
  site('C73', 'Glándula tiroides', { 9: 'Glándula tiroides' }),
  site('C74', 'Glándula suprarrenal', { 0: 'Corteza de la glándula suprarrenal', 1: 'Médula de la glándula suprarrenal', 9: 'Glándula suprarrenal, SAI' }, { 9: ['adrenal'] }),
  site(
    'C75',
    'Otras glándulas endocrinas y estructuras afines',
    {
      0: 'Glándula paratiroides',
      1: 'Hipófisis',
      2: 'Conducto craneofaríngeo',
      3: 'Glándula pineal',
      4: 'Cuerpo carotídeo',
      5: 'Cuerpo aórtico y otros paraganglios',
      8: 'Lesión de sitios contiguos de las glándulas endocrinas y estructuras afines',
      9: 'Glándula endocrina, SAI',
    },
    { 1: ['silla turca', 'supraselar'] },
  ),
  site('C76', 'Otros sitios y los mal definidos', {
    0: 'Cabeza, cara o cuello, SAI',
    1: 'Tórax, SAI',
    2: 'Abdomen, SAI',
    3: 'Pelvis, SAI',
    4: 'Miembro superior, SAI',
    5: 'Miembro inferior, SAI',
    7: 'Otros sitios mal definidos',
    8: 'Lesión de sitios contiguos mal definidos',
  }),
  site('C77', 'Ganglios linfáticos', {
    0: 'Ganglios linfáticos de la cabeza, cara y cuello',
    1: 'Ganglios linfáticos intratorácicos',
    2: 'Ganglios linfáticos intraabdominales',
    3: 'Ganglios linfáticos de la axila o del miembro superior',
    4: 'Ganglios linfáticos de la región inguinal o del miembro inferior',
    5: 'Ganglios linfáticos de la pelvis',
    8: 'Ganglios linfáticos de regiones múltiples',
    9: 'Ganglio linfático, SAI',
  }),
  site('C80', 'Sitio primario desconocido', { 9: 'Sitio primario desconocido' }),
];

/** The three-character sites by code (C71: Encéfalo). */
export const topographySites: Readonly<Record<string, string>> = Object.fromEntries(sites.map(({ code, name }) => [code, name]));

export const icdO3Topography: readonly TopographyEntry[] = sites.flatMap(({ code, subsites }) =>
  Object.entries(subsites).map(([digit, name]) => ({ code: `${code}.${digit}`, name, site: code })),
);

const extraSynonyms = new Map<string, readonly string[]>(
  sites.flatMap(({ code, synonyms }) => Object.entries(synonyms ?? {}).map(([digit, terms]) => [`${code}.${digit}`, terms] as const)),
);

const topography = vocabulary(icdO3Topography, {
  codes: (entry) => [entry.code],
  name: (entry) => entry.name,
  synonyms: (entry) => [topographySites[entry.site]!, ...(extraSynonyms.get(entry.code) ?? [])],
});

/** Subsites for what was typed, best first (code, site name, subsite name, synonyms). */
export const searchTopography = (query: string, limit = 20): TopographyEntry[] => topography.search(query, limit);

/** The subsite of a code typed with or without its dot, in any case (`c71.6`, `C716`). */
export const findTopography = (code: string): TopographyEntry | undefined => topography.find(code);

/**
 * The subsite an ICD-10 code names where the two classifications share the code (C71.6; C64 is
 * C64.9). None for C77: in ICD-10 that is a lymph-node metastasis, not where the tumour arose.
 */
export function topographyForIcd10(icd10Code: string): TopographyEntry | undefined {
  if (icd10Code.startsWith('C77')) return undefined;
  return findTopography(icd10Code) ?? (icd10Code.includes('.') ? undefined : findTopography(`${icd10Code}.9`));
}
