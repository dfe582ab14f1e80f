import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as spanishWords } from '@zxcvbn-ts/language-es-es';
import { AppError } from './errors';

/** zxcvbn's estimate of guesses, with the common-password lists and Spanish words and names. */
const estimator = new ZxcvbnFactory({ dictionary: { ...commonWords, ...spanishWords }, graphs: adjacencyGraphs });

/**
 * At least a billion guesses by zxcvbn's estimate: a name with a year ("juanperez2026") or a word
 * with a year and a sign ("Hospital2026!") is estimated at about 10^8 and refused.
 */
const MIN_GUESSES_LOG10 = 9;

/**
 * Refuses a password that lists of common passwords, keyboard patterns, Spanish words or the
 * person's own name and email would guess soon ("1234567890", "password12", their email).
 */
export function requireStrongPassword(password: string, person: { name?: string; email?: string }): void {
  const words = [person.name, person.email, person.email?.split('@')[0], ...(person.name?.split(/\s+/) ?? [])].filter((value): value is string => Boolean(value));
  // "Pérez" is typed "perez" as often as not.
  const personal = [...words, ...words.map((word) => word.normalize('NFD').replace(/\p{M}/gu, ''))];
  const { guessesLog10 } = estimator.check(password, personal);
  if (guessesLog10 < MIN_GUESSES_LOG10)
    throw new AppError('invalid_input', 'password: too easy to guess (a common password, a pattern, or the person’s own name or email)', 'password');
}
