import type { z } from 'zod';
import type { Message } from '../i18n';

/** One form field: how to read it, and what to tell the member when it does not read. */
export type FieldSpec<T> = { schema: z.ZodType<T>; problem: (issue: z.core.$ZodIssue) => Message };

export type FieldErrors<K extends string> = Partial<Record<K, Message>>;

export type FormResult<S extends Record<string, FieldSpec<any>>> =
  | { ok: true; value: { [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never } }
  | { ok: false; errors: FieldErrors<Extract<keyof S, string>> };

export function field<T>(schema: z.ZodType<T>, message: Message): FieldSpec<T> {
  return { schema, problem: () => message };
}

/** A field whose message depends on why it failed (missing, too long...). */
export function fieldByIssue<T>(schema: z.ZodType<T>, problem: (issue: z.core.$ZodIssue) => Message): FieldSpec<T> {
  return { schema, problem };
}

/** The usual text field: required, with a length limit, each failure in its own words. */
export function textField<T>(schema: z.ZodType<T>) {
  return fieldByIssue(schema, (issue) =>
    issue.code === 'too_big'
      ? (t) => t.common.form.tooLong(Number((issue as { maximum?: number }).maximum))
      : issue.code === 'too_small' && Number((issue as { minimum?: number }).minimum) > 1
        ? (t) => t.common.form.tooShort(Number((issue as { minimum?: number }).minimum))
        : (t) => t.common.form.required,
  );
}

/** Reads a submitted form field by field, collecting one message per field that fails. */
export function parseForm<S extends Record<string, FieldSpec<any>>>(
  spec: S,
  body: Record<string, unknown>,
): FormResult<S> {
  const value: Record<string, unknown> = {};
  const errors: Record<string, Message> = {};
  for (const [name, { schema, problem }] of Object.entries(spec)) {
    const raw = body[name];
    const parsed = schema.safeParse(typeof raw === 'string' ? raw : undefined);
    if (parsed.success) value[name] = parsed.data;
    else errors[name] = problem(parsed.error.issues[0]);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors: errors as any } : { ok: true, value: value as any };
}

/** What the member typed, to put back in the form (never passwords). */
export function keepValues(body: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) if (typeof body[name] === 'string') kept[name] = body[name] as string;
  return kept;
}
