import { z } from 'zod';
import { caseChangesSchema, caseFieldsSchema, clinicalText, LONGEST_CASE_TEXT, type CaseFieldName, type CaseFields } from './cases';
import { stagingFields } from './staging';
import { foldText } from './vocabulary';

/*
 * Rules for cases presented to the board. A case is pseudonymised: the board sees a case code,
 * age, sex and state, never who the patient is. These checks catch the usual slips (a CURP, an
 * NSS, a phone, an email or a name pasted into the clinical text); they are heuristics, not a
 * guarantee.
 */

export type IdentityLeakKind = 'curp' | 'name' | 'nss' | 'phone' | 'email';

// ---- CURP, NSS, phone, email ----------------------------------------------------------------

/** The state codes of the CURP catalogue (NE = born abroad); not the same as the INEGI codes. */
const curpStates = 'AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE';

/** A space, dot or dash between the groups of a code: "PELJ 100512 HYNRPN09", "PELJ-100512-HYNRPN-09". */
const gap = '[\\s.-]?';

/** 4 letters, YYMMDD, sex, state, 3 inner consonants, homoclave, check digit; anywhere, its groups apart or not. */
const curp = new RegExp(`[A-Z]{4}${gap}\\d{6}${gap}[HMX](?:${curpStates.split(' ').join('|')})[B-DF-HJ-NP-TV-Z]{3}${gap}[A-Z\\d]\\d`, 'i');

/** Any 18-character code after the word CURP (a mistyped date or state included), in the groups of a CURP. */
const labelledCode = new RegExp(`(?<![A-Z])c\\.?u\\.?r\\.?p\\.?(?![A-Z])[\\s:#.-]{0,4}([A-Z\\d]{4}${gap}[A-Z\\d]{6}${gap}[A-Z\\d]{6}${gap}[A-Z\\d]{2})(?![A-Z\\d])`, 'gi');

function containsCurp(text: string): boolean {
  if (curp.test(text)) return true;
  // Words can fill those groups too; a CURP always has digits.
  for (const code of text.matchAll(labelledCode)) if (/\d/.test(code[1]!)) return true;
  return false;
}

// A number's digits must not continue a longer number, nor its decimals or thousands ("0.5512345678").
const numberStart = '(?<!\\d|\\d[.,])';
const numberEnd = '(?!\\d|[.,]\\d)';

/** IMSS social security number: exactly 11 digits in a row. */
const nss = new RegExp(`${numberStart}\\d{11}${numberEnd}`);

/*
 * Mexican phone: 10 digits, either in one run or in the usual groupings with a space or dash at
 * every group boundary (55 1234 5678, 999-123-45-67, (33) 3614-5500), optionally after +52.
 * Requiring the separators where the groups are keeps dates ("23-11-2026 10 h") and lists of lab
 * values from adding up to 10 digits.
 */
const sep = '[ -]';
const area = (digits: number) => `(?:\\(\\d{${digits}}\\)[ -]?|\\d{${digits}}${sep})`;
const phoneGroupings = [
  '\\d{10}',
  `${area(2)}\\d{4}${sep}\\d{4}`,
  `${area(2)}\\d{8}`,
  `${area(3)}\\d{3}${sep}\\d{4}`,
  `${area(3)}\\d{3}${sep}\\d{2}${sep}\\d{2}`,
  `${area(3)}\\d{7}`,
  `${area(2)}\\d{2}${sep}\\d{2}${sep}\\d{2}${sep}\\d{2}`,
];
const phone = new RegExp(`${numberStart}(?:\\+?52[ -]?(?:1[ -]?)?)?(?:${phoneGroupings.join('|')})${numberEnd}`);

// Starts only where a run of address characters starts: tried from inside a long run too, it took
// time quadratic in the text (20,000 letters: 0.4 s).
const email = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u;

// ---- Names ----------------------------------------------------------------------------------

/** A capitalised word (Pérez, Núñez, Ángel); all-caps words are not, as many notes are typed in capitals. */
const cap = '\\p{Lu}\\p{Ll}+(?![\\p{L}\\p{N}])';
// Longest first: "de la Luz" is "de la" and a word, not "de" and "la".
const particle = '(?:de las|de los|de la|del|de|y)';

/** A label announcing the patient or a relative. "." only after abbreviations: after a word it ends a sentence. */
const nameLabel = /(?<!\p{L})(?:(?:pc?te|nombre|paciente|menor|hij[oa]\s+de|madre|padre|tutora?)(?!\p{L})(?:\s*:\s*|[ \t]+)|pc?te\.\s*)/giu;

/** "Nombre:" and its longer forms announce a name whatever follows, in any case. */
const nameFieldLabel = /(?<!\p{L})nombre(?:\s+(?:completo|del?\s+(?:la\s+)?(?:paciente|menor|madre|padre|tutora?)))?\s*:\s*/giu;

/** Two capitalised words (María de la Luz counts) where a label ends; sticky, so each label reads only its own words. */
const namesAfterLabel = new RegExp(`(${cap})\\s+(?:${particle}\\s+)?${cap}`, 'uy');

/** Capitalised words that follow a label without being a name ("Paciente Femenina De Alto Riesgo"). */
const notNames = new Set([
  'Masculino',
  'Masculina',
  'Femenino',
  'Femenina',
  'Pediátrico',
  'Pediátrica',
  'Oncológico',
  'Oncológica',
  'Con',
  'Sin',
  'De',
  'Del',
  'En',
  'Que',
  'Se',
  'Dr',
  'Dra',
  'Hospital',
  'Protocolo',
  'Diagnóstico',
  'Leucemia',
  'Linfoma',
  'Sarcoma',
  'Tumor',
  'Riesgo',
]);

/** Frequent Mexican given names; enough to catch a name written without a label. */
export const commonGivenNames = [
  'María',
  'José',
  'Juan',
  'Guadalupe',
  'Luis',
  'Carlos',
  'Jesús',
  'Miguel',
  'Francisco',
  'Antonio',
  'Pedro',
  'Manuel',
  'Javier',
  'Jorge',
  'Ricardo',
  'Fernando',
  'Eduardo',
  'Roberto',
  'Rafael',
  'Alejandro',
  'Daniel',
  'David',
  'Ángel',
  'Andrés',
  'Adrián',
  'Héctor',
  'Santiago',
  'Mateo',
  'Sebastián',
  'Leonardo',
  'Emiliano',
  'Diego',
  'Matías',
  'Nicolás',
  'Gael',
  'Iker',
  'Ana',
  'Sofía',
  'Valentina',
  'Fernanda',
  'Ximena',
  'Regina',
  'Camila',
  'Mariana',
  'Daniela',
  'Andrea',
  'Valeria',
  'Renata',
  'Isabella',
  'Natalia',
  'Alejandra',
  'Gabriela',
  'Paola',
  'Rosa',
  'Patricia',
  'Verónica',
  'Leticia',
  'Margarita',
  'Juana',
  'Karla',
  'Diana',
  'Paulina',
];

/**
 * Frequent Mexican surnames, those that are also everyday words left out (Cruz, Flores, Luna,
 * Moreno, Delgado, Blanco, Campos, Ríos...): after a label they are as likely to describe the
 * patient as to name them.
 */
const frequentSurnames = [
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Gómez',
  'Morales',
  'Vázquez',
  'Jiménez',
  'Díaz',
  'Gutiérrez',
  'Ruiz',
  'Mendoza',
  'Aguilar',
  'Ortiz',
  'Castillo',
  'Romero',
  'Álvarez',
  'Méndez',
  'Chávez',
  'Rivera',
  'Juárez',
  'Domínguez',
  'Herrera',
  'Medina',
  'Castro',
  'Vargas',
  'Guzmán',
  'Velázquez',
  'Muñoz',
  'Contreras',
  'Salazar',
  'Ortega',
  'Guerrero',
  'Estrada',
  'Bautista',
  'Cortés',
  'Alvarado',
  'Espinoza',
  'Espinosa',
  'Ávila',
  'Cervantes',
  'Silva',
  'Márquez',
  'Sandoval',
  'Fernández',
  'Carrillo',
  'Mejía',
  'Solís',
  'Núñez',
  'Valdez',
  'Ibarra',
  'Camacho',
  'Navarro',
  'Maldonado',
  'Rosales',
  'Acosta',
  'Miranda',
  'Trejo',
  'Valencia',
  'Pacheco',
  'Huerta',
  'Padilla',
  'Cabrera',
  'Escobar',
  'Zamora',
  'Figueroa',
  'Lozano',
  'Cárdenas',
  'Orozco',
  'Robles',
  'Ochoa',
  'Tapia',
  'Salinas',
  'Benítez',
  'Suárez',
  'Aguirre',
  'Sosa',
  'Rangel',
  'Zúñiga',
  'Macías',
  'Cisneros',
  'Villanueva',
  'Beltrán',
  'Galván',
  'Osorio',
  'Pineda',
  'Andrade',
  'Valenzuela',
  'Barrera',
  'Arellano',
  'Tovar',
  'Hidalgo',
  'Quintero',
  'Rosario',
  'Zavala',
  'Canul',
  'Pech',
  'Cauich',
  'Dzul',
  'Poot',
  'Cocom',
  'Balam',
  'Euán',
  'Couoh',
  'Chablé',
];

// Lower case without accents: a word is found in the lists however it was typed (PÉREZ, perez).
const givenNameSet = new Set(commonGivenNames.map(foldText));
const surnameSet = new Set(frequentSurnames.map(foldText));

/** Pérez, Ibáñez, ALVÁREZ: a written accent and -ez marks a patronymic; the nouns in -ez (palidez, gravidez) take no accent. */
const patronymic = /[áéíóú]\p{L}*ez$/iu;

const isGivenName = (word: string) => givenNameSet.has(foldText(word));
const isSurname = (word: string) => surnameSet.has(foldText(word)) || patronymic.test(word);
const isNameWord = (word: string) => isGivenName(word) || isSurname(word);

/** What follows "Nombre:" when it says there is no name: "Nombre: se omite", "nombre: ver clave del caso". */
const noNameGiven = new Set(['no', 'sin', 'se', 'ver', 'omitido', 'omitida', 'reservado', 'reservada', 'confidencial', 'anonimo', 'anonima', 'clave', 'codigo', 'folio', 'caso']);

const firstWord = /\p{L}+/uy;
const nextWord = new RegExp(`\\s+(?:${particle}\\s+)?(\\p{L}+)`, 'iuy');

/** Up to `count` words from `index` on, the particles of compound names left out; any punctuation ends them. */
function wordsAt(text: string, index: number, count: number): string[] {
  firstWord.lastIndex = index;
  const first = firstWord.exec(text);
  if (!first) return [];
  const words = [first[0]];
  nextWord.lastIndex = firstWord.lastIndex;
  while (words.length < count) {
    const next = nextWord.exec(text);
    if (!next) break;
    words.push(next[1]!);
  }
  return words;
}

/**
 * Whether the words where a label ends name someone: two capitalised words, or in any case (typed in
 * lower case or in capitals) two words from the name lists ("juan pérez"), or a given name we do not
 * know followed by two surnames ("ITZEL CANUL PECH").
 */
function nameAfterLabel(text: string, index: number): boolean {
  namesAfterLabel.lastIndex = index;
  const capitalised = namesAfterLabel.exec(text);
  if (capitalised && !notNames.has(capitalised[1]!)) return true;
  const [first, second, third] = wordsAt(text, index, 3);
  if (first && second && isNameWord(first) && isNameWord(second)) return true;
  return !!(second && third && isSurname(second) && isSurname(third));
}

/** A given name followed by one or two capitalised words (Ximena Cruz Ortega). */
const givenNameAndSurnames = new RegExp(`(?<![\\p{L}\\p{N}])(?:${commonGivenNames.join('|')})(?![\\p{L}\\p{N}])(?:\\s+${cap}){1,2}`, 'gu');

/** Places and institutions named after people: Miguel Hidalgo is an alcaldía, not a patient. */
const placesNamedAfterPeople = [
  'Miguel Hidalgo',
  'Emiliano Zapata',
  'José María Morelos',
  'Vicente Guerrero',
  'Guadalupe Victoria',
  'Jesús María',
  'Francisco Villa',
  'Santiago Ixcuintla',
  'Santiago Papasquiaro',
];

/** Doctors' names are not patient data; San Luis Potosí and Hospital Juan María de Salvatierra are places. */
const titleBefore = /(?<!\p{L})(?:dra?|lic|ing|fray|san|santa|santo|sta|cd|hospital|instituto|centro|clínica)\.?\s*$/iu;

/** A capitalised word that does not open a sentence: "Hospital Universitario José Eleuterio González". */
const properNounBefore = /[^\s.!?:;]\s+\p{Lu}\p{L}*\s+$/u;

/** How far back a title or a proper noun is looked for: the whole text before each name took quadratic time. */
const LOOK_BEHIND = 64;

function containsName(text: string): boolean {
  for (const label of text.matchAll(nameFieldLabel)) {
    const [first, second] = wordsAt(text, label.index + label[0].length, 2);
    if (first && second && !noNameGiven.has(foldText(first))) return true;
  }
  for (const label of text.matchAll(nameLabel)) {
    if (nameAfterLabel(text, label.index + label[0].length)) return true;
  }
  for (const match of text.matchAll(givenNameAndSurnames)) {
    const before = text.slice(Math.max(0, match.index - LOOK_BEHIND), match.index);
    if (titleBefore.test(before) || properNounBefore.test(before)) continue;
    if (placesNamedAfterPeople.some((place) => match[0].startsWith(place))) continue;
    return true;
  }
  return false;
}

// ---- Checks ---------------------------------------------------------------------------------

/** The first kind of patient-identifying data found in the text, most specific first. */
export function identityLeak(text: string): IdentityLeakKind | undefined {
  // NFC so that a decomposed "é" still counts as a letter of the same word.
  const normalised = text.normalize('NFC');
  if (containsCurp(normalised)) return 'curp';
  // Before the numbers: an address such as 5512345678@gmail.com is an email, not a phone.
  if (email.test(normalised)) return 'email';
  if (nss.test(normalised)) return 'nss';
  if (phone.test(normalised)) return 'phone';
  if (containsName(normalised)) return 'name';
  return undefined;
}

const caseFieldNames = Object.keys(caseFieldsSchema.shape) as CaseFieldName[];

/** Every string field of the case that looks like it identifies the patient, in schema order. */
export function findIdentityLeaks(fields: Partial<CaseFields>): { field: CaseFieldName; kind: IdentityLeakKind }[] {
  const leaks: { field: CaseFieldName; kind: IdentityLeakKind }[] = [];
  for (const field of caseFieldNames) {
    const value = fields[field];
    const kind = typeof value === 'string' && value.length <= LONGEST_CASE_TEXT ? identityLeak(value) : undefined;
    if (kind) leaks.push({ field, kind });
  }
  return leaks;
}

/** The issue a schema adds for text that looks patient-identifying; `params` lets the form say what it found (client/forms/useFormErrors.ts). */
export function identityIssue(kind: IdentityLeakKind, path: PropertyKey[] = []) {
  return { code: 'custom' as const, path, message: `looks like patient-identifying data (${kind}); use the case code only`, params: { identityLeak: kind } };
}

/** Adds to a case schema one issue per field that looks patient-identifying. */
export function pseudonymised<S extends z.ZodType<Partial<CaseFields>>>(schema: S): S {
  return schema.superRefine((fields, ctx) => {
    for (const { field, kind } of findIdentityLeaks(fields)) ctx.addIssue(identityIssue(kind, [field]));
  });
}

/** Free clinical text outside the case form (a study, a follow-up): the same shape and identity checks as the form's. */
export const textWithoutIdentity = (max: number) =>
  clinicalText(max).superRefine((text, ctx) => {
    const kind = identityLeak(text);
    if (kind) ctx.addIssue(identityIssue(kind));
  });

export const caseFieldsWithoutIdentity = pseudonymised(caseFieldsSchema);
export const partialCaseFieldsWithoutIdentity = pseudonymised(caseChangesSchema);
/** A change to a case: the fields that change, and the version the editor saw (a stale edit is refused). */
export const caseUpdateWithoutIdentity = pseudonymised(caseChangesSchema.extend({ version: z.number().int().min(0) }));

// ---- Completeness ---------------------------------------------------------------------------

/** What a case needs before it is presented, in the order shown to the presenter. */
export const completenessItems = ['caseCode', 'age', 'sex', 'state', 'diagnosis', 'riskGroupOrStage', 'keyResults', 'currentProtocol', 'question', 'attachments'] as const;
export type CompletenessItem = (typeof completenessItems)[number];

type CompletenessInput = Partial<CaseFields> & { attachments?: unknown[] };

/** Blank strings count as missing; 0 is a real age (infants). */
const filled = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null);

const isSatisfied: Record<CompletenessItem, (c: CompletenessInput) => boolean> = {
  caseCode: (c) => filled(c.caseCode),
  age: (c) => filled(c.ageYears),
  sex: (c) => filled(c.sex),
  state: (c) => filled(c.state),
  diagnosis: (c) => filled(c.icd10Code) && filled(c.diagnosis),
  riskGroupOrStage: (c) => [c.riskGroup, c.stage, ...stagingFields.map((field) => c[field])].some(filled),
  keyResults: (c) => [c.immunophenotype, c.minimalResidualDisease, c.immunohistochemistry, c.otherResults].some(filled),
  currentProtocol: (c) => filled(c.currentProtocol),
  question: (c) => filled(c.question),
  attachments: (c) => (c.attachments?.length ?? 0) > 0,
};

export function caseCompleteness(c: CompletenessInput): { complete: boolean; missing: CompletenessItem[] } {
  const missing = completenessItems.filter((item) => !isSatisfied[item](c));
  return { complete: missing.length === 0, missing };
}
