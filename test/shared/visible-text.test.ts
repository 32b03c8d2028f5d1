import { afterEach, describe, expect, it, vi } from 'vitest';
import { visibleControls } from '../../shared/domain/visible-text';
import { logError } from '../../electron/services/log';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('control characters shown escaped (CLI and log lines)', () => {
  it('writes an ESC sequence, C1 controls, bidi overrides and lone surrogates as escapes; text and emoji stay', () => {
    const cell = 'Kft.\u001b]0;pwned\u0007\u001b[2J \u009b31m \u202eevil\u2066 A\uD800B \uDC00 ok 😀 Fő u. 1.';
    const shown = visibleControls(cell);
    expect(shown).toBe('Kft.\\u001b]0;pwned\\u0007\\u001b[2J \\u009b31m \\u202eevil\\u2066 A\\ud800B \\udc00 ok 😀 Fő u. 1.');
    expect(shown.replace('😀', '').replace('ő', '')).toMatch(/^[\x20-\x7e]*$/);
    // The escapes are JSON's own: the line read back as a JSON string is the cell.
    expect(JSON.parse(`"${shown}"`)).toBe(cell);
  });

  it('keeps line breaks of a line made of several lines unless told to show them', () => {
    expect(visibleControls('a\nb\tc\r')).toBe('a\nb\\tc\\r');
    expect(visibleControls('a\nb', { lineBreaks: true })).toBe('a\\nb');
    expect(visibleControls('plain')).toBe('plain');
  });

  it('the app log escapes what an error message quotes from a file', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logError('sheet "%s" failed:', 'Munka\u001b[2J1', new Error('x\u0007'));
    const line = String(err.mock.calls[0]?.[0]);
    expect(line).toContain('sheet "Munka\\u001b[2J1" failed:');
    expect(line).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });
});
