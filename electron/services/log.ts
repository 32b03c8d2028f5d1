/**
 * The app's log lines (main process, job threads) go to stderr through here: whatever an error
 * message quotes from a file (a cell, a sheet name) is shown with its control characters escaped.
 * Lint allows `console` nowhere else under electron/.
 */
import { format } from 'node:util';
import { visibleControls } from '../../shared/domain/visible-text';

export function logError(...parts: unknown[]): void {
  console.error(visibleControls(format(...parts)));
}
