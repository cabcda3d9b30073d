/** A file from a multipart form, or null when the member chose none (browsers send an empty part). */
export async function uploadedFile(value: unknown): Promise<{ name: string; bytes: Uint8Array } | null> {
  if (!(value instanceof File) || value.size === 0) return null;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}
