import { passwordProblem } from '../../src/accounts/password';
import { round, type Row } from '../lib';

// What an attacker would send to make the estimator work hardest: long runs of digits and leet
// characters, keyboard walks, dates, at the field's limit and beyond it.
function hostilePasswords(): string[] {
  let state = 14;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const from = (chars: string, length: number) =>
    Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
  return [
    ...['0123456789', '4@3$1!0|7+', 'aZ3$kQ9!pL', 'qwertyuiop1234567890', '19842026', 'あいう漢字'].flatMap((chars) =>
      [32, 64, 256].map((length) => from(chars, length)),
    ),
    '1'.repeat(256),
    '20260401'.repeat(32),
    'x'.repeat(4097),
  ];
}

/** The most main-thread time one password check takes (the sign-up and change rule, which the meter shares). */
export function worstStrengthCheckMs(rounds = 3): { worstMs: number; checked: number } {
  const passwords = hostilePasswords();
  passwordProblem('warm up the dictionaries', {});
  let worstMs = 0;
  for (const password of passwords) {
    // The least of a few runs: the work itself, not another process taking the CPU meanwhile.
    let least = Infinity;
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      passwordProblem(password, { email: 'bench@example.test', username: 'bench' });
      least = Math.min(least, performance.now() - started);
    }
    worstMs = Math.max(worstMs, least);
  }
  return { worstMs, checked: passwords.length };
}

export async function benchStrength(database: string): Promise<{ rows: Row[]; figures: object }> {
  // Database-independent: measured once.
  if (database !== 'pglite') return { rows: [], figures: {} };
  const { worstMs, checked } = worstStrengthCheckMs();
  return {
    rows: [
      {
        database: '-',
        measure: `worst password strength check (${checked} hostile passwords)`,
        value: `${round(worstMs, 1)} ms`,
        target: '< 50 ms',
      },
    ],
    figures: { worstStrengthCheckMs: worstMs },
  };
}
