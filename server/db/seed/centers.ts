import type { CenterInput } from '../../../shared/centers';
import type { MexicanState } from '../../../shared/mexico';
import { DEMO_LABORATORY_CODE, DEMO_PATHOLOGY_CODE } from './studies';

/** The reference hospital of each state's OncoCREAN: a Record, so no state can be missed or doubled. */
const oncoCreanHospitals: Record<MexicanState, string> = {
  AGS: 'Centenario Hospital Miguel Hidalgo',
  BC: 'Hospital Infantil de las Californias',
  BCS: 'Hospital General con Especialidades Juan María de Salvatierra',
  CAMP: 'Hospital General de Especialidades Dr. Javier Buenfil Osorio',
  CHIS: 'Hospital de Especialidades Pediátricas de Tuxtla Gutiérrez',
  CHIH: 'Hospital Infantil de Especialidades de Chihuahua',
  CDMX: 'Hospital Pediátrico Moctezuma',
  COAH: 'Hospital del Niño Dr. Federico Gómez Santos',
  COL: 'Hospital Regional Universitario de Colima',
  DGO: 'Hospital General 450 de Durango',
  GTO: 'Hospital de Especialidades Pediátrico de León',
  GRO: 'Instituto Estatal de Cancerología Dr. Arturo Beltrán Ortega',
  HGO: 'Hospital del Niño DIF Hidalgo',
  JAL: 'Hospital Civil de Guadalajara Dr. Juan I. Menchaca',
  MEX: 'Hospital para el Niño del IMIEM',
  MICH: 'Hospital Infantil de Morelia Eva Sámano de López Mateos',
  MOR: 'Hospital del Niño Morelense',
  NAY: 'Hospital Civil Dr. Antonio González Guevara',
  NL: 'Hospital Universitario Dr. José Eleuterio González',
  OAX: 'Hospital de la Niñez Oaxaqueña Dr. Guillermo Zárate Mijangos',
  PUE: 'Hospital para el Niño Poblano',
  QRO: 'Hospital de Especialidades del Niño y la Mujer Dr. Felipe Núñez Lara',
  QROO: 'Hospital General de Chetumal',
  SLP: 'Hospital Central Dr. Ignacio Morones Prieto',
  SIN: 'Hospital Pediátrico de Sinaloa Dr. Rigoberto Aguilar Pico',
  SON: 'Hospital Infantil del Estado de Sonora',
  TAB: 'Hospital Regional de Alta Especialidad del Niño Dr. Rodolfo Nieto Padrón',
  TAMPS: 'Hospital Infantil de Tamaulipas',
  TLAX: 'Hospital Infantil de Tlaxcala',
  VER: 'Centro Estatal de Cancerología Dr. Miguel Dorantes Mesa',
  YUC: "Hospital General Dr. Agustín O'Horán",
  ZAC: 'Hospital General Zacatecas Luz González Cosío',
};

/** The code of a state's OncoCREAN centre: `OC-YUC`. */
export function oncoCreanCode(state: MexicanState): string {
  return `OC-${state}`;
}

const oncoCreanCenters: CenterInput[] = (Object.entries(oncoCreanHospitals) as [MexicanState, string][]).map(([state, hospital]) => ({
  code: oncoCreanCode(state),
  name: `${hospital} (OncoCREAN)`,
  state,
  kind: 'oncocrean',
}));

/** National institutes and IMSS high-specialty units that give the experts' opinions. */
const highSpecialtyCenters: CenterInput[] = [
  { code: 'UMAE-HP-CMNSXXI', name: 'UMAE Hospital de Pediatría Dr. Silvestre Frenk Freund, Centro Médico Nacional Siglo XXI', state: 'CDMX', kind: 'umae' },
  { code: 'UMAE-HO-CMNSXXI', name: 'UMAE Hospital de Oncología, Centro Médico Nacional Siglo XXI', state: 'CDMX', kind: 'umae' },
  { code: 'UMAE-CMNR', name: 'UMAE Hospital General Dr. Gaudencio González Garza, Centro Médico Nacional La Raza', state: 'CDMX', kind: 'umae' },
  { code: 'UMAE-CMNO', name: 'UMAE Hospital de Pediatría, Centro Médico Nacional de Occidente', state: 'JAL', kind: 'umae' },
  { code: 'UMAE-25-MTY', name: 'UMAE Hospital de Especialidades No. 25, Monterrey', state: 'NL', kind: 'umae' },
  { code: 'HIMFG', name: 'Hospital Infantil de México Federico Gómez', state: 'CDMX', kind: 'hospital' },
  { code: 'INP', name: 'Instituto Nacional de Pediatría', state: 'CDMX', kind: 'hospital' },
  { code: 'INCAN', name: 'Instituto Nacional de Cancerología', state: 'CDMX', kind: 'hospital' },
  { code: 'HRAEPY', name: 'Hospital Regional de Alta Especialidad de la Península de Yucatán', state: 'YUC', kind: 'hospital' },
  { code: 'HRAEB', name: 'Hospital Regional de Alta Especialidad del Bajío', state: 'GTO', kind: 'hospital' },
];

/** Reference laboratories that receive the network's studies; never invited to sessions. */
const laboratoryCenters: CenterInput[] = [
  { code: DEMO_LABORATORY_CODE, name: 'Centro de Investigación Biomédica de Oriente, Puebla', state: 'PUE', kind: 'laboratory' },
  { code: DEMO_PATHOLOGY_CODE, name: 'Centro Regional de Patología de Occidente, Guadalajara', state: 'JAL', kind: 'laboratory' },
];

/** State health offices that meet the families at the working group and answer for its agreements. */
const officeCenters: CenterInput[] = [
  { code: 'SS-CHIS', name: 'Servicios de Salud de Chiapas', state: 'CHIS', kind: 'office' },
  { code: 'SS-YUC', name: 'Secretaría de Salud de Yucatán', state: 'YUC', kind: 'office' },
  { code: 'SS-OAX', name: 'Servicios de Salud de Oaxaca', state: 'OAX', kind: 'office' },
];

export const demoCenters: readonly CenterInput[] = [...oncoCreanCenters, ...highSpecialtyCenters, ...laboratoryCenters, ...officeCenters];
