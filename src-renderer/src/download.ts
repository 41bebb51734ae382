/** Saves bytes as a file through the browser's download (Electron asks where to save it). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** Saves a value as a JSON file. */
export function downloadJson(value: unknown, fileName: string): void {
  downloadBytes(new TextEncoder().encode(JSON.stringify(value)), fileName, 'application/json');
}
