import { basename } from 'node:path';
import type { CollectContext } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { ScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { DatasetState, Facts, SystemSnapshot } from '../../src/model/snapshot.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import type { FileTargetConfig } from './config.js';
import { readCsv } from './csv-reader.js';
import { Ingest } from './ingest.js';
import { readJsonl } from './jsonl-reader.js';
import { fileLayout } from './layout.js';
import { readJsonRef, resolveForHeader, resolveForJsonLines, type JsonRef } from './resolve-mapping.js';
import { FileProblem, openExport, resolveExportFile } from './source.js';

/** Records per batch ("page" in the coverage): only progress and coverage granularity, not memory. */
const DEFAULT_BATCH = 1000;
const MAX_BATCH = 10_000;

/**
 * I/O only: open the export, stream it record by record into the ProfileStore, and say how
 * complete the read was. Never touches the network. A configuration mistake throws ConfigError
 * (exit 2); a problem in the file's content becomes ScanErrors and the read keeps what it had.
 */
export async function collectFile(config: FileTargetConfig, ctx: CollectContext): Promise<SystemSnapshot> {
  const layout = fileLayout(config);
  const absolute = resolveExportFile(config.id, ctx.baseDir, config.path);
  const collection = new StoreCollection(config.id, config.profiles);
  const dataset = collection.dataset(config.records);
  const users = config.records === 'users';

  if (!collection.readProfiles) {
    // Nothing of an export is configuration: with profiles off the file is not even opened.
    collection.skipProfiles(config.records);
    const skipped = unknownObservation<UserStatsFacts>({ kind: 'not-observed', detail: 'profiles.read is false for this target: the export was not read' });
    return snapshot(config, collection, basename(absolute), skipped);
  }

  const source = openExport(absolute, layout);

  ctx.progress(`reading ${source.name}`);
  const options = {
    collection,
    dataset,
    pageSize: collection.pageSize(DEFAULT_BATCH, MAX_BATCH),
    userStats: users,
    onPage: (done: number) => ctx.progress(`reading ${source.name}`, { done }),
  };
  let ingest: Ingest<number> | Ingest<JsonRef>;
  let failure: FileProblem | undefined;
  if (layout.format === 'csv') {
    const csv = (ingest = new Ingest<number>(options));
    failure = await attempt(() =>
      readCsv(
        source,
        layout,
        {
          header: (names) => csv.useMapping(resolveForHeader(config, source.name, names)),
          row: (values, line) => csv.record((index) => [values[index] ?? ''], line),
          reject: (reason, line) => csv.reject(reason, line),
        },
        ctx.signal,
      ),
    );
  } else {
    const jsonl = (ingest = new Ingest<JsonRef>(options));
    jsonl.useMapping(resolveForJsonLines(config));
    failure = await attempt(() =>
      readJsonl(
        source,
        {
          row: (object, line) => jsonl.record((ref) => readJsonRef(object, ref), line),
          reject: (reason, line) => jsonl.reject(reason, line),
        },
        ctx.signal,
      ),
    );
  }
  ingest.flush();

  const notes: string[] = [];
  let state: DatasetState = 'complete';
  if (failure) {
    const error: ScanError = {
      code: failure.code,
      message: `${source.name}: line ${failure.line}: ${failure.message}`,
      endpoint: config.path,
      retryable: failure.retryable,
      remediation:
        dataset.records > 0
          ? `fix or re-export the file; the ${dataset.records} record(s) before it were read`
          : 'fix or re-export the file',
    };
    collection.errors.push(error);
    state = dataset.records > 0 ? 'partial' : 'not-read';
    notes.push(`${error.code}: ${error.message}`);
  } else if (ingest.capped) {
    state = 'partial';
    notes.push(`stopped at maxRecords ${config.profiles?.maxRecords ?? '?'}`);
  } else {
    dataset.total(ingest.rows);
  }
  if (ingest.rejects.total > 0) {
    const message = `${source.name}: ${ingest.rejects.total} of ${ingest.rows} rows rejected — ${ingest.rejects.summary()}`;
    collection.errors.push({
      code: 'PARTIAL_READ',
      message,
      endpoint: config.path,
      retryable: false,
      remediation: 'fix the rows at those lines (an id in every row, dates in ISO 8601 or epoch), or correct the mapping',
    });
    if (state === 'complete') state = 'partial';
    notes.push(`${ingest.rejects.total} of ${ingest.rows} rows rejected — ${ingest.rejects.summary()}`);
    ctx.log.warn(message);
  }
  if (ingest.duplicates > 0) notes.push(`${ingest.duplicates} row(s) repeat an id already read (every record kept)`);
  const defaults = ingest.mapping?.defaultsUsed() ?? [];
  if (defaults.length) {
    notes.push(`mapping defaults used: ${defaults.join(', ')}`);
    ctx.log.info(`${source.name}: mapping defaults used: ${defaults.join(', ')}`);
  }
  const empty = ingest.neverFilled();
  if (empty.length) {
    notes.push(`mapped columns empty in every row: ${empty.join(', ')}`);
    ctx.log.warn(`${source.name}: mapped columns empty in every row: ${empty.join(', ')} — check the mapping`);
  }
  if (source.decoder.invalidSequences > 0) {
    notes.push(`${source.decoder.invalidSequences} character(s) not valid ${layout.encoding} (set csv.encoding?)`);
  }
  if (state !== 'complete' || notes.length) dataset.stopped(state, notes.join('. '));

  const firstError = collection.errors[0];
  const userStats: Observation<UserStatsFacts> =
    failure && ingest.rows === 0
      ? unknownObservation({ kind: 'collection-error', detail: `${source.name}: the export could not be read`, ...(firstError ? { error: firstError } : {}) })
      : observed(ingest.statsFacts(ingest.rows) ?? { total: ingest.rows, read: dataset.records });
  return snapshot(config, collection, source.name, userStats);
}

/** A FileProblem ends the read but not the scan; anything else (a ConfigError) is thrown on. */
async function attempt(read: () => Promise<unknown>): Promise<FileProblem | undefined> {
  try {
    await read();
    return undefined;
  } catch (err) {
    if (err instanceof FileProblem) return err;
    throw err;
  }
}

function snapshot(config: FileTargetConfig, collection: StoreCollection, fileName: string, userStats: Observation<UserStatsFacts>): SystemSnapshot {
  const product = config.product ?? 'unknown';
  if (config.records === 'contacts') return collection.snapshot('crm', product, {});
  const facts: Facts = { identityStore: { scope: { kind: 'file', name: fileName }, userStats } };
  return collection.snapshot('identity-store', product, facts);
}
