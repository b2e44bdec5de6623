import { useState } from 'react';
import type { TVariantTexts } from '../utils/post-form-values';

/** "Variasi per akun": a text of its own for some accounts; the others get the main text. */
export function usePostVariants({ onChange }: { onChange: () => void }) {
  const [texts, setTexts] = useState<TVariantTexts>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Opens a variant for each account that has none yet, starting from the main text. */
  const open = (accountIds: string[], mainText: string) => {
    setTexts((current) => Object.fromEntries([...accountIds.map((id) => [id, mainText]), ...Object.entries(current)]));
    onChange();
  };

  const set = (accountId: string, text: string) => {
    setTexts((current) => ({ ...current, [accountId]: text }));
    setErrors(({ [accountId]: _cleared, ...rest }) => rest);
    onChange();
  };

  const remove = (accountId: string) => {
    setTexts(({ [accountId]: _removed, ...rest }) => rest);
    setErrors(({ [accountId]: _cleared, ...rest }) => rest);
    onChange();
  };

  const clear = () => {
    setTexts({});
    setErrors({});
  };

  return { texts, errors, setErrors, open, set, remove, clear };
}
