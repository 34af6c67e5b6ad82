export * from './weft-metrics';
