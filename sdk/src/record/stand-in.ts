// The stand-ins live in the detector: the consumer scrubs with the same ones on the server.
export { looksPersonal, standInFor } from '@playback/detector/engine';
