// A password an attacker would guess early is refused with the estimator's own reason. zxcvbn-ts ranks
// a password by the guesses it would take (dictionaries of common passwords, names and words, keyboard
// patterns, repeats, dates) instead of by character classes, so "correct horse battery" passes and
// "P@ssw0rd2024" does not. The dictionaries load once, on the first check.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '#server/errors.ts';

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const minimumScore = 3;

let estimator: ZxcvbnFactory | undefined;

function load(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return estimator;
}

/**
 * Throws 422 weak_password when `password` is easy to guess. `userInputs` (the user's name and e-mail)
 * count as guessable too: "maria.lopez2024" is weak for María López.
 */
export async function assertStrongPassword(password: string, userInputs: string[] = []): Promise<void> {
  const inputs = userInputs.flatMap((v) => [v, ...v.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter(Boolean);
  const result = await load().checkAsync(password, inputs);
  if (result.score >= minimumScore) return;
  const reason = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new AppError(
    'weak_password',
    `this password is too easy to guess${reason ? `: ${reason}` : ''}. A few unrelated words make a strong one.`,
    { details: { score: result.score, minimumScore } },
  );
}
