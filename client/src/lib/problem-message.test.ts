import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { problemMessage } from './problem-message';

const t = ((key: string) => `t:${key}`) as unknown as TFunction;
const problem = (o: Partial<ConstructorParameters<typeof ApiError>[0]>) => new ApiError({ type: 'about:blank', title: 'Data yang dikirim tidak valid.', status: 400, code: 'validation', detail: '', ...o });

describe("the words shown for a failed request", () => {
  it('when the server names fields, then only its messages are shown, each once, without field paths', () => {
    const error = problem({
      detail: 'Data yang dikirim tidak valid. accountIds.0: @kec_tigaraksa belum punya jam antrean.',
      errors: [
        { field: 'accountIds.0', key: 'no_queue_slots', message: '@kec_tigaraksa belum punya jam antrean.' },
        { field: 'accountIds.1', key: 'no_queue_slots', message: '@kec_tigaraksa belum punya jam antrean.' },
        { field: 'text', key: 'text_required', message: 'Teks wajib diisi.' },
      ],
    });
    expect(problemMessage(error, t)).toBe('@kec_tigaraksa belum punya jam antrean. Teks wajib diisi.');
  });

  it('when there are no field messages, then the detail, else the title, else the translated code', () => {
    expect(problemMessage(problem({ detail: 'Sesi berakhir.' }), t)).toBe('Sesi berakhir.');
    expect(problemMessage(problem({ detail: '' }), t)).toBe('Data yang dikirim tidak valid.');
    expect(problemMessage(problem({ detail: '', title: '' }), t)).toBe('t:errors.validation');
    expect(problemMessage(new Error('boom'), t)).toBe('t:errors.unexpected');
  });
});
