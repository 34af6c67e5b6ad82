// The clock port moved to @weft/platform (retention in every app reads it too); workflow code keeps this path.
export { CLOCK, Clock, isoAt, systemClock } from '@weft/platform';
