import { loadConfigOrExit } from '../config';
import { copyFiles, progressBar } from './copy';
import { localFileStore } from './local';
import { s3FileStore } from './s3';

// npm run files:migrate: copies the files kept in DATA_DIR into the S3_* bucket, key for key. Safe to run
// again (files already in the bucket are skipped) and to stop half-way (the next run resumes).
const config = loadConfigOrExit();
if (!config.s3) {
  console.error(
    'files:migrate needs the S3_* settings (S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY).',
  );
  process.exit(2);
}
const target = s3FileStore(config.s3);
await target.check();
const interactive = process.stderr.isTTY;
let lastPrinted = 0;
const result = await copyFiles(localFileStore(config.dataDir), target, {
  prefix: 'uploads/',
  onProgress(progress) {
    // A terminal gets one line redrawn; a log gets a line every 5 seconds and the last one.
    if (interactive) process.stderr.write(`\r${progressBar(progress)}`);
    else if (Date.now() - lastPrinted > 5000 || progress.done === progress.total) {
      lastPrinted = Date.now();
      process.stderr.write(`${progressBar(progress)}\n`);
    }
  },
});
if (interactive) process.stderr.write('\n');
for (const name of result.notKeys) console.log(`left in place, not a file the app wrote: ${name}`);
console.log(
  `${result.total} files in ${config.dataDir}: ${result.copied} copied to bucket ${config.s3.bucket}, ${result.skipped} already there.`,
);
