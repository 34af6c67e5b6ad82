import './tracing';
import 'reflect-metadata';
import { runApp } from '@weft/platform';
import { createExperienceApi } from './experience-api.app';

void runApp('experience-api', createExperienceApi, (c) => c.EXPERIENCE_API_PORT);
