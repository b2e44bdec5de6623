const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');

/**
 * The file's text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
 * windows-1252, which is what Excel's plain "CSV" export writes on Indonesian Windows.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}
