import type { Config } from './config';
import type { Clock } from './clock';
import type { Database, Db } from './db/client';
import type { FileStore } from './files/store';
import type { Jobs } from './jobs';
import type { Logger } from './log';
import type { MailTransport } from './mail/deliver';
import type { PaymentProvider, SmsProvider } from './providers';
import type { SearchEngine } from './searchPort';

/** Everything a command, route or job needs from the outside world, passed explicitly. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  /** Where pictures, attachments and export ZIPs are kept: DATA_DIR or the S3 bucket. */
  files: FileStore;
  clock: Clock;
  jobs: Jobs;
  log: Logger;
  mailTransport: MailTransport | null;
  paymentProvider: PaymentProvider;
  smsProvider: SmsProvider;
  /** Search: PostgreSQL, or Groonga when SEARCH_URL is set (marketplace/search). */
  search: SearchEngine;
};
