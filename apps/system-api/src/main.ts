import './tracing';
import 'reflect-metadata';
import { runApp } from '@weft/platform';
import { createSystemApi } from './system-api.app';

void runApp('system-api', createSystemApi, (c) => c.SYSTEM_API_PORT);
