/**
 * The numbers rrweb writes into a recording (rrweb-io/rrweb, packages/types and
 * rrweb-snapshot). Only the ones click detection reads are named here.
 */

/** `event.type` */
export const RrwebEventType = {
  FullSnapshot: 2,
  IncrementalSnapshot: 3,
  Meta: 4,
  Custom: 5,
} as const;

/** `event.data.source` of an incremental snapshot. */
export const RrwebIncrementalSource = {
  Mutation: 0,
  MouseMove: 1,
  MouseInteraction: 2,
  Scroll: 3,
  ViewportResize: 4,
  Input: 5,
  TouchMove: 6,
  MediaInteraction: 7,
  CanvasMutation: 9,
  Selection: 14,
} as const;

/** `event.data.type` of a mouse interaction. */
export const RrwebMouseInteraction = {
  MouseUp: 0,
  MouseDown: 1,
  Click: 2,
  ContextMenu: 3,
  DblClick: 4,
  Focus: 5,
  Blur: 6,
  TouchStart: 7,
  TouchEnd: 9,
} as const;

/** `event.data.type` of a media interaction. */
export const RrwebMediaInteraction = {
  Play: 0,
  Pause: 1,
} as const;

/** `node.type` of a serialized node. */
export const RrwebNodeType = {
  Document: 0,
  DocumentType: 1,
  Element: 2,
  Text: 3,
  CDATA: 4,
  Comment: 5,
} as const;

/** `pointerType` of a mouse interaction, by index. */
export const RRWEB_POINTER_TYPES = ['mouse', 'pen', 'touch'] as const;
