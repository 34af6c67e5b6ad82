import { EXPERIENCE_ENTITIES } from '../experience-api.module';
import { EXPERIENCE_MIGRATIONS } from './index';

/** What `npm run migrate` and the migration tools need to know about experience-api's database. */
export const SCHEMA = { app: 'experience', entities: EXPERIENCE_ENTITIES, migrations: EXPERIENCE_MIGRATIONS };
