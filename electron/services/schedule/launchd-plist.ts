/**
 * macOS: a launchd agent in ~/Library/LaunchAgents, loaded into the user's session (gui/<uid>),
 * where the login keychain the app's secrets are encrypted with is open. The due moments are
 * listed as StartCalendarInterval entries (an interval too, so it keeps to the clock like on the
 * other systems); launchd runs a moment missed while the Mac slept when it wakes.
 */
import { dueMoments } from '../../../shared/domain/schedule';
import { describeEntry, launchdLabel, xmlEscape, type OsEntry } from './os-entry';

const str = (v: string) => `<string>${xmlEscape(v)}</string>`;

/** The agent's property list. Every minute of every hour (`Minute` only) when the interval is under an hour. */
export function launchdPlist(e: OsEntry, logFile: string): string {
  const s = e.schedule;
  const moments = s.when.kind === 'interval' && s.when.minutes < 60
    ? dueMoments(s.when).filter((m) => m.hour === 0).map((m) => ({ minute: m.minute, hour: null as number | null }))
    : dueMoments(s.when).map((m) => ({ minute: m.minute, hour: m.hour as number | null }));
  const calendar = moments.map((m) => [
    '\t\t<dict>',
    ...(m.hour === null ? [] : ['\t\t\t<key>Hour</key>', `\t\t\t<integer>${m.hour}</integer>`]),
    '\t\t\t<key>Minute</key>',
    `\t\t\t<integer>${m.minute}</integer>`,
    '\t\t</dict>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>Label</key>',
    `\t${str(launchdLabel(e.key, s.id))}`,
    '\t<key>Comment</key>',
    `\t${str(describeEntry(s))}`,
    '\t<key>ProgramArguments</key>',
    '\t<array>',
    ...[e.command.program, ...e.command.args].map((a) => `\t\t${str(a)}`),
    '\t</array>',
    '\t<key>StartCalendarInterval</key>',
    '\t<array>',
    ...calendar,
    '\t</array>',
    '\t<key>RunAtLoad</key>',
    '\t<false/>',
    '\t<key>ProcessType</key>',
    '\t<string>Background</string>',
    '\t<key>StandardOutPath</key>',
    `\t${str(logFile)}`,
    '\t<key>StandardErrorPath</key>',
    `\t${str(logFile)}`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
