/**
 * The `daka` command line. Each command lives in its own file and is loaded only when
 * used, so `daka eval` does not pay for the server's start-up. bin/daka.js parses the
 * arguments; tests read the commands and options from `program` without running any.
 */
import { Command, Option } from 'commander';
import { VERSION } from '../version.js';

export const program = new Command();
program.name('daka').description('Daka (打卡): the self-hosted attendance hub').version(VERSION);

program
  .command('serve')
  .description('start the server (same as npm start)')
  .option('--demo', 'fill an empty database with a demo company')
  .action(async (opts: { demo?: boolean }) => {
    const { serveCommand } = await import('./serve.js');
    await serveCommand(opts);
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const { migrateCommand } = await import('./migrate.js');
    process.exitCode = await migrateCommand();
  });

program
  .command('eval')
  .description('evaluate attendance scenarios (spec format) and print the day results as JSON')
  .argument('<files...>', 'scenario JSON files')
  .option('--jsonl', 'one line per file: { "file": …, "results": { … } }')
  .option('--explain', 'include the explanation of every figure')
  .action(async (files: string[], opts: { jsonl?: boolean; explain?: boolean }) => {
    const { evalCommand } = await import('./eval.js');
    process.exitCode = await evalCommand(files, opts);
  });

const user = program.command('user').description('manage users from the command line (e.g. a forgotten admin password)');
user
  .command('create')
  .requiredOption('--username <name>')
  .requiredOption('--password <password>')
  .addOption(new Option('--role <role>').choices(['admin', 'hr', 'manager', 'employee']).default('admin'))
  .option('--display-name <name>')
  .option('--company <ids...>', 'company ids the user belongs to')
  .action(async (opts) => {
    const { userCreate } = await import('./user.js');
    process.exitCode = await userCreate(opts);
  });
user
  .command('reset-password')
  .requiredOption('--username <name>')
  .requiredOption('--password <password>')
  .action(async (opts) => {
    const { userResetPassword } = await import('./user.js');
    process.exitCode = await userResetPassword(opts);
  });
user
  .command('list')
  .action(async () => {
    const { userList } = await import('./user.js');
    process.exitCode = await userList();
  });

const report = program.command('report').description('export attendance reports from the configured database (progress on stderr)');
for (const [kind, what, period] of [
  ['monthly', 'monthly sheet: DingTalk monthly columns and one symbol per day', 'month'],
  ['daily', 'daily detail: one row per employee and date', 'range'],
  ['anomalies', 'late, early, missing-punch and absent days', 'range'],
  ['payroll', 'monthly figures in the company payroll mapping', 'month'],
  ['device-lag', 'per attendance machine: upload lag and punch delivery delays', 'range'],
] as const) {
  const c = report
    .command(kind)
    .description(what)
    .requiredOption('--company <id>', 'company id')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', kind === 'payroll' ? 'csv | xlsx (default: from --out, else xlsx)' : 'xlsx | pdf | csv (default: from --out, else xlsx)')
    .option('--department <id>', 'only this department and the ones below it');
  if (period === 'month') c.requiredOption('--month <YYYY-MM>', 'e.g. 2026-10');
  else c.requiredOption('--from <YYYY-MM-DD>').requiredOption('--to <YYYY-MM-DD>');
  c.action(async (opts) => {
    const { reportCommand } = await import('./report.js');
    process.exitCode = await reportCommand(kind, opts);
  });
}

const simulate = program.command('simulate').description('simulate sources against a Daka server');
simulate
  .command('devices')
  .description('run simulated ZKTeco push devices; prints one JSON summary (without --server: a self-test against an in-process hub)')
  .requiredOption('--count <n>', 'number of devices')
  .option('--server <url>', 'Daka base URL, e.g. http://127.0.0.1:8080')
  .option('--punches <n>', 'punches per device (default 1000)')
  .option('--batch <n>', 'ATTLOG lines per upload (default 128)')
  .option('--seed <n>', 'random seed (default 1)')
  .option('--offline-rate <r>', 'chance per round that a device goes offline and replays a backlog (0..1)')
  .option('--drop-rate <r>', 'chance per round that an upload reply is lost after commit (0..1)')
  .option('--full-replay', 'every device re-sends its whole log at the end')
  .option('--no-quirks', 'canonical wire format only (no CRLF, trailing TABs, GBK names…)')
  .action(async (opts) => {
    const { simulateDevices } = await import('./simulate.js');
    process.exitCode = await simulateDevices(opts);
  });

const importer = program.command('import').description('import a file the way the API does (dry run first with --dry-run)');
importer
  .command('employees')
  .argument('<file>', 'CSV (UTF-8 or GBK) or XLSX with Chinese or English headers')
  .requiredOption('--company <id>', 'company id')
  .option('--dry-run', 'check every row and report problems; change nothing')
  .option('--create-departments', 'create departments the file names that do not exist yet (otherwise they are errors)')
  .action(async (file: string, opts) => {
    const { importCommand } = await import('./import.js');
    process.exitCode = await importCommand('employees', file, opts);
  });
importer
  .command('punches')
  .argument('<file>', 'a device export: attlog.dat, CSV or XLSX')
  .requiredOption('--device <id>', 'the device the file came from')
  .option('--dry-run', 'check every line and report problems; change nothing')
  .action(async (file: string, opts) => {
    const { importCommand } = await import('./import.js');
    process.exitCode = await importCommand('punches', file, opts);
  });

program
  .command('bench')
  .description('run benchmarks from bench/ compiled: one JSON line each and a summary of targets met and missed')
  .argument('[names...]', 'benchmark names; none lists them')
  .option('--quick', 'small inputs: checks that each runs; figures not comparable with the targets')
  .option('--strict', 'exit 1 when a target is missed')
  .option('--timeout <sec>', 'stop a benchmark that runs longer than this')
  .action(async (names: string[], opts: { quick?: boolean; strict?: boolean; timeout?: string }) => {
    const { benchCommand } = await import('./bench.js');
    // Everything after `--` goes to the benchmarks; commander also lists it among the names.
    const dash = process.argv.indexOf('--');
    const extra = dash > 0 ? process.argv.slice(dash + 1) : [];
    process.exitCode = benchCommand(names.slice(0, names.length - extra.length), opts, extra);
  });

