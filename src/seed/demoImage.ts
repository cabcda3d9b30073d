import { Canvas, type Rgb } from './demoCanvas';

/** The kinds of work a demo cover shows, drawn in code so they look like a seller's sample, not a test pattern. */
export type CoverKind = 'logo' | 'illustration' | 'document' | 'website' | 'video' | 'chat';

const W = 640;
const H = 480;
const white: Rgb = [255, 255, 255];
const ink: Rgb = [31, 41, 55];
const grey: Rgb = [209, 213, 219];
const tint = (c: Rgb, amount: number): Rgb => c.map((v) => Math.round(v + (255 - v) * amount)) as Rgb;
const shade = (c: Rgb, amount: number): Rgb => c.map((v) => Math.round(v * (1 - amount))) as Rgb;

/** Lines of "text": grey bars of varying length, as a mock-up shows copy. */
function textLines(c: Canvas, x: number, y: number, width: number, lines: number, colour = grey, gap = 22) {
  for (let i = 0; i < lines; i++)
    c.rect(x, y + i * gap, width * (i % 3 === 2 ? 0.6 : 0.95 - (i % 2) * 0.1), 10, colour, 5);
}

function logo(c: Canvas, hue: Rgb) {
  c.rect(70, 60, 500, 360, white, 18);
  c.circle(230, 200, 70, hue);
  c.circle(230, 200, 38, white);
  c.rect(222, 130, 16, 70, white);
  c.rect(320, 160, 190, 30, ink, 8);
  c.rect(320, 206, 140, 16, grey, 8);
  [hue, shade(hue, 0.4), tint(hue, 0.5), ink].forEach((s, i) => c.circle(130 + i * 56, 360, 20, s));
  c.rect(400, 345, 130, 30, tint(hue, 0.75), 15);
}

function illustration(c: Canvas, hue: Rgb) {
  c.circle(520, 100, 50, [253, 224, 71]);
  c.circle(120, 620, 300, tint(hue, 0.55));
  c.circle(560, 660, 320, tint(hue, 0.3));
  // A round face with rosy cheeks: a portrait sketch.
  c.circle(320, 230, 110, [254, 215, 170]);
  c.rect(210, 120, 220, 70, [120, 53, 15], 40);
  c.circle(280, 240, 10, ink);
  c.circle(360, 240, 10, ink);
  c.circle(255, 280, 16, [251, 113, 133], 0.6);
  c.circle(385, 280, 16, [251, 113, 133], 0.6);
  c.rect(295, 290, 50, 10, [190, 18, 60], 5);
}

function documentPage(c: Canvas, hue: Rgb) {
  c.rect(150, 40, 340, 440, [0, 0, 0], 10, 0.12);
  c.rect(140, 30, 340, 440, white, 10);
  c.rect(175, 70, 180, 18, ink, 9);
  textLines(c, 175, 115, 270, 5);
  c.rect(170, 222, 260, 18, tint(hue, 0.6), 4);
  textLines(c, 175, 260, 270, 6);
  c.ring(430, 380, 34, 6, [220, 38, 38]);
  c.rect(360, 300, 90, 6, [220, 38, 38], 3);
  c.rect(500, 90, 110, 70, hue, 12);
  c.rect(518, 110, 74, 10, white, 5);
  c.rect(518, 130, 50, 10, white, 5);
}

function website(c: Canvas, hue: Rgb) {
  c.rect(50, 40, 540, 400, white, 14);
  c.rect(50, 40, 540, 36, [243, 244, 246], 14);
  [
    [239, 68, 68],
    [245, 158, 11],
    [34, 197, 94],
  ].forEach((d, i) => c.circle(76 + i * 22, 58, 7, d as Rgb));
  c.rect(80, 100, 480, 150, hue, 10);
  c.rect(110, 140, 220, 22, white, 11);
  c.rect(110, 176, 160, 12, tint(hue, 0.6), 6);
  c.rect(110, 204, 100, 28, white, 14);
  for (let i = 0; i < 3; i++) {
    c.rect(80 + i * 165, 275, 150, 90, tint(hue, 0.85), 8);
    textLines(c, 95 + i * 165, 380, 120, 2, grey, 20);
  }
}

function video(c: Canvas, hue: Rgb) {
  c.circle(600, 40, 160, tint(hue, 0.5));
  c.rect(40, 50, 560, 320, ink, 12);
  c.circle(320, 210, 56, hue);
  c.triangle(
    [
      [302, 180],
      [350, 210],
      [302, 240],
    ],
    white,
  );
  c.rect(80, 310, 480, 8, [75, 85, 99], 4);
  c.rect(80, 310, 290, 8, hue, 4);
  c.circle(370, 314, 10, white);
  // The timeline of an editor: clips in rows.
  [
    [60, 150],
    [220, 120],
    [350, 200],
  ].forEach(([x, w], i) => c.rect(x, 395, w - 8, 26, i === 1 ? hue : tint(hue, 0.4), 6));
  [
    [60, 260],
    [330, 250],
  ].forEach(([x, w]) => c.rect(x, 430, w - 8, 20, grey, 6));
}

function chat(c: Canvas, hue: Rgb) {
  c.rect(60, 70, 330, 90, white, 24);
  textLines(c, 90, 98, 250, 2, grey, 26);
  c.rect(250, 190, 330, 90, hue, 24);
  textLines(c, 280, 218, 250, 2, tint(hue, 0.6), 26);
  c.rect(60, 310, 260, 70, white, 24);
  textLines(c, 90, 336, 190, 1);
  [0, 1, 2].forEach((i) => c.circle(420 + i * 30, 345, 9, tint(hue, 0.3)));
  c.circle(560, 420, 34, [253, 224, 71]);
  c.circle(548, 412, 5, ink);
  c.circle(572, 412, 5, ink);
  c.rect(548, 428, 24, 6, ink, 3);
}

const painters: Record<CoverKind, (c: Canvas, hue: Rgb) => void> = {
  logo,
  illustration,
  document: documentPage,
  website,
  video,
  chat,
};

/** A 4:3 demo cover in the service's colour, as a PNG. */
export function demoCoverPng(kind: CoverKind, hue: Rgb): Uint8Array {
  const canvas = new Canvas(W, H, tint(hue, kind === 'video' ? 0.8 : 0.88));
  painters[kind](canvas, hue);
  return canvas.png();
}
