import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

export interface ScreenMessage {
  kind: 'success' | 'error';
  text: string;
}

/**
 * A screen's one-line outcome message, and `act`: runs a user action, then shows the text it returns
 * (success) or its error in the user's language. Every screen with buttons reports the same way.
 */
export function useActionMessage() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<ScreenMessage | null>(null);
  const showError = useCallback((err: unknown) => setMessage({ kind: 'error', text: errorText(err, t) }), [t]);
  const act = useCallback(async (fn: () => Promise<string | null>): Promise<void> => {
    setMessage(null);
    try {
      const text = await fn();
      if (text) setMessage({ kind: 'success', text });
    } catch (err) {
      showError(err);
    }
  }, [showError]);
  return { message, setMessage, showError, act };
}
