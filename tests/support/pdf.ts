import { execFileSync } from 'node:child_process';
import type { TestClient } from './client';
import type { TestContext } from './context';

/** The text of a PDF as poppler's pdftotext reads it (what a person or a screen reader would get). */
export function pdfText(pdf: Buffer): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
}

/** A binary answer (TestClient reads bodies as text): GET, or POST with the form token the client holds. */
export async function fetchBytes(ctx: TestContext, client: TestClient, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = {
    cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  let body: string | undefined;
  if (form) {
    if (!client.formToken) await client.get('/');
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ _csrf: client.formToken!, ...form }).toString();
  }
  const res = await ctx.app.request(path, { method: form ? 'POST' : 'GET', headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), bytes, text: () => pdfText(bytes) };
}
