import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../support/client';
import { createMember } from '../support/factories';
import { describeOnDatabases } from '../support/suites';

/**
 * A bounded fuzz run over every route the router knows (app.routes), logged out and logged in, with
 * hostile values. Deterministic: the same seed gives the same requests. Asserts no 500, and that a
 * refused request (400, 403, 404, 405, 413) changed nothing: a row trigger on every table of the app
 * counts committed inserts, updates and deletes (the server is shared, so nothing cluster-wide will do).
 */
const REQUESTS = 5_200;
const SEED = 14;
const REFUSED = new Set([400, 403, 404, 405, 413]);

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

// Raw, as they would appear in an address (already percent-encoded where needed).
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%FF',
  '%C0%AF',
  '%ED%A0%80',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  'x'.repeat(3000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%E6%8A%80%E5%B8%82',
  "'%3B--",
  '%3Cscript%3E',
  '%0D%0ASet-Cookie:x=1',
];
// Decoded text, for query strings and form fields.
const HOSTILE_TEXT = [
  '\u0000',
  'abc\u0000def',
  '\u001b[31m',
  '\r\nX-Injected: 1',
  '\ud800',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'x'.repeat(70_000),
  'あ'.repeat(5_000),
  '-1',
  '99999999999999999999999',
  '1e400',
  '0x10',
  'NaN',
  '',
  ' ',
  'null',
  'true',
  '[]',
  '{}',
  '<img src=x onerror=alert(1)>',
  "' or 1=1 --",
  '2026-02-30',
  '00000000-0000-0000-0000-000000000000',
  'a@b',
  '😀'.repeat(100),
];
const FIELD_NAMES = [
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'username',
  'displayName',
  'bio',
  'body',
  'title',
  'description',
  'price',
  'amount',
  'q',
  'code',
  'token',
  'reason',
  'name',
  'category',
  'categoryId',
  'locale',
  'back',
  'next',
  'status',
  'id',
  'ids',
  'quantity',
  'rating',
  'phone',
  '__proto__',
  'constructor',
  'prototype',
];
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/json',
  'text/plain',
  'application/xml',
  'application/octet-stream',
] as const;

/** Percent-encodes text; a lone surrogate half (no UTF-8 for it) goes as the bytes a broken encoder would send. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** Replaces each :param (with or without its {pattern} and ?) and each * in a route path by a value. */
function fillPath(path: string, value: () => string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '*') {
      out += value();
      continue;
    }
    if (path[i] !== ':') {
      out += path[i];
      continue;
    }
    i++;
    while (i < path.length && /[A-Za-z0-9_]/.test(path[i])) i++;
    if (path[i] === '{') {
      let depth = 0;
      for (; i < path.length; i++) {
        if (path[i] === '{') depth++;
        if (path[i] === '}' && --depth === 0) break;
      }
      i++;
    }
    if (path[i] === '?') i++;
    i--;
    out += value();
  }
  return out;
}

describeOnDatabases('fuzz over every route', (ctx) => {
  it(`sends ${REQUESTS} hostile requests: no 500, and refused requests write nothing`, async () => {
    const random = generator(SEED);
    const { app } = ctx();
    const routes = [
      ...new Map(
        app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r] as const),
      ).values(),
    ];
    expect(routes.length).toBeGreaterThan(100);

    const member = await createMember(ctx());
    const visitor = new TestClient(ctx());
    await visitor.get('/');
    const signedIn = new TestClient(ctx());
    await signedIn.logIn(member.email, member.password);
    await signedIn.get('/mypage');

    const db = ctx().deps.db;
    await db.execute(sql`create table fuzz_writes (n bigint not null)`);
    await db.execute(sql`insert into fuzz_writes values (0)`);
    await db.execute(
      sql.raw(`create function fuzz_count() returns trigger language plpgsql as $$
        begin update fuzz_writes set n = n + 1; return null; end $$`),
    );
    await db.execute(
      sql.raw(`do $$ declare t record; begin
        for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'fuzz_writes' loop
          execute format('create trigger fuzz_count after insert or update or delete on %I for each row execute function fuzz_count()', t.tablename);
        end loop; end $$`),
    );
    const writes = async () => String(((await db.execute(sql`select n::text as n from fuzz_writes`)) as any).rows[0].n);

    const failures: string[] = [];
    const writers: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    for (let n = 0; n < REQUESTS; n++) {
      const route = random.pick(routes);
      // Logging out or leaving would end the signed-in half of the run; those routes are fuzzed logged out.
      const client = /logout|withdrawal|pause/.test(route.path) ? visitor : random.pick([visitor, signedIn]);
      if (client === signedIn && n % 250 === 0 && (await signedIn.get('/mypage')).status !== 200) {
        await signedIn.logIn(member.email, member.password);
        await signedIn.get('/mypage');
      }
      const path = fillPath(route.path, () => random.pick(HOSTILE_SEGMENTS));
      const query =
        random.next() < 0.5
          ? ''
          : '?' +
            Array.from(
              { length: 1 + Math.floor(random.next() * 3) },
              () =>
                `${encodeURIComponent(random.pick(FIELD_NAMES))}${random.next() < 0.2 ? '[]' : ''}=${
                  random.next() < 0.3 ? random.pick(HOSTILE_SEGMENTS) : encode(random.pick(HOSTILE_TEXT))
                }`,
            ).join('&');
      const headers: Record<string, string> = {};
      if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      let body: BodyInit | undefined;
      const method = route.method;
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
        const token = random.next() < 0.9 ? (client.formToken ?? '') : random.pick(HOSTILE_TEXT);
        const fields: [string, string][] = [['_csrf', token]];
        for (let f = Math.floor(random.next() * 5); f > 0; f--) {
          const name = random.pick(FIELD_NAMES);
          fields.push([name, random.pick(HOSTILE_TEXT)]);
          if (random.next() < 0.2) fields.push([name, random.pick(HOSTILE_TEXT)]); // an array
        }
        const type = random.pick(CONTENT_TYPES);
        if (type === 'application/x-www-form-urlencoded') {
          headers['content-type'] = type;
          body =
            random.next() < 0.15
              ? new Uint8Array([...Buffer.from(new URLSearchParams(fields).toString()), 0x26, 0x61, 0x3d, 0xff, 0xfe])
              : new URLSearchParams(fields).toString();
        } else if (type === 'multipart/form-data') {
          const form = new FormData();
          for (const [name, value] of fields) form.append(name, value);
          if (random.next() < 0.3)
            form.append(
              random.pick(['avatar', 'file', 'images', 'attachment']),
              new Blob([random.pick(HOSTILE_TEXT)]),
              random.pick(['../../../../tmp/x.png', '__proto__', 'a\u0000.png', 'x.png']),
            );
          body = form;
        } else if (type === 'application/json') {
          headers['content-type'] = type;
          headers['x-csrf-token'] = /^[\x20-\x7e]*$/.test(token) ? token : encode(token); // a header is bytes
          body = random.pick([
            JSON.stringify(Object.fromEntries(fields)),
            JSON.stringify(fields),
            '{"password":',
            'null',
            '"\\u0000"',
            '{"__proto__":{"role":"operator"}}',
            '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
          ]);
        } else {
          headers['content-type'] = type;
          body = new URLSearchParams(fields).toString();
        }
      }
      const before = await writes();
      const res = await app.request(path + query, { method, headers, body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${res.status} ${method} ${path.slice(0, 120)}${query.slice(0, 80)}`);
      if (REFUSED.has(res.status) && (await writes()) !== before) writers.push(`${res.status} ${method} ${route.path}`);
      void text;
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz [${ctx().kind}]: ${REQUESTS} requests over ${routes.length} routes in ${seconds.toFixed(1)} s; ` +
        `500s: ${failures.length}; refused requests that wrote: ${writers.length}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures).toEqual([]);
    expect(writers).toEqual([]);
    expect(Number(await writes())).toBeGreaterThan(0); // the counter sees the writes of accepted requests
  }, 400_000);
});
