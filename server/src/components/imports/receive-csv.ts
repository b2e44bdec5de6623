import type { Request } from 'express';
import busboy from 'busboy';
import { invalidField } from '../media/media-errors';

export interface TReceivedCsv {
  fileName: string;
  bytes: Buffer;
}

const LIMITS = { fields: 0, files: 1, parts: 2, headerPairs: 20 };

/** The name as the user knows it, without any path a browser or tool may have sent. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}]/gu, '').trim().slice(0, 200);
  return clean || 'import.csv';
}

/**
 * Reads the one `file` part of a multipart body into memory, up to `maxBytes` (a CSV is small;
 * the cap bounds the memory). Fails fast at the first bad part or byte past the cap and stops
 * reading: the caller answers and decides whether to drain or close the connection.
 */
export function receiveCsv(req: Request, options: { maxBytes: number; tooLarge: () => Error }): Promise<TReceivedCsv> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { ...LIMITS, fileSize: options.maxBytes } });
    } catch {
      return reject(invalidField('(body)', 'multipart_required'));
    }
    let file: TReceivedCsv | undefined;
    let reading: Promise<void> | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      reject(error);
    };

    parser.on('field', (name) => fail(invalidField(name, 'unknown_field')));
    parser.on('file', (name, stream, info) => {
      if (settled) return stream.resume();
      if (name !== 'file') {
        stream.resume();
        return fail(invalidField(name, 'unknown_field'));
      }
      const chunks: Buffer[] = [];
      stream.on('limit', () => {
        stream.resume();
        fail(options.tooLarge());
      });
      reading = new Promise((done) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          file = { fileName: cleanFileName(info.filename), bytes: Buffer.concat(chunks) };
          done();
        });
      });
    });
    parser.on('filesLimit', () => fail(invalidField('file', 'too_many_files')));
    parser.on('fieldsLimit', () => fail(invalidField('(body)', 'too_many_fields')));
    parser.on('partsLimit', () => fail(invalidField('(body)', 'too_many_fields')));
    parser.on('error', () => fail(invalidField('(body)', 'malformed_multipart')));
    parser.on('close', () => {
      void (reading ?? Promise.resolve()).then(() => {
        if (settled) return;
        settled = true;
        if (!file) return reject(invalidField('file', 'required'));
        resolve(file);
      });
    });
    req.on('close', () => {
      if (!req.complete) fail(invalidField('(body)', 'malformed_multipart'));
    });
    req.pipe(parser);
  });
}
