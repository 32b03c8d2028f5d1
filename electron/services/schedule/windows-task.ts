/**
 * Windows Task Scheduler: the task XML `schtasks /Create /XML` takes. One calendar trigger per time
 * of day; an interval is one daily trigger at midnight repeated every N minutes for the day, so the
 * runs fall on the same clock times as on the other systems. The task runs only while the user is
 * logged on (InteractiveToken): the app's secrets are encrypted with the user's own keys (DPAPI),
 * which a task running without the user cannot open. A missed run (computer off) runs at the next
 * chance; a run still going when the next is due makes the new one be ignored.
 */
import { dueMoments } from '../../../shared/domain/schedule';
import { describeEntry, xmlEscape, type OsEntry } from './os-entry';

/** One argument quoted the way Windows programs split their command line (CommandLineToArgvW). */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  // Backslashes are literal unless they precede a quote: double those, and escape the quote itself.
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 duration of an interval: PT15M, PT2H. */
const duration = (minutes: number): string => (minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`);

/** The task XML; `day` (YYYY-MM-DD) is when the triggers start (today). */
export function windowsTaskXml(e: OsEntry, day: string): string {
  const s = e.schedule;
  const trigger = (hour: number, minute: number, repeat: string) => [
    '    <CalendarTrigger>',
    repeat,
    `      <StartBoundary>${day}T${two(hour)}:${two(minute)}:00</StartBoundary>`,
    '      <Enabled>true</Enabled>',
    '      <ScheduleByDay>',
    '        <DaysInterval>1</DaysInterval>',
    '      </ScheduleByDay>',
    '    </CalendarTrigger>',
  ].filter((l) => l !== '').join('\r\n');
  const triggers = s.when.kind === 'times'
    ? dueMoments(s.when).map((m) => trigger(m.hour, m.minute, ''))
    : [trigger(0, 0, [
      '      <Repetition>',
      `        <Interval>${duration(s.when.minutes)}</Interval>`,
      '        <Duration>P1D</Duration>',
      '        <StopAtDurationEnd>false</StopAtDurationEnd>',
      '      </Repetition>',
    ].join('\r\n'))];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>${xmlEscape(describeEntry(s))}</Description>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    ...triggers,
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <ExecutionTimeLimit>PT4H</ExecutionTimeLimit>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xmlEscape(e.command.program)}</Command>`,
    `      <Arguments>${xmlEscape(e.command.args.map(windowsQuote).join(' '))}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** schtasks reads the XML file as UTF-16 (little endian, with its byte order mark). */
export function windowsTaskFile(xml: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}
