/** Flags Chromium needs on this kind of machine: root, no GPU, a closed network. */
export declare const CHROMIUM_ARGS: string[];
/** Path of a Chromium executable; installs Debian's package when root, else throws saying what to install. */
export declare function ensureChromium(): string;
