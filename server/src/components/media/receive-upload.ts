import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { invalidField } from './media-errors';
import { saveUploadStream, type TReceivedFile, type TSaveStreamOptions } from './save-upload-stream';

export interface TReceivedUpload {
  fields: Record<string, string>;
  file: TReceivedFile | undefined;
}

export interface TReceiveOptions extends TSaveStreamOptions {
  /** The text fields allowed besides `file`; anything else is refused, naming it. */
  fieldNames: readonly string[];
}

/** Bounds on everything but the file itself (whose cap depends on its sniffed type). */
const LIMITS = { fields: 8, fieldSize: 8 * 1024, parts: 10, headerPairs: 20 };

/**
 * Reads a multipart body: text fields into memory (small, bounded), the one `file` part to a
 * temp file. Fails fast, at the first bad part, and stops reading the request: the caller
 * answers and decides whether to drain or close the connection. Nothing is left on disk then.
 */
export function receiveUpload(req: Request, options: TReceiveOptions): Promise<TReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: LIMITS });
    } catch {
      return reject(invalidField('(body)', 'multipart_required'));
    }
    const fields: Record<string, string> = {};
    let saving: Promise<TReceivedFile> | undefined;
    let fileStream: Readable | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      fileStream?.destroy();
      // Answer only once the temp file is gone (a save in progress removes its own on failure).
      const cleaned = saving?.then((file) => rm(file.path, { force: true })).catch(() => undefined);
      void Promise.resolve(cleaned).then(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (!options.fieldNames.includes(name)) return fail(invalidField(name, 'unknown_field'));
      if (Object.hasOwn(fields, name)) return fail(invalidField(name, 'duplicate_field'));
      if (info.valueTruncated) return fail(invalidField(name, 'too_big'));
      fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (settled) return stream.resume();
      if (name !== 'file') return fail(invalidField(name, 'unknown_field'));
      if (saving) return fail(invalidField('file', 'too_many_files'));
      fileStream = stream;
      saving = saveUploadStream(stream, options);
      saving.catch(fail);
    });
    parser.on('fieldsLimit', () => fail(invalidField('(body)', 'too_many_fields')));
    parser.on('partsLimit', () => fail(invalidField('(body)', 'too_many_fields')));
    parser.on('error', () => fail(invalidField('(body)', 'malformed_multipart')));
    parser.on('close', () => {
      void (saving ?? Promise.resolve(undefined)).then((file) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    // The client went away mid-upload: busboy never closes, so end it here.
    req.on('close', () => {
      if (!req.complete) fail(invalidField('(body)', 'malformed_multipart'));
    });
    req.pipe(parser);
  });
}
