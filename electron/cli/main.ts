import { processIo } from './io';
import { runCli } from './run-cli';

// Entry of `npm run cli -- …`. Exit codes are documented in help.ts and the README.
const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
