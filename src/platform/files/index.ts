import type { Config } from '../config';
import { localFileStore } from './local';
import { s3FileStore } from './s3';
import type { FileStore } from './store';

export type { FileStore } from './store';

/** The bucket when S3_* are set, else the folder DATA_DIR. */
export function createFileStore(config: Config): FileStore {
  return config.s3 ? s3FileStore(config.s3) : localFileStore(config.dataDir);
}
