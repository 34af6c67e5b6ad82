import './tracing';
import 'reflect-metadata';
import { runApp } from '@weft/platform';
import { createProcessApi } from './process-api.app';

void runApp('process-api', createProcessApi, (c) => c.PROCESS_API_PORT);
