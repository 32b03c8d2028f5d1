/**
 * 003: a run's failure reason as a code + params (shared/domain/message-codes.ts), so the history
 * shows it in the user's language. `error` keeps the English sentence (CLI, logs, search); runs
 * recorded before this migration have only that text, and the UI shows it as it is.
 */
export const MIGRATION_003 = `
ALTER TABLE runs ADD COLUMN error_code TEXT;
ALTER TABLE runs ADD COLUMN error_params_json TEXT;
`;
