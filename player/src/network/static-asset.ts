/** What the browser fetched to load the app itself, as a HAR or the browser names it. */
const ASSET_RESOURCE_TYPES = new Set([
  'document',
  'stylesheet',
  'script',
  'image',
  'font',
  'media',
  'manifest',
  'texttrack',
  'imageset',
]);

/** Content types of documents, scripts, styles, images, fonts, media and source maps. */
const ASSET_MIME =
  /^(?:text\/(?:html|css|javascript|ecmascript|jsx)|application\/(?:x-)?(?:javascript|ecmascript|wasm|manifest\+json|xhtml\+xml)|image\/|font\/|audio\/|video\/|application\/(?:font-|x-font-|vnd\.ms-fontobject))/i;

/** File names that are assets whatever the server said they were (source maps are served as JSON). */
const ASSET_PATH =
  /\.(?:html?|m?js|cjs|jsx|tsx?|css|map|png|jpe?g|gif|webp|avif|svg|ico|bmp|woff2?|ttf|otf|eot|mp[34]|webm|ogg|wav|wasm)$/i;

export interface AssetClues {
  /** HAR `_resourceType` or Playwright's `request.resourceType()`, when known. */
  resourceType?: string;
  url: string;
  /** The response's content type, when known. */
  mimeType?: string;
}

/**
 * True for the app's own documents, scripts, styles, images, fonts, media and
 * source maps: the developer's dev server serves them during a replay, so a
 * playback file neither expects nor embeds them. API calls (fetch, XHR,
 * EventSource, WebSocket, beacons) are never assets.
 */
export function isStaticAsset(clues: AssetClues): boolean {
  const type = clues.resourceType?.toLowerCase();
  if (type && ASSET_RESOURCE_TYPES.has(type)) return true;
  if (type && type !== 'other') return false;
  if (clues.mimeType && ASSET_MIME.test(clues.mimeType.split(';')[0]!.trim())) return true;
  try {
    return ASSET_PATH.test(new URL(clues.url).pathname);
  } catch {
    return false;
  }
}
