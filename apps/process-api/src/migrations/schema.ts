import { PROCESS_ENTITIES } from '../process-api.module';
import { PROCESS_MIGRATIONS } from './index';

/** What `npm run migrate` and the migration tools need to know about process-api's database. */
export const SCHEMA = { app: 'process', entities: PROCESS_ENTITIES, migrations: PROCESS_MIGRATIONS };
