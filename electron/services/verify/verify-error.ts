import type { VerifyCode } from '../../../shared/domain/message-codes';

export type VerifyErrorCode = VerifyCode | 'run-not-found';

/**
 * A check or an undo that cannot be done, in plain words (every code has a sentence in both
 * language files). The CLI exits 2 for these: the run or the request is the problem, not MiniCRM.
 */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  constructor(
    readonly code: VerifyErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
