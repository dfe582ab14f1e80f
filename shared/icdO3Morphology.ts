import { vocabulary } from './vocabulary';

/**
 * ICD-O-3 morphology (CIE-O-3, morfología, with the ICD-O-3.1/3.2 updates): the histologies this
 * network diagnoses, coded histology/behaviour (9500/3) with Spanish names. Curated for OncoBoard,
 * not the whole classification: every ICCC-3 main group of childhood cancer, the common adult
 * carcinomas, sarcomas and haematological neoplasms, and the benign or uncertain tumours a tumour
 * board discusses (pilocytic astrocytoma, craniopharyngioma, ganglioneuroma…).
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

/**
 * The main groups of the International Classification of Childhood Cancer (ICCC-3). A
 * morphology is put in the group it usually falls in; the ICCC also looks at the site for some
 * (an osteosarcoma of soft tissue is IX, not VIII).
 */
export const icccGroups = {
  I: 'Leucemias, enfermedades mieloproliferativas y mielodisplásicas',
  II: 'Linfomas y neoplasias reticuloendoteliales',
  III: 'Tumores del SNC y tumores intracraneales e intraespinales diversos',
  IV: 'Neuroblastoma y otros tumores de células nerviosas periféricas',
  V: 'Retinoblastoma',
  VI: 'Tumores renales',
  VII: 'Tumores hepáticos',
  VIII: 'Tumores óseos malignos',
  IX: 'Sarcomas de tejidos blandos y otros sarcomas extraóseos',
  X: 'Tumores de células germinales, tumores trofoblásticos y neoplasias gonadales',
  XI: 'Otras neoplasias epiteliales malignas y melanomas malignos',
  XII: 'Otras neoplasias malignas y las no especificadas',
} as const;
export type IcccGroup = keyof typeof icccGroups;

export interface MorphologyEntry {
  /** Histology and behaviour: 9500/3. */
  code: string;
  name: string;
  synonyms: readonly string[];
  /** Where childhood cancer registries count it; none for adult-only or benign histologies. */
  iccc?: IcccGroup;
}

type Row = [code: string, name: string, synonyms?: readonly string[]];

const group = (iccc: IcccGroup | undefined, rows: readonly Row[]): MorphologyEntry[] =>
  rows.map(([code, name, synonyms = []]) => ({ code, name, synonyms, ...(iccc ? { iccc } : {}) }));

const LLA_B = ['LLA', 'LLA-B', 'LLA pre-B', 'LAL', 'ALL', 'leucemia linfoblástica aguda', 'linfoma linfoblástico', 'LLB'];

export const icdO3Morphology: readonly MorphologyEntry[] = [
  ...group('I', [
    ['9811/3', 'Leucemia/linfoma linfoblástico de células B, SAI', LLA_B],
    ['9812/3', 'Leucemia/linfoma linfoblástico B con t(9;22)(q34;q11.2); BCR-ABL1', ['LLA-B Ph+', 'LLA Filadelfia positiva', 'BCR-ABL1']],
    ['9813/3', 'Leucemia/linfoma linfoblástico B con t(v;11q23); reordenamiento de KMT2A', ['LLA-B MLL', 'KMT2A', 'MLL']],
    ['9814/3', 'Leucemia/linfoma linfoblástico B con t(12;21)(p13;q22); ETV6-RUNX1', ['LLA-B ETV6-RUNX1', 'TEL-AML1']],
    ['9815/3', 'Leucemia/linfoma linfoblástico B con hiperdiploidía', ['LLA-B hiperdiploide']],
    ['9816/3', 'Leucemia/linfoma linfoblástico B con hipodiploidía', ['LLA-B hipodiploide']],
    ['9817/3', 'Leucemia/linfoma linfoblástico B con t(5;14)(q31;q32); IL3-IGH'],
    ['9818/3', 'Leucemia/linfoma linfoblástico B con t(1;19)(q23;p13.3); TCF3-PBX1', ['E2A-PBX1']],
    ['9819/3', 'Leucemia/linfoma linfoblástico B, tipo BCR-ABL1 (Ph-like)', ['LLA-B Ph-like', 'Ph-like']],
    ['9835/3', 'Leucemia linfoblástica aguda, SAI (leucemia linfoblástica de células precursoras)', ['LLA', 'LAL', 'ALL']],
    ['9837/3', 'Leucemia/linfoma linfoblástico de células T', ['LLA-T', 'LLA T', 'T-ALL', 'linfoma linfoblástico T', 'LLB-T']],
    ['9820/3', 'Leucemia linfoide, SAI'],
    ['9823/3', 'Leucemia linfocítica crónica de células B/linfoma linfocítico de células pequeñas', ['LLC', 'CLL']],
    ['9833/3', 'Leucemia prolinfocítica de células B'],
    ['9834/3', 'Leucemia prolinfocítica de células T'],
    ['9827/3', 'Leucemia/linfoma de células T del adulto (HTLV-1 positivo)'],
    ['9940/3', 'Tricoleucemia', ['leucemia de células peludas']],
    ['9861/3', 'Leucemia mieloide aguda, SAI', ['LMA', 'LAM', 'AML', 'LANL', 'leucemia aguda mieloblástica']],
    ['9865/3', 'Leucemia mieloide aguda con t(6;9)(p23;q34); DEK-NUP214', ['LMA']],
    ['9866/3', 'Leucemia promielocítica aguda con PML-RARA', ['LPA', 'APL', 'LMA M3']],
    ['9867/3', 'Leucemia mielomonocítica aguda', ['LMA M4']],
    ['9869/3', 'Leucemia mieloide aguda con inv(3)(q21q26.2) o t(3;3)(q21;q26.2); RPN1-MECOM', ['LMA']],
    ['9871/3', 'Leucemia mieloide aguda con inv(16)(p13.1q22) o t(16;16)(p13.1;q22); CBFB-MYH11', ['LMA', 'LMA M4Eo']],
    ['9872/3', 'Leucemia mieloide aguda con diferenciación mínima', ['LMA', 'LMA M0']],
    ['9873/3', 'Leucemia mieloide aguda sin maduración', ['LMA', 'LMA M1']],
    ['9874/3', 'Leucemia mieloide aguda con maduración', ['LMA', 'LMA M2']],
    ['9877/3', 'Leucemia mieloide aguda con NPM1 mutado', ['LMA']],
    ['9878/3', 'Leucemia mieloide aguda con mutación bialélica de CEBPA', ['LMA']],
    ['9879/3', 'Leucemia mieloide aguda con RUNX1 mutado', ['LMA']],
    ['9891/3', 'Leucemia monocítica aguda', ['LMA M5', 'leucemia monoblástica aguda']],
    ['9895/3', 'Leucemia mieloide aguda con cambios relacionados con mielodisplasia', ['LMA']],
    ['9896/3', 'Leucemia mieloide aguda con t(8;21)(q22;q22.1); RUNX1-RUNX1T1', ['LMA', 'AML1-ETO']],
    ['9897/3', 'Leucemia mieloide aguda con t(9;11)(p21.3;q23.3); KMT2A-MLLT3', ['LMA', 'LMA MLL']],
    ['9898/1', 'Mielopoyesis anormal transitoria asociada a síndrome de Down', ['TAM', 'mielopoyesis transitoria']],
    ['9898/3', 'Leucemia mieloide asociada a síndrome de Down', ['LMA síndrome de Down', 'ML-DS']],
    ['9840/3', 'Leucemia eritroide pura', ['LMA M6', 'eritroleucemia']],
    ['9910/3', 'Leucemia megacarioblástica aguda', ['LMA M7']],
    ['9911/3', 'Leucemia mieloide aguda (megacarioblástica) con t(1;22)(p13.3;q13.1); RBM15-MKL1', ['LMA M7']],
    ['9920/3', 'Neoplasia mieloide relacionada con tratamiento', ['LMA secundaria', 'LMA-t']],
    ['9930/3', 'Sarcoma mieloide', ['cloroma', 'sarcoma granulocítico']],
    ['9805/3', 'Leucemia aguda de fenotipo mixto, SAI (bifenotípica)', ['LAFM', 'MPAL', 'leucemia bifenotípica']],
    ['9806/3', 'Leucemia aguda de fenotipo mixto con t(9;22)(q34;q11.2); BCR-ABL1', ['MPAL']],
    ['9807/3', 'Leucemia aguda de fenotipo mixto con t(v;11q23); reordenamiento de KMT2A', ['MPAL']],
    ['9808/3', 'Leucemia aguda de fenotipo mixto B/mieloide, SAI', ['MPAL']],
    ['9809/3', 'Leucemia aguda de fenotipo mixto T/mieloide, SAI', ['MPAL']],
    ['9801/3', 'Leucemia aguda, SAI', ['leucemia aguda de linaje ambiguo']],
    ['9800/3', 'Leucemia, SAI'],
    ['9875/3', 'Leucemia mieloide crónica, BCR-ABL1 positiva', ['LMC', 'LGC', 'CML', 'leucemia granulocítica crónica']],
    ['9876/3', 'Leucemia mieloide crónica atípica, BCR-ABL1 negativa', ['LMC atípica']],
    ['9945/3', 'Leucemia mielomonocítica crónica', ['LMMC', 'CMML']],
    ['9946/3', 'Leucemia mielomonocítica juvenil', ['LMMJ', 'JMML']],
    ['9963/3', 'Leucemia neutrofílica crónica'],
    ['9964/3', 'Leucemia eosinofílica crónica, SAI (síndrome hipereosinofílico)'],
    ['9950/3', 'Policitemia vera', ['PV']],
    ['9961/3', 'Mielofibrosis primaria', ['mielofibrosis']],
    ['9962/3', 'Trombocitemia esencial', ['TE']],
    ['9975/3', 'Neoplasia mieloproliferativa, SAI', ['NMP']],
    ['9985/3', 'Citopenia refractaria de la infancia (citopenia refractaria con displasia multilinaje)', ['CRI', 'SMD infantil']],
    ['9983/3', 'Síndrome mielodisplásico con exceso de blastos (anemia refractaria con exceso de blastos)', ['SMD-EB', 'AREB', 'SMD']],
    ['9986/3', 'Síndrome mielodisplásico con deleción 5q aislada', ['SMD 5q-', 'SMD']],
    ['9989/3', 'Síndrome mielodisplásico, SAI', ['SMD', 'MDS', 'mielodisplasia']],
  ]),
  ...group('II', [
    ['9650/3', 'Linfoma de Hodgkin, SAI', ['LH', 'HL', 'Hodgkin', 'enfermedad de Hodgkin']],
    ['9651/3', 'Linfoma de Hodgkin clásico rico en linfocitos', ['LH']],
    ['9652/3', 'Linfoma de Hodgkin clásico de celularidad mixta', ['LH', 'LH CM']],
    ['9653/3', 'Linfoma de Hodgkin clásico con depleción linfocitaria, SAI', ['LH']],
    ['9659/3', 'Linfoma de Hodgkin con predominio linfocitario nodular', ['LH', 'LHPLN', 'NLPHL']],
    ['9663/3', 'Linfoma de Hodgkin clásico con esclerosis nodular, SAI', ['LH', 'LH EN']],
    ['9591/3', 'Linfoma no Hodgkin, SAI (linfoma de células B, SAI)', ['LNH', 'NHL', 'linfoma no Hodgkin']],
    ['9590/3', 'Linfoma maligno, SAI', ['linfoma']],
    ['9687/3', 'Linfoma de Burkitt, SAI (incluye leucemia de Burkitt)', ['LB', 'Burkitt', 'LNH Burkitt', 'LLA L3', 'leucemia de Burkitt']],
    ['9680/3', 'Linfoma difuso de células B grandes, SAI', ['LDCBG', 'DLBCL', 'LNH']],
    ['9679/3', 'Linfoma mediastinal (tímico) de células B grandes', ['LMCBG', 'PMBL', 'linfoma mediastinal primario']],
    ['9688/3', 'Linfoma de células B grandes rico en células T/histiocitos'],
    ['9678/3', 'Linfoma de derrame primario'],
    ['9712/3', 'Linfoma intravascular de células B grandes'],
    ['9735/3', 'Linfoma plasmablástico'],
    ['9737/3', 'Linfoma de células B grandes ALK positivo'],
    ['9690/3', 'Linfoma folicular, SAI', ['LF']],
    ['9695/3', 'Linfoma folicular grado 1', ['LF']],
    ['9691/3', 'Linfoma folicular grado 2', ['LF']],
    ['9698/3', 'Linfoma folicular grado 3', ['LF']],
    ['9673/3', 'Linfoma de células del manto', ['LCM', 'MCL']],
    ['9699/3', 'Linfoma de la zona marginal, SAI (linfoma MALT)', ['MALT', 'LZM']],
    ['9671/3', 'Linfoma linfoplasmacítico'],
    ['9761/3', 'Macroglobulinemia de Waldenström', ['Waldenström']],
    ['9714/3', 'Linfoma anaplásico de células grandes, ALK positivo', ['LACG', 'ALCL', 'LACG ALK+']],
    ['9715/3', 'Linfoma anaplásico de células grandes, ALK negativo', ['LACG', 'ALCL', 'LACG ALK-']],
    ['9702/3', 'Linfoma de células T periféricas, SAI', ['LTP', 'PTCL']],
    ['9705/3', 'Linfoma angioinmunoblástico de células T'],
    ['9719/3', 'Linfoma extraganglionar de células T/NK, tipo nasal', ['linfoma NK/T nasal']],
    ['9716/3', 'Linfoma hepatoesplénico de células T'],
    ['9717/3', 'Linfoma de células T asociado a enteropatía'],
    ['9709/3', 'Linfoma cutáneo de células T, SAI'],
    ['9700/3', 'Micosis fungoide'],
    ['9701/3', 'Síndrome de Sézary'],
    ['9727/3', 'Neoplasia de células dendríticas plasmocitoides blásticas', ['BPDCN']],
    ['9971/3', 'Trastorno linfoproliferativo postrasplante polimorfo', ['TLPT', 'PTLD']],
    ['9751/3', 'Histiocitosis de células de Langerhans, SAI', ['HCL', 'LCH', 'histiocitosis X']],
    ['9755/3', 'Sarcoma histiocítico'],
    ['9756/3', 'Sarcoma de células de Langerhans'],
    ['9757/3', 'Sarcoma de células dendríticas interdigitantes'],
    ['9758/3', 'Sarcoma de células dendríticas foliculares'],
    ['9732/3', 'Mieloma múltiple', ['MM', 'mieloma']],
    ['9731/3', 'Plasmocitoma, SAI (plasmocitoma solitario de hueso)'],
    ['9734/3', 'Plasmocitoma extramedular'],
  ]),
  ...group('III', [
    ['9380/3', 'Glioma maligno', ['glioma']],
    ['9385/3', 'Glioma difuso de línea media, H3 K27M mutado', ['DIPG', 'GDLM', 'glioma de tallo', 'glioma pontino intrínseco difuso']],
    ['9400/3', 'Astrocitoma difuso, SAI', ['astrocitoma']],
    ['9401/3', 'Astrocitoma anaplásico', ['astrocitoma']],
    ['9421/1', 'Astrocitoma pilocítico', ['AP', 'astrocitoma juvenil', 'astrocitoma']],
    ['9425/3', 'Astrocitoma pilomixoide', ['astrocitoma']],
    ['9424/3', 'Xantoastrocitoma pleomórfico', ['XAP', 'PXA']],
    ['9384/1', 'Astrocitoma subependimario de células gigantes', ['SEGA', 'esclerosis tuberosa']],
    ['9440/3', 'Glioblastoma, SAI', ['GBM', 'glioblastoma multiforme']],
    ['9441/3', 'Glioblastoma de células gigantes', ['GBM']],
    ['9442/3', 'Gliosarcoma'],
    ['9450/3', 'Oligodendroglioma, SAI'],
    ['9451/3', 'Oligodendroglioma anaplásico'],
    ['9382/3', 'Glioma mixto (oligoastrocitoma)'],
    ['9391/3', 'Ependimoma, SAI', ['ependimoma']],
    ['9392/3', 'Ependimoma anaplásico', ['ependimoma']],
    ['9396/3', 'Ependimoma con fusión RELA', ['ependimoma supratentorial']],
    ['9394/1', 'Ependimoma mixopapilar', ['ependimoma']],
    ['9470/3', 'Meduloblastoma, SAI', ['MB', 'MDB', 'meduloblastoma']],
    ['9471/3', 'Meduloblastoma desmoplásico/nodular (SHH activado, TP53 no mutado)', ['MB', 'MB SHH']],
    ['9476/3', 'Meduloblastoma SHH activado, TP53 mutado', ['MB', 'MB SHH']],
    ['9475/3', 'Meduloblastoma WNT activado', ['MB', 'MB WNT']],
    ['9477/3', 'Meduloblastoma no WNT/no SHH (grupos 3 y 4)', ['MB', 'MB grupo 3', 'MB grupo 4']],
    ['9474/3', 'Meduloblastoma de células grandes/anaplásico', ['MB']],
    ['9478/3', 'Tumor embrionario con rosetas multicapa, alteración de C19MC', ['ETMR']],
    ['9473/3', 'Tumor embrionario del SNC, SAI (tumor neuroectodérmico primitivo del SNC)', ['PNET', 'TNEP', 'PNET del SNC']],
    ['9508/3', 'Tumor teratoide/rabdoide atípico', ['ATRT', 'AT/RT', 'TTRA']],
    ['9390/0', 'Papiloma de plexos coroideos', ['PPC']],
    ['9390/1', 'Papiloma atípico de plexos coroideos', ['PPC']],
    ['9390/3', 'Carcinoma de plexos coroideos', ['CPC']],
    ['9350/1', 'Craneofaringioma', ['CFG']],
    ['9362/3', 'Pineoblastoma'],
    ['9361/1', 'Pineocitoma'],
    ['9505/1', 'Ganglioglioma, SAI'],
    ['9505/3', 'Ganglioglioma anaplásico'],
    ['9413/0', 'Tumor neuroepitelial disembrioplásico', ['DNET', 'DNT']],
    ['9412/1', 'Astrocitoma/ganglioglioma desmoplásico infantil', ['DIA', 'DIG']],
    ['9530/0', 'Meningioma, SAI'],
    ['9539/1', 'Meningioma atípico'],
    ['9530/3', 'Meningioma anaplásico (maligno)'],
    ['9560/0', 'Schwannoma, SAI (neurilemoma)', ['neurinoma']],
  ]),
  ...group('IV', [
    ['9500/3', 'Neuroblastoma, SAI', ['NB', 'NBL', 'neuroblastoma']],
    ['9490/3', 'Ganglioneuroblastoma', ['GNB', 'NB']],
    ['9522/3', 'Estesioneuroblastoma (neuroblastoma olfatorio)'],
    ['8700/3', 'Feocromocitoma', ['feocromocitoma maligno']],
    ['8680/3', 'Paraganglioma maligno', ['paraganglioma']],
  ]),
  ...group(undefined, [['9490/0', 'Ganglioneuroma', ['GN']]]),
  ...group('V', [
    ['9510/3', 'Retinoblastoma, SAI', ['RB', 'RTB', 'retinoblastoma']],
    ['9511/3', 'Retinoblastoma diferenciado', ['RB']],
    ['9512/3', 'Retinoblastoma indiferenciado', ['RB']],
    ['9513/3', 'Retinoblastoma difuso', ['RB']],
  ]),
  ...group(undefined, [['9510/0', 'Retinocitoma (retinoma)']]),
  ...group('VI', [
    ['8960/3', 'Nefroblastoma, SAI (tumor de Wilms)', ['TW', 'Wilms', 'tumor de Wilms', 'nefroblastoma']],
    ['8959/1', 'Nefroblastoma quístico parcialmente diferenciado', ['TW', 'Wilms']],
    ['8959/3', 'Nefroma quístico maligno'],
    ['8964/3', 'Sarcoma de células claras del riñón', ['SCCR', 'CCSK']],
    ['8963/3', 'Tumor rabdoide maligno (renal o extrarrenal)', ['TRM', 'MRT', 'rabdoide', 'tumor rabdoide del riñón']],
    ['8312/3', 'Carcinoma de células renales, SAI', ['RCC', 'hipernefroma', 'carcinoma renal']],
    ['8311/3', 'Carcinoma de células renales con translocación de la familia MiT (TFE3)', ['RCC translocación', 'carcinoma renal']],
    ['8310/3', 'Adenocarcinoma de células claras, SAI (carcinoma renal de células claras)', ['carcinoma renal']],
    ['8317/3', 'Carcinoma renal de células cromófobas', ['carcinoma renal']],
    ['8319/3', 'Carcinoma de conductos colectores (de Bellini)', ['carcinoma renal']],
  ]),
  ...group(undefined, [['8960/1', 'Nefroma mesoblástico', ['NMC', 'nefroma mesoblástico congénito']]]),
  ...group('VII', [
    ['8970/3', 'Hepatoblastoma', ['HB', 'HBL', 'hepatoblastoma']],
    ['8170/3', 'Carcinoma hepatocelular, SAI', ['CHC', 'HCC', 'hepatocarcinoma']],
    ['8171/3', 'Carcinoma hepatocelular fibrolamelar', ['CHC fibrolamelar', 'FLC']],
    ['8160/3', 'Colangiocarcinoma', ['carcinoma de vías biliares']],
  ]),
  ...group('VIII', [
    ['9180/3', 'Osteosarcoma, SAI', ['OS', 'OTS', 'osteosarcoma', 'sarcoma osteogénico']],
    ['9181/3', 'Osteosarcoma condroblástico', ['OS']],
    ['9182/3', 'Osteosarcoma fibroblástico', ['OS']],
    ['9183/3', 'Osteosarcoma telangiectásico', ['OS']],
    ['9185/3', 'Osteosarcoma de células pequeñas', ['OS']],
    ['9186/3', 'Osteosarcoma central convencional', ['OS', 'osteosarcoma convencional']],
    ['9187/3', 'Osteosarcoma central de bajo grado', ['OS']],
    ['9192/3', 'Osteosarcoma parostal', ['OS']],
    ['9193/3', 'Osteosarcoma perióstico', ['OS']],
    ['9194/3', 'Osteosarcoma de superficie de alto grado', ['OS']],
    ['9184/3', 'Osteosarcoma secundario (enfermedad de Paget del hueso)', ['OS']],
    ['9260/3', 'Sarcoma de Ewing', ['SE', 'ES', 'Ewing', 'sarcoma de Ewing', 'familia Ewing']],
    ['9364/3', 'Tumor neuroectodérmico periférico (tumor de Askin)', ['SE', 'pPNET', 'PNET periférico', 'Askin', 'Ewing']],
    ['9220/3', 'Condrosarcoma, SAI', ['condrosarcoma']],
    ['9240/3', 'Condrosarcoma mesenquimatoso', ['condrosarcoma']],
    ['9242/3', 'Condrosarcoma de células claras', ['condrosarcoma']],
    ['9243/3', 'Condrosarcoma desdiferenciado', ['condrosarcoma']],
    ['9250/3', 'Tumor de células gigantes del hueso, maligno'],
    ['9370/3', 'Cordoma, SAI'],
    ['9261/3', 'Adamantinoma de huesos largos'],
  ]),
  ...group(undefined, [['9250/1', 'Tumor de células gigantes del hueso, SAI', ['TCGO', 'osteoclastoma']]]),
  ...group('IX', [
    ['8900/3', 'Rabdomiosarcoma, SAI', ['RMS', 'rabdomiosarcoma']],
    ['8910/3', 'Rabdomiosarcoma embrionario, SAI (incluye botrioide)', ['RMS', 'RMSE', 'ERMS', 'botrioide', 'sarcoma botrioides']],
    ['8920/3', 'Rabdomiosarcoma alveolar', ['RMS', 'RMSA', 'ARMS']],
    ['8912/3', 'Rabdomiosarcoma de células fusiformes/esclerosante', ['RMS']],
    ['8901/3', 'Rabdomiosarcoma pleomórfico', ['RMS']],
    ['9040/3', 'Sarcoma sinovial, SAI', ['SS', 'sinovial']],
    ['9041/3', 'Sarcoma sinovial de células fusiformes (monofásico)', ['SS']],
    ['9043/3', 'Sarcoma sinovial bifásico', ['SS']],
    ['8810/3', 'Fibrosarcoma, SAI'],
    ['8814/3', 'Fibrosarcoma infantil', ['FSI', 'fibrosarcoma congénito']],
    ['9540/3', 'Tumor maligno de la vaina de nervio periférico', ['TMVNP', 'MPNST']],
    ['8802/3', 'Sarcoma pleomórfico indiferenciado', ['SPI', 'histiocitoma fibroso maligno']],
    ['8805/3', 'Sarcoma indiferenciado (sarcoma de células redondas indiferenciado)', ['sarcoma tipo Ewing']],
    ['9367/3', 'Sarcoma de células redondas con reordenamiento de CIC', ['CIC-DUX4', 'sarcoma tipo Ewing']],
    ['9368/3', 'Sarcoma con alteraciones de BCOR', ['BCOR', 'sarcoma tipo Ewing']],
    ['8806/3', 'Tumor desmoplásico de células pequeñas redondas', ['TDCPR', 'DSRCT']],
    ['8800/3', 'Sarcoma, SAI', ['sarcoma de tejidos blandos', 'STB']],
    ['8850/3', 'Liposarcoma, SAI'],
    ['8851/3', 'Liposarcoma bien diferenciado'],
    ['8852/3', 'Liposarcoma mixoide'],
    ['8854/3', 'Liposarcoma pleomórfico'],
    ['8858/3', 'Liposarcoma desdiferenciado'],
    ['8890/3', 'Leiomiosarcoma, SAI', ['LMS']],
    ['9120/3', 'Angiosarcoma'],
    ['9133/3', 'Hemangioendotelioma epitelioide maligno'],
    ['9140/3', 'Sarcoma de Kaposi', ['SK', 'Kaposi']],
    ['9044/3', 'Sarcoma de células claras de tendones y aponeurosis', ['melanoma de partes blandas']],
    ['9581/3', 'Sarcoma alveolar de partes blandas', ['SAPB', 'ASPS']],
    ['8804/3', 'Sarcoma epitelioide'],
    ['8991/3', 'Sarcoma embrionario (indiferenciado) del hígado', ['SEIH', 'UESL']],
    ['8936/3', 'Tumor del estroma gastrointestinal', ['GIST', 'TEGI']],
  ]),
  ...group(undefined, [
    ['8821/1', 'Fibromatosis agresiva (tumor desmoide)', ['desmoide', 'fibromatosis']],
    ['8825/1', 'Tumor miofibroblástico inflamatorio', ['TMI', 'IMT']],
    ['9130/1', 'Hemangioendotelioma kaposiforme', ['HEK']],
    ['9550/0', 'Neurofibroma plexiforme', ['NP', 'neurofibromatosis tipo 1', 'NF1']],
  ]),
  ...group('X', [
    ['9064/3', 'Germinoma (tumor de células germinales, SAI)', ['GCT', 'TCG', 'tumor de células germinales', 'germinoma']],
    ['9060/3', 'Disgerminoma', ['TCG']],
    ['9061/3', 'Seminoma, SAI', ['TCG']],
    ['9065/3', 'Tumor de células germinales no seminomatoso', ['TCGNS', 'NSGCT', 'TCG']],
    ['9070/3', 'Carcinoma embrionario, SAI', ['TCG']],
    ['9071/3', 'Tumor del saco vitelino (tumor del seno endodérmico)', ['TSV', 'TSE', 'yolk sac', 'TCG']],
    ['9100/3', 'Coriocarcinoma, SAI', ['TCG']],
    ['9080/3', 'Teratoma maligno, SAI (teratoma inmaduro)', ['TCG', 'teratoma inmaduro', 'teratoma sacrococcígeo']],
    ['9080/1', 'Teratoma, SAI', ['teratoma']],
    ['9084/3', 'Teratoma con transformación maligna', ['TCG']],
    ['9085/3', 'Tumor mixto de células germinales', ['TCG mixto', 'TCG']],
    ['9073/1', 'Gonadoblastoma'],
    ['8620/3', 'Tumor de células de la granulosa de tipo adulto'],
    ['8622/1', 'Tumor de células de la granulosa de tipo juvenil'],
    ['8631/1', 'Tumor de células de Sertoli-Leydig'],
  ]),
  ...group(undefined, [['9080/0', 'Teratoma maduro (quiste dermoide)', ['teratoma']]]),
  ...group('XI', [
    ['8370/3', 'Carcinoma adrenocortical', ['CAC', 'ACC', 'carcinoma suprarrenal']],
    ['8330/3', 'Carcinoma folicular de tiroides, SAI', ['CFT']],
    ['8260/3', 'Adenocarcinoma papilar, SAI (carcinoma papilar de tiroides)', ['CPT', 'carcinoma papilar de tiroides', 'carcinoma renal papilar']],
    ['8340/3', 'Carcinoma papilar de tiroides, variante folicular', ['CPT']],
    ['8345/3', 'Carcinoma medular de tiroides', ['CMT']],
    ['8021/3', 'Carcinoma anaplásico, SAI'],
    ['8082/3', 'Carcinoma linfoepitelial (carcinoma nasofaríngeo indiferenciado)', ['carcinoma nasofaríngeo', 'linfoepitelioma']],
    ['8023/3', 'Carcinoma NUT', ['carcinoma de la línea media NUT']],
    ['8070/3', 'Carcinoma de células escamosas, SAI', ['CCE', 'carcinoma epidermoide', 'escamoso']],
    ['8071/3', 'Carcinoma de células escamosas queratinizante', ['CCE']],
    ['8072/3', 'Carcinoma de células escamosas no queratinizante', ['CCE']],
    ['8430/3', 'Carcinoma mucoepidermoide'],
    ['8200/3', 'Carcinoma adenoide quístico'],
    ['8550/3', 'Carcinoma de células acinares'],
    ['8720/3', 'Melanoma maligno, SAI', ['melanoma']],
    ['8721/3', 'Melanoma nodular', ['melanoma']],
    ['8743/3', 'Melanoma de extensión superficial', ['melanoma']],
    ['8742/3', 'Melanoma lentigo maligno', ['melanoma']],
    ['8744/3', 'Melanoma lentiginoso acral', ['MLA', 'melanoma acral']],
    ['8090/3', 'Carcinoma basocelular, SAI', ['CBC', 'basalioma']],
    ['8247/3', 'Carcinoma de células de Merkel'],
    ['8140/3', 'Adenocarcinoma, SAI', ['ADC']],
    ['8010/3', 'Carcinoma, SAI'],
    ['8020/3', 'Carcinoma indiferenciado, SAI'],
    ['8500/3', 'Carcinoma ductal infiltrante, SAI (carcinoma de mama de tipo no especial)', ['CDI', 'cáncer de mama', 'adenocarcinoma ductal de páncreas']],
    ['8520/3', 'Carcinoma lobulillar infiltrante, SAI', ['CLI', 'cáncer de mama']],
    ['8522/3', 'Carcinoma ductal y lobulillar infiltrante', ['cáncer de mama']],
    ['8480/3', 'Adenocarcinoma mucinoso'],
    ['8490/3', 'Carcinoma de células en anillo de sello'],
    ['8144/3', 'Adenocarcinoma de tipo intestinal', ['cáncer gástrico']],
    ['8145/3', 'Carcinoma de tipo difuso', ['cáncer gástrico', 'linitis plástica']],
    ['8041/3', 'Carcinoma de células pequeñas, SAI', ['CPCP', 'SCLC', 'microcítico']],
    ['8046/3', 'Carcinoma de células no pequeñas', ['CPCNP', 'NSCLC']],
    ['8012/3', 'Carcinoma de células grandes, SAI'],
    ['8250/3', 'Adenocarcinoma lepídico (bronquioloalveolar)'],
    ['8240/3', 'Tumor neuroendocrino G1 (tumor carcinoide)', ['TNE', 'NET', 'carcinoide']],
    ['8249/3', 'Tumor neuroendocrino G2 (carcinoide atípico)', ['TNE', 'NET']],
    ['8246/3', 'Carcinoma neuroendocrino, SAI', ['CNE', 'NEC']],
    ['8013/3', 'Carcinoma neuroendocrino de células grandes'],
    ['8441/3', 'Carcinoma seroso, SAI', ['cáncer de ovario']],
    ['8461/3', 'Carcinoma seroso de alto grado', ['CSAG', 'HGSC', 'cáncer de ovario']],
    ['8380/3', 'Adenocarcinoma endometrioide, SAI', ['endometrioide', 'cáncer de endometrio']],
    ['8120/3', 'Carcinoma urotelial, SAI (de células transicionales)', ['CU', 'cáncer de vejiga']],
    ['8130/3', 'Carcinoma urotelial papilar', ['CU']],
  ]),
  ...group(undefined, [
    ['8500/2', 'Carcinoma intraductal no infiltrante, SAI', ['CDIS', 'DCIS', 'carcinoma ductal in situ']],
    ['8520/2', 'Carcinoma lobulillar in situ, SAI', ['CLIS']],
    ['8077/2', 'Neoplasia intraepitelial escamosa de alto grado (NIC III)', ['NIC III', 'NIC 3', 'LIEAG']],
    ['8140/2', 'Adenocarcinoma in situ, SAI', ['AIS']],
    ['8010/2', 'Carcinoma in situ, SAI', ['CIS']],
    ['8720/2', 'Melanoma in situ'],
  ]),
  ...group('XII', [
    ['8973/3', 'Blastoma pleuropulmonar', ['BPP', 'PPB']],
    ['8971/3', 'Pancreatoblastoma'],
    ['8972/3', 'Blastoma pulmonar'],
    ['8000/3', 'Neoplasia maligna, SAI', ['tumor maligno', 'cáncer']],
    ['8000/6', 'Neoplasia metastásica', ['metástasis']],
    ['8001/3', 'Células tumorales malignas'],
  ]),
  ...group(undefined, [
    ['9050/3', 'Mesotelioma maligno', ['mesotelioma']],
    ['8000/0', 'Neoplasia benigna', ['tumor benigno']],
    ['8000/1', 'Neoplasia de comportamiento incierto, SAI'],
  ]),
];

const histologyOf = (code: string) => code.slice(0, 4);

/** Each histology's first entry in the catalogue (9490: 9490/3), found without a scan per case or label. */
const firstOfHistology = new Map<string, MorphologyEntry>();
for (const entry of icdO3Morphology) if (!firstOfHistology.has(histologyOf(entry.code))) firstOfHistology.set(histologyOf(entry.code), entry);

const morphology = vocabulary(icdO3Morphology, {
  codes: (entry) => [entry.code, histologyOf(entry.code)],
  name: (entry) => entry.name,
  synonyms: (entry) => entry.synonyms,
});

/** Morphologies for what was typed, best first: `LLA` gives the lymphoblastic leukaemias before anything else. */
export const searchMorphology = (query: string, limit = 20): MorphologyEntry[] => morphology.search(query, limit);

/** The entry of a histology/behaviour code as catalogued (`9500/3`, `95003`). */
export const findMorphology = (code: string): MorphologyEntry | undefined => morphology.find(code);

/** Whether a four-digit histology is in the catalogue (with any behaviour). */
export const isCataloguedHistology = (histology: string): boolean => firstOfHistology.has(histology);

/**
 * The name of a histology with the behaviour chosen for it: the catalogue's own when it lists
 * that pair (9490/0 Ganglioneuroma, 9490/3 Ganglioneuroblastoma), else the histology's name.
 */
export function morphologyName(histology: string, behaviour: string): string | undefined {
  return (findMorphology(`${histology}/${behaviour}`) ?? firstOfHistology.get(histology))?.name;
}
