import type { Context } from 'hono';
import type { AppEnv } from './env';

/**
 * The one rule for input no person types: NUL and other control characters (PostgreSQL refuses NUL
 * in text, so it would surface as a 500), broken UTF-8, and the names JavaScript objects inherit
 * (`__proto__`, `constructor`, `prototype`), which as a key or an address segment would reach an
 * object's prototype instead of a value. Such a request is refused as a whole, before any route.
 */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
// Tab, line feed and carriage return are what a text area sends; no other control character is typed.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// An address or a field name has no line breaks or tabs either.
const CONTROL_IN_NAME = /[\u0000-\u001f\u007f]/;
// A surrogate half without its pair is not a character (a broken \u escape in JSON makes one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JSON_DEPTH_MAX = 20;

export function isPrototypeName(name: string): boolean {
  return PROTOTYPE_NAMES.has(name);
}

/** Text a field may hold: no control characters but line breaks and tabs, no lone surrogate halves. */
export function isCleanText(value: string): boolean {
  return !CONTROL_IN_TEXT.test(value) && !LONE_SURROGATE.test(value);
}

/** A key, or a part of one as nested-key readers split it (`a[__proto__]`, `a.constructor.b`). */
function isCleanName(name: string): boolean {
  return !CONTROL_IN_NAME.test(name) && !LONE_SURROGATE.test(name) && !name.split(/[[\].]/).some(isPrototypeName);
}

/** Percent-decoding that refuses what does not decode to UTF-8 (null), instead of keeping it raw. */
function strictDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function cleanPair(pair: string): boolean {
  const eq = pair.indexOf('=');
  const name = strictDecode((eq < 0 ? pair : pair.slice(0, eq)).replaceAll('+', ' '));
  const value = eq < 0 ? '' : strictDecode(pair.slice(eq + 1).replaceAll('+', ' '));
  return name !== null && value !== null && isCleanName(name) && isCleanText(value);
}

function cleanQuery(search: string): boolean {
  return search
    .replace(/^\?/, '')
    .split('&')
    .every((pair) => pair === '' || cleanPair(pair));
}

function cleanPath(pathname: string): boolean {
  return pathname.split('/').every((segment) => {
    const decoded = strictDecode(segment);
    return (
      decoded !== null && !CONTROL_IN_NAME.test(decoded) && !LONE_SURROGATE.test(decoded) && !isPrototypeName(decoded)
    );
  });
}

function cleanJson(value: unknown, depth = 0): boolean {
  if (depth > JSON_DEPTH_MAX) return false;
  if (typeof value === 'string') return isCleanText(value);
  if (Array.isArray(value)) return value.every((item) => cleanJson(item, depth + 1));
  if (value && typeof value === 'object')
    return Object.entries(value).every(([key, item]) => isCleanName(key) && cleanJson(item, depth + 1));
  return true;
}

async function cleanBody(c: Context<AppEnv>): Promise<boolean> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      return false;
    }
    return text.split('&').every((pair) => pair === '' || cleanPair(pair));
  }
  if (type === 'multipart/form-data') {
    const body = await c.req.parseBody({ all: true });
    return Object.entries(body).every(
      ([key, value]) =>
        isCleanName(key) &&
        (Array.isArray(value) ? value : [value]).every((item) => typeof item !== 'string' || isCleanText(item)),
    );
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    const parsed = await c.req.json().then(
      (json: unknown) => ({ json }),
      () => null,
    );
    // Broken JSON is the route's to answer (its own 400); only what parses is checked here.
    return parsed === null || cleanJson(parsed.json);
  }
  return true;
}

/** Whether the address, the query and the body all pass the rule. */
export async function inputIsClean(c: Context<AppEnv>): Promise<boolean> {
  const url = new URL(c.req.url);
  if (!cleanPath(url.pathname) || !cleanQuery(url.search)) return false;
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return true;
  return cleanBody(c);
}
