import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from './files/store';

// `packed`: the format compresses its own contents, so deflating it again (in the export ZIP) costs
// time and saves nothing.
export const uploadKinds = {
  png: { mime: 'image/png', ext: 'png', packed: true },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', packed: true },
  gif: { mime: 'image/gif', ext: 'gif', packed: true },
  webp: { mime: 'image/webp', ext: 'webp', packed: true },
  pdf: { mime: 'application/pdf', ext: 'pdf', packed: true },
  zip: { mime: 'application/zip', ext: 'zip', packed: true },
  text: { mime: 'text/plain; charset=utf-8', ext: 'txt', packed: false },
} as const;

/** Whether a stored file of this type is worth deflating: not when its format is already compressed. */
export const worthDeflating = (mimeType: string | null) =>
  !Object.values(uploadKinds).some((kind) => kind.packed && kind.mime === mimeType);
export type UploadKind = keyof typeof uploadKinds;

/** What a file really is, from its first bytes: the name and the browser's claim are not trusted. */
export function sniffUpload(bytes: Uint8Array): UploadKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (bytes.length > 0 && !bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'text';
    } catch {
      return null;
    }
  }
  return null;
}

/** Pixel size read from a PNG, JPEG, GIF or WebP header, without decoding the image. */
export function imageSize(bytes: Uint8Array, kind: UploadKind): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (kind === 'gif' && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (kind === 'webp' && bytes.length >= 30) {
    const chunk = String.fromCharCode(...bytes.slice(12, 16));
    if (chunk === 'VP8X')
      return {
        width: 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)),
        height: 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)),
      };
    if (chunk === 'VP8 ')
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    if (chunk === 'VP8L') {
      const b = bytes.slice(21, 25);
      return {
        width: 1 + (((b[1] & 0x3f) << 8) | b[0]),
        height: 1 + (((b[3] & 0xf) << 10) | (b[2] << 2) | ((b[1] & 0xc0) >> 6)),
      };
    }
    return null;
  }
  if (kind === 'jpeg') {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1];
      const length = view.getUint16(offset + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      offset += 2 + length;
    }
  }
  return null;
}

export type PictureKind = 'png' | 'jpeg' | 'webp';
export type PictureCheck =
  | { ok: true; kind: PictureKind; width: number; height: number }
  | { ok: false; problem: 'tooLarge' | 'type' | 'dimensions' };

/** What an acceptable picture is: a real PNG, JPEG or WebP (by its bytes), within the byte and pixel limits. */
export function checkPicture(bytes: Uint8Array, limits: { maxBytes: number; maxPixels: number }): PictureCheck {
  if (bytes.length > limits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const kind = sniffUpload(bytes);
  if (kind !== 'png' && kind !== 'jpeg' && kind !== 'webp') return { ok: false, problem: 'type' };
  const size = imageSize(bytes, kind);
  if (!size || size.width === 0 || size.height === 0 || size.width > limits.maxPixels || size.height > limits.maxPixels)
    return { ok: false, problem: 'dimensions' };
  return { ok: true, kind, ...size };
}

/** Stores bytes in the file store under uploads/ and returns the key kept in the database. */
export async function storeUpload(files: FileStore, bytes: Uint8Array, kind: UploadKind): Promise<string> {
  const key = `uploads/${randomUUID().slice(0, 2)}/${randomUUID()}.${uploadKinds[kind].ext}`;
  await files.put(key, bytes, uploadKinds[kind].mime);
  return key;
}

function uploadKey(key: string): string {
  if (!key.startsWith('uploads/')) throw new Error('upload key outside the upload folder');
  return key;
}

/** A stream of a stored upload, with its type from the name it was stored under (sniffed when it was stored). */
export async function openUpload(
  files: FileStore,
  key: string,
): Promise<{ stream: ReadableStream; mime: string } | null> {
  const stream = await files.get(uploadKey(key));
  if (!stream) return null;
  const ext = key.slice(key.lastIndexOf('.') + 1);
  const kind = Object.values(uploadKinds).find((k) => k.ext === ext);
  return { stream: Readable.toWeb(stream) as ReadableStream, mime: kind?.mime ?? 'application/octet-stream' };
}

export async function deleteUpload(files: FileStore, key: string) {
  await files.delete(uploadKey(key));
}
