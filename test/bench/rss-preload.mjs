// Loaded by run-bench.ts into each measured CLI process: its peak memory (all threads), on stderr.
process.on('exit', () => process.stderr.write(`BENCH_RSS_KB ${process.resourceUsage().maxRSS}\n`));
