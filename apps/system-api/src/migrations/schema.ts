import { SYSTEM_ENTITIES } from '../system-api.module';
import { SYSTEM_MIGRATIONS } from './index';

/** What `npm run migrate` and the migration tools need to know about system-api's database. */
export const SCHEMA = { app: 'system', entities: SYSTEM_ENTITIES, migrations: SYSTEM_MIGRATIONS };
