/**
 * The warning an article gets when the English-only stages skip it; the build summary counts it.
 * A module of its own: the command line reads it without loading the language detector.
 */
export const NOT_ENGLISH = 'not in English';
